import Link from "next/link";
import { LogoMark } from "@/components/brand/logo-mark";

// Unmatched URLs. Pages under (app) that call notFound() get app/(app)/not-found.tsx inside the shell.
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-start justify-center bg-slate-50 px-4 pt-24">
      <div className="w-full max-w-md rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <div className="mb-4 flex items-center gap-2 text-xl font-semibold tracking-tight text-brand-900">
          <LogoMark />
          Rampart
        </div>
        <h1 className="text-lg font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          There is no page at this address, or you do not have access to it. Check the link, or start again from your
          dashboard.
        </p>
        <Link href="/" className="mt-5 inline-block text-sm font-medium text-brand-700 underline">
          Go to your dashboard
        </Link>
      </div>
    </main>
  );
}
