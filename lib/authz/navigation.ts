import { type Actor, can, isCustomerUser, type Permission } from "./policy";

// The main navigation, built from the policy: a link shows only to an actor who can open its page. Each
// entry names the permissions its page checks (any one of them opens it), so the two cannot drift: a
// manager without customer:manage or externalId:read sees no Settings link, as /settings answers 404.

export interface NavigationEntry {
  href: string;
  label: string;
}

interface NavigationRule {
  href: (actor: Actor) => string;
  label: string;
  anyOf: readonly Permission[];
  /** Customer users have one customer: their scorecard stands where the portfolio would. */
  for: "staff" | "customer" | "everyone";
}

const NAVIGATION: readonly NavigationRule[] = [
  { href: (actor) => `/customers/${actor.customerId}`, label: "Scorecard", anyOf: ["customer:read"], for: "customer" },
  { href: () => "/portfolio", label: "Portfolio", anyOf: ["portfolio:read"], for: "staff" },
  { href: () => "/alerts", label: "Alerts", anyOf: ["alert:read"], for: "everyone" },
  { href: () => "/reviews", label: "Reviews", anyOf: ["review:read"], for: "everyone" },
  { href: () => "/trends", label: "Trends", anyOf: ["trends:read"], for: "staff" },
  // lib/queries/settings.ts listCustomerSettings: customer:manage or externalId:read.
  { href: () => "/settings", label: "Settings", anyOf: ["customer:manage", "externalId:read"], for: "staff" },
  // app/(app)/admin/page.tsx: users (user:manage) or the audit log (audit:read).
  { href: () => "/admin", label: "Admin", anyOf: ["user:manage", "audit:read"], for: "staff" },
];

export function navigationFor(actor: Actor): NavigationEntry[] {
  const customer = isCustomerUser(actor);
  return NAVIGATION.filter(
    (rule) =>
      (rule.for === "everyone" || (rule.for === "customer") === customer) &&
      rule.anyOf.some((permission) => can(actor, permission)),
  ).map((rule) => ({ href: rule.href(actor), label: rule.label }));
}
