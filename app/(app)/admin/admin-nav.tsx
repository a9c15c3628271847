import Link from "next/link";
import { type Actor, can, customerScope } from "@/lib/authz/policy";
import { isOutboxEnabled } from "@/lib/queries/outbox";

export function AdminNav({
  actor,
  current,
}: {
  actor: Actor;
  current: "users" | "assignments" | "audit-log" | "outbox";
}) {
  const items = [
    ...(can(actor, "user:manage") ? [{ key: "users", href: "/admin/users", label: "Users" }] : []),
    ...(can(actor, "user:manage") ? [{ key: "assignments", href: "/admin/assignments", label: "Assignments" }] : []),
    ...(can(actor, "audit:read") ? [{ key: "audit-log", href: "/admin/audit-log", label: "Audit log" }] : []),
    // The demo's mail catcher (lib/mail/catcher.ts): only where it runs, only for all-customer admins.
    ...(isOutboxEnabled() && can(actor, "user:manage") && customerScope(actor).kind === "all"
      ? [{ key: "outbox", href: "/admin/outbox", label: "Outbox" }]
      : []),
  ];
  return (
    <nav aria-label="Administration" className="mb-6 flex flex-wrap gap-x-4 gap-y-2 border-b border-slate-200 text-sm">
      {items.map((item) => (
        <Link
          key={item.key}
          href={item.href}
          aria-current={item.key === current ? "page" : undefined}
          className={
            item.key === current
              ? "-mb-px border-b-2 border-brand-600 pb-2 font-medium text-brand-700"
              : "pb-2 text-slate-600 hover:text-slate-900"
          }
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
