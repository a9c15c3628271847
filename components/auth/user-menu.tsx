"use client";

import { signOut } from "next-auth/react";
import { useEffect, useId, useRef, useState } from "react";
import { ROLE_LABELS } from "@/lib/auth/role-labels";
import type { Role } from "@/lib/authz/policy";

/** The signed-in user's name and role; opens to the e-mail and Sign out (next-auth's CSRF-protected POST). */
export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative text-sm">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="rounded-md px-2 py-1 text-right leading-tight hover:bg-white/10"
      >
        <span className="block font-medium">{name}</span>
        <span className="block text-xs text-white/75">{ROLE_LABELS[role]}</span>
      </button>
      {open ? (
        <div
          id={panelId}
          className="absolute right-0 z-20 mt-2 w-64 rounded-md bg-white p-3 text-slate-800 shadow-lg ring-1 ring-slate-200"
        >
          <p className="truncate text-xs text-slate-500" title={email}>
            Signed in as {email}
          </p>
          <a href="/mfa" className="mt-3 block rounded-md px-3 py-2 font-medium text-brand-700 hover:bg-slate-100">
            Two-step sign-in
          </a>
          <button
            type="button"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut({ callbackUrl: "/signed-out" });
            }}
            className="mt-3 w-full rounded-md bg-slate-100 px-3 py-2 font-medium hover:bg-slate-200 disabled:opacity-60"
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
