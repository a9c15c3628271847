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
  "change:read", // a customer's change requests and ICR log (issue 15)
  "change:draft", // request, assess and cancel changes
  "change:run", // start, validate and close approved changes
  "change:approve", // approve or reject (technical manager, customer reviewer where collaborative, governance)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_OWN_CUSTOMER: Permission[] = [
  "customer:read",
  "alert:read",
  "review:read",
  "export:read",
  "evidencePack:generate",
  "change:read",
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
    "change:read",
    "change:draft",
    "change:run",
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
    "change:read",
    "change:approve",
  ],
  CUSTOMER_VIEWER: READ_OWN_CUSTOMER,
  CUSTOMER_REVIEWER: [...READ_OWN_CUSTOMER, "review:decide", "change:approve"],
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

/**
 * Which customers a role reaches, as data: every customer; the customers a user is assigned to (unless
 * the user's allCustomers flag is set); or the one customer a customer user belongs to. `assignable`:
 * an administrator may assign users of this role to customers (a manager's assignments name whom it
 * looks after, though it sees every customer).
 */
export type RoleReach = "every-customer" | "assigned-customers" | "own-customer";
export const ROLE_REACH: Record<Role, { reach: RoleReach; assignable: boolean }> = {
  ADMIN: { reach: "every-customer", assignable: false },
  CONSULTANT: { reach: "assigned-customers", assignable: true },
  MANAGER: { reach: "every-customer", assignable: true },
  CUSTOMER_VIEWER: { reach: "own-customer", assignable: false },
  CUSTOMER_REVIEWER: { reach: "own-customer", assignable: false },
};

/** A customer user: pinned to one customer, signs in with a password only (no staff sign-in rules). */
export function isCustomerRole(role: Role): boolean {
  return ROLE_REACH[role].reach === "own-customer";
}

/** The consultancy's own people (administrators, consultants, managers). */
export function isStaffRole(role: Role): boolean {
  return !isCustomerRole(role);
}

/** Whether the allCustomers flag means anything for this role (it widens assigned-customers reach). */
export function hasAllCustomersFlag(role: Role): boolean {
  return ROLE_REACH[role].reach === "assigned-customers";
}

export function isAssignableRole(role: Role): boolean {
  return ROLE_REACH[role].assignable;
}

export const ASSIGNABLE_ROLES = ROLES.filter(isAssignableRole);

export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}

export function isCustomerUser(actor: Actor): boolean {
  return isCustomerRole(actor.role);
}

/** A `where` on User rows; shaped for Prisma's UserWhereInput (the policy itself does not load Prisma). */
export type UserCondition =
  | { role: Role }
  | { role: Role; allCustomers: true }
  | { role: Role; assignments: { some: { customerId: string } } }
  | { role: Role; customerId: string };

/**
 * How a user reaches a customer: through its role (every customer), its allCustomers flag, an
 * assignment, or by belonging to it. "any" is all of them.
 */
export type ReachBy = "any" | "role" | "allCustomers" | "assignment" | "membership";

function reachConditions(role: Role, customerId: string, by: ReachBy): UserCondition[] {
  const wanted = (kind: ReachBy) => by === "any" || by === kind;
  switch (ROLE_REACH[role].reach) {
    case "every-customer":
      return wanted("role") ? [{ role }] : [];
    case "assigned-customers":
      return [
        ...(wanted("allCustomers") ? [{ role, allCustomers: true as const }] : []),
        ...(wanted("assignment") ? [{ role, assignments: { some: { customerId } } }] : []),
      ];
    case "own-customer":
      return wanted("membership") ? [{ role, customerId }] : [];
  }
}

/**
 * The other direction of the policy: which active users may act with `permission` on `customerId`
 * (the permission table × each role's reach). `by` narrows how they reach it.
 */
export function usersWhoCan(
  permission: Permission,
  customerId: string,
  by: ReachBy = "any",
): { active: true; OR: UserCondition[] } {
  return {
    active: true,
    OR: rolesWith(permission).flatMap((role) => reachConditions(role, customerId, by)),
  };
}

/** As usersWhoCan, staff only (the consultancy's people, never a customer's). */
export function staffWhoCan(
  permission: Permission,
  customerId: string,
  by: ReachBy = "any",
): { active: true; OR: UserCondition[] } {
  return {
    active: true,
    OR: rolesWith(permission)
      .filter(isStaffRole)
      .flatMap((role) => reachConditions(role, customerId, by)),
  };
}

/** The fields of a user that decide its scope: the signed-in actor, or a stored user such as a mail recipient. */
export type ScopedUser = Pick<Actor, "role" | "customerId" | "allCustomers" | "assignedCustomerIds">;

export type CustomerScope = { kind: "all" } | { kind: "only"; customerIds: readonly string[] };

// SECURITY: the only function that decides which customers an actor sees. A customer user is pinned
// to its own customerId and nothing widens that; a consultant without allCustomers sees only its
// assignments. A change here comes with a new attacker-side test (policy.test.ts, e2e/isolation).
export function customerScope(actor: ScopedUser): CustomerScope {
  switch (ROLE_REACH[actor.role].reach) {
    case "every-customer":
      return { kind: "all" };
    case "assigned-customers":
      return actor.allCustomers ? { kind: "all" } : { kind: "only", customerIds: actor.assignedCustomerIds };
    case "own-customer":
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
