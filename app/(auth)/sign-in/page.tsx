import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { oidcProvider } from "@/lib/auth/options";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getActor()) redirect(callbackPath);
  const sso = oidcProvider();
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold text-slate-900">Sign in</h1>
      <p className="mb-5 text-sm text-slate-600">Security posture of the AWS accounts you look after.</p>
      {params.invited ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Your account is ready. Sign in with your e-mail address and new password.
        </p>
      ) : null}
      <SignInForm
        callbackPath={callbackPath}
        ssoName={sso ? String(sso.name) : null}
        initialError={typeof params.error === "string" ? params.error : null}
      />
    </>
  );
}
