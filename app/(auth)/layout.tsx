import type { ReactNode } from "react";
import { LogoMark } from "@/components/brand/logo-mark";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-start justify-center bg-slate-50 px-4 pt-24">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center gap-2 text-xl font-semibold tracking-tight text-brand-900">
          <LogoMark />
          Rampart
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">{children}</div>
      </div>
    </main>
  );
}
