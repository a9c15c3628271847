import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Signed out" };

export default function SignedOutPage() {
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold text-slate-900">You have signed out</h1>
      <p className="mb-5 text-sm text-slate-600">Your session has ended on this browser.</p>
      <Link href="/sign-in" className="text-sm font-medium text-brand-700 underline">
        Sign in again
      </Link>
    </>
  );
}
