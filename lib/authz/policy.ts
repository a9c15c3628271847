import { AppError } from "../errors";

// THE policy: every permission decision in Rampart is made here, from data.
// Pages, route handlers, server actions, exports and read models call can()/authorize()/customerScope().

export const ROLES = ["ADMIN", "CONSULTANT", "MANAGER", "CUSTOMER_VIEWER", "CUSTOMER_REVIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "portfolio:read", // the cross-customer portfolio view
  "customer:read", // a customer's scorecard, accounts, evidence, findings (within scope)
  "customer:manage", // create/edit customers, their settings
  "controls:configure", // a customer's control parameters and severities (controls.md: "by an admin")
  "account:manage", // add/edit AWS accounts (role ARN, regions)
  "account:test", // run an account's connection test (assume the role, one read per collector)
  "externalId:read", // see a customer's ExternalId (to give the customer its trust policy)
  "user:manage", // invite, deactivate, change roles
  "settings:manage", // global settings
  "audit:read", // the audit log
  "sync:run", // start a sync
  "finding:triage",
  "alert:read",
  "alert:triage",
  "attestation:write",
  "suppression:approve",
  "review:read",
  "review:run", // start/end access-review campaigns
  "review:decide", // record decisions on items
  "review:signoff",
  "trends:read",
  "export:read",
  "evidencePack:generate", // generate and download a customer's signed evidence pack (issue 14)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_OWN_CUSTOMER: Permission[] = [
  "customer:read",
  "alert:read",
  "review:read",
  "export:read",
  "evidencePack:generate",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  CONSULTANT: [
    "portfolio:read",
    "customer:read",
    "externalId:read",
    "account:test",
    "sync:run",
    "finding:triage",
    "alert:read",
    "alert:triage",
    "attestation:write",
    "suppression:approve",
    "review:read",
    "review:run",
    "review:decide",
    "trends:read",
    "export:read",
    "evidencePack:generate",
  ],
  MANAGER: [
    "portfolio:read",
    "customer:read",
    "alert:read",
    "review:read",
    "review:signoff",
    "suppression:approve",
    "trends:read",
    "export:read",
    "audit:read",
    "evidencePack:generate",
  ],
  CUSTOMER_VIEWER: READ_OWN_CUSTOMER,
  CUSTOMER_REVIEWER: [...READ_OWN_CUSTOMER, "review:decide"],
};

/** Who is acting, resolved once per request from the session and the database (never from input). */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** CUSTOMER_* only: the one customer this actor belongs to. */
  customerId: string | null;
  /** CONSULTANT only: false = restricted to assignedCustomerIds. */
  allCustomers: boolean;
  assignedCustomerIds: readonly string[];
}

export function can(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

export function isCustomerUser(actor: Actor): boolean {
  return actor.role === "CUSTOMER_VIEWER" || actor.role === "CUSTOMER_REVIEWER";
}

export type CustomerScope = { kind: "all" } | { kind: "only"; customerIds: readonly string[] };

// SECURITY: the only function that decides which customers an actor sees. A customer user is pinned
// to its own customerId and nothing widens that; a consultant without allCustomers sees only its
// assignments. A change here comes with a new attacker-side test (policy.test.ts, e2e/isolation).
export function customerScope(actor: Actor): CustomerScope {
  switch (actor.role) {
    case "ADMIN":
    case "MANAGER":
      return { kind: "all" };
    case "CONSULTANT":
      return actor.allCustomers ? { kind: "all" } : { kind: "only", customerIds: actor.assignedCustomerIds };
    case "CUSTOMER_VIEWER":
    case "CUSTOMER_REVIEWER":
      return { kind: "only", customerIds: actor.customerId ? [actor.customerId] : [] };
  }
}

/** A Prisma `where` fragment on a model's customerId column. */
export function customerWhere(actor: Actor): { customerId?: { in: string[] } } {
  const scope = customerScope(actor);
  return scope.kind === "all" ? {} : { customerId: { in: [...scope.customerIds] } };
}

/** The same fragment for the Customer model itself (its key is `id`). */
export function customerIdWhere(actor: Actor): { id?: { in: string[] } } {
  const scope = customerScope(actor);
  return scope.kind === "all" ? {} : { id: { in: [...scope.customerIds] } };
}

// SECURITY: never spread customerWhere()/customerIdWhere() into a where that has its own id or
// customerId: `{ id: x, ...<scope helper>(actor) }` lets the scope's `id: { in: … }` replace `x`, and
// the query returns the actor's own rows for any id. These helpers AND the two instead; a unit test
// (scope-composition.test.ts) fails on any spread of the scope helpers.

/** `where` AND the actor's scope, for models with a customerId column. */
export function withCustomerScope<W extends object>(
  actor: Actor,
  where: W,
): { AND: [W, ReturnType<typeof customerWhere>] } {
  return { AND: [where, customerWhere(actor)] };
}

/** `where` AND the actor's scope, for the Customer model itself. */
export function withCustomerIdScope<W extends object>(
  actor: Actor,
  where: W,
): { AND: [W, ReturnType<typeof customerIdWhere>] } {
  return { AND: [where, customerIdWhere(actor)] };
}

export function isCustomerInScope(actor: Actor, customerId: string): boolean {
  const scope = customerScope(actor);
  return scope.kind === "all" || scope.customerIds.includes(customerId);
}

/**
 * Throws unless the actor holds the permission and, for a customer-owned resource, the customer is in
 * scope. Out of scope answers NOT_FOUND (never FORBIDDEN) so a resource's existence is not revealed.
 */
export function authorize(actor: Actor, permission: Permission, resource?: { customerId: string }): void {
  if (resource && !isCustomerInScope(actor, resource.customerId)) throw new AppError("NOT_FOUND", "Not found");
  if (!can(actor, permission)) throw new AppError("FORBIDDEN", "You do not have permission to do that.");
}
