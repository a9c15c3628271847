import { describe, expect, it } from "vitest";
import { navigationFor } from "./navigation";
import {
  type Actor,
  can,
  isCustomerInScope,
  isCustomerRole,
  isStaffRole,
  PERMISSIONS,
  ROLES,
  type Role,
  rolesWith,
  staffWhoCan,
  type UserCondition,
  usersWhoCan,
} from "./policy";

// The policy's other direction ("which users may act on this customer") checked against the first
// ("may this actor act here"): for every permission and every kind of user, a user matches
// usersWhoCan(permission, customer) exactly when can() and customerScope() let that user act on it.

interface StoredUser extends Actor {
  active: boolean;
}

const CUSTOMER = "c1";

function users(): StoredUser[] {
  const all: StoredUser[] = [];
  for (const role of ROLES)
    for (const allCustomers of [false, true])
      for (const assignedCustomerIds of [[], [CUSTOMER], ["c2"]])
        for (const customerId of [null, CUSTOMER, "c2"])
          for (const active of [true, false])
            all.push({
              userId: "u",
              email: "u@x.example",
              name: "U",
              role,
              allCustomers,
              assignedCustomerIds,
              customerId,
              active,
            });
  return all;
}

/** How PostgreSQL would answer the Prisma `where` for one user row. */
function matches(where: { active: true; OR: UserCondition[] }, user: StoredUser): boolean {
  if (!user.active) return false;
  return where.OR.some((condition) => {
    if (condition.role !== user.role) return false;
    if ("allCustomers" in condition) return user.allCustomers;
    if ("assignments" in condition) return user.assignedCustomerIds.includes(condition.assignments.some.customerId);
    if ("customerId" in condition) return user.customerId === condition.customerId;
    return true;
  });
}

/** The actor a stored user becomes when it signs in (lib/auth/load-actor.ts). */
function asActor(user: StoredUser): Actor {
  const customer = isCustomerRole(user.role);
  const consultantLike = user.role === "CONSULTANT";
  return {
    ...user,
    customerId: customer ? user.customerId : null,
    allCustomers: consultantLike ? user.allCustomers : false,
    assignedCustomerIds: consultantLike ? user.assignedCustomerIds : [],
  };
}

describe("usersWhoCan(): the policy in the other direction", () => {
  for (const permission of PERMISSIONS) {
    it(`${permission}: exactly the active users who can act on the customer`, () => {
      for (const user of users()) {
        const actor = asActor(user);
        const expected = user.active && can(actor, permission) && isCustomerInScope(actor, CUSTOMER);
        expect(matches(usersWhoCan(permission, CUSTOMER), user), JSON.stringify(user)).toBe(expected);
        expect(matches(staffWhoCan(permission, CUSTOMER), user), JSON.stringify(user)).toBe(
          expected && isStaffRole(user.role),
        );
      }
    });
  }

  // The places that used to write these out by hand, as they read now.
  it("reviewers: administrators, consultants who see the customer, its own customer reviewers", () => {
    expect(usersWhoCan("review:decide", CUSTOMER).OR).toEqual([
      { role: "ADMIN" },
      { role: "CONSULTANT", allCustomers: true },
      { role: "CONSULTANT", assignments: { some: { customerId: CUSTOMER } } },
      { role: "CUSTOMER_REVIEWER", customerId: CUSTOMER },
    ]);
  });
  it("alert holders: administrators and consultants who see the customer; managers only watch", () => {
    expect(staffWhoCan("alert:triage", CUSTOMER).OR).toEqual([
      { role: "ADMIN" },
      { role: "CONSULTANT", allCustomers: true },
      { role: "CONSULTANT", assignments: { some: { customerId: CUSTOMER } } },
    ]);
  });
  it("critical-alert mail: assigned consultants first, then those who see every customer", () => {
    expect(staffWhoCan("alert:triage", CUSTOMER, "assignment").OR).toEqual([
      { role: "CONSULTANT", assignments: { some: { customerId: CUSTOMER } } },
    ]);
    expect(staffWhoCan("alert:triage", CUSTOMER, "allCustomers").OR).toEqual([
      { role: "CONSULTANT", allCustomers: true },
    ]);
  });
});

describe("roles", () => {
  const EXPECTED_CUSTOMER_ROLES: Role[] = ["CUSTOMER_VIEWER", "CUSTOMER_REVIEWER"];
  it.each(ROLES)("%s is a customer role or a staff role, never both", (role) => {
    expect(isCustomerRole(role)).toBe(EXPECTED_CUSTOMER_ROLES.includes(role));
    expect(isStaffRole(role)).toBe(!EXPECTED_CUSTOMER_ROLES.includes(role));
  });
  it("rolesWith() reads the permission table", () => {
    expect(rolesWith("review:signoff")).toEqual(["ADMIN", "MANAGER"]);
    expect(rolesWith("customer:read")).toEqual([...ROLES]);
  });
});

describe("navigationFor(): a link only to a page the role can open", () => {
  const EXPECTED: Record<Role, string[]> = {
    ADMIN: ["Portfolio", "Alerts", "Reviews", "Trends", "Settings", "Admin"],
    CONSULTANT: ["Portfolio", "Alerts", "Reviews", "Trends", "Settings"],
    MANAGER: ["Portfolio", "Alerts", "Reviews", "Trends", "Admin"],
    CUSTOMER_VIEWER: ["Scorecard", "Alerts", "Reviews"],
    CUSTOMER_REVIEWER: ["Scorecard", "Alerts", "Reviews"],
  };
  it.each(ROLES)("%s", (role) => {
    const actor: Actor = {
      userId: "u",
      email: "u@x.example",
      name: "U",
      role,
      customerId: isCustomerRole(role) ? CUSTOMER : null,
      allCustomers: false,
      assignedCustomerIds: [],
    };
    const navigation = navigationFor(actor);
    expect(navigation.map((entry) => entry.label)).toEqual(EXPECTED[role]);
    if (isCustomerRole(role)) expect(navigation[0]?.href).toBe(`/customers/${CUSTOMER}`);
  });
});
