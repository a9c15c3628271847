import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in problem" };

// next-auth sends its errors here (?error=…). None of them says whether an account exists.
const MESSAGES: Record<string, string> = {
  AccessDenied:
    "This account cannot sign in here. Single sign-on is for staff whose account an administrator has created.",
  Configuration: "Sign-in is not configured correctly. Tell your administrator.",
  CredentialsSignin: "That e-mail and password did not work.",
};

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold text-slate-900">Sign-in did not work</h1>
      <p role="alert" className="mb-5 text-sm text-slate-700">
        {(typeof error === "string" && Object.hasOwn(MESSAGES, error) ? MESSAGES[error] : undefined) ??
          "Something went wrong while signing in. Try again."}
      </p>
      <Link href="/sign-in" className="text-sm font-medium text-brand-700 underline">
        Back to sign-in
      </Link>
    </>
  );
}
