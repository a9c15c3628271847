import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionActor } from "@/lib/auth/actor";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getOwnMfaStatus } from "@/lib/queries/mfa";
import { MfaEnrolment } from "./mfa-enrolment";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Two-step sign-in" };

// Outside the signed-in shell on purpose (ADR 015): a staff session that must set up its second factor
// first may open this page and nothing else.
export default async function MfaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await getSessionActor();
  if (!session) redirect("/sign-in?callbackUrl=%2Fmfa");
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  const status = await getOwnMfaStatus(session.actor);

  return (
    <>
      <h1 className="mb-1 text-lg font-semibold text-slate-900">Two-step sign-in</h1>
      {status.enabled ? (
        <div className="space-y-4 text-sm text-slate-700">
          <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-800">
            Two-step sign-in is on for {session.actor.email}. Each sign-in asks for a code from your authenticator app.
          </p>
          <p>
            {status.recoveryCodesLeft === 1
              ? "1 recovery code is left."
              : `${status.recoveryCodesLeft} recovery codes are left.`}{" "}
            Lost your phone and your codes? An administrator can reset your two-step sign-in.
          </p>
          <Link href={callbackPath} className="font-medium text-brand-700 underline">
            Back to Rampart
          </Link>
        </div>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600">
            {session.mfaEnrolmentPending
              ? "Your role needs a second step at sign-in. Set it up now to continue."
              : "Protect your account with a code from an authenticator app at each sign-in."}
          </p>
          <MfaEnrolment email={session.actor.email} callbackPath={callbackPath} />
        </>
      )}
      <div className="mt-6 border-t border-slate-200 pt-4">
        <SignOutButton />
      </div>
    </>
  );
}
