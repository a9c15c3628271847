import { describe, expect, it } from "vitest";
import type { AppError } from "../errors";
import {
  type Actor,
  authorize,
  can,
  customerScope,
  customerWhere,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Role,
} from "./policy";

function actor(role: Role, extra: Partial<Actor> = {}): Actor {
  return {
    userId: "u1",
    email: "u@x.example",
    name: "U",
    role,
    customerId: null,
    allCustomers: false,
    assignedCustomerIds: [],
    ...extra,
  };
}

// The full matrix, written out so that a change to the table is a visible change to this test.
const EXPECTED: Record<Role, Permission[]> = {
  ADMIN: [...PERMISSIONS],
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
  CUSTOMER_VIEWER: [
    "customer:read",
    "alert:read",
    "review:read",
    "export:read",
    "evidencePack:generate",
    "change:read",
  ],
  CUSTOMER_REVIEWER: [
    "customer:read",
    "alert:read",
    "review:read",
    "export:read",
    "evidencePack:generate",
    "change:read",
    "review:decide",
    "change:approve",
  ],
};

describe("can()", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = EXPECTED[role].includes(permission);
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(actor(role), permission)).toBe(expected);
      });
    }
  }
});

describe("customerScope()", () => {
  it("pins a customer viewer to its own customer", () => {
    expect(customerScope(actor("CUSTOMER_VIEWER", { customerId: "c1" }))).toEqual({
      kind: "only",
      customerIds: ["c1"],
    });
  });
  it("ignores assignments and allCustomers on customer users", () => {
    const attacker = actor("CUSTOMER_REVIEWER", { customerId: "c1", allCustomers: true, assignedCustomerIds: ["c2"] });
    expect(customerScope(attacker)).toEqual({ kind: "only", customerIds: ["c1"] });
  });
  it("gives a customer user without a customer nothing", () => {
    expect(customerWhere(actor("CUSTOMER_VIEWER"))).toEqual({ customerId: { in: [] } });
  });
  it("restricts a consultant to assignments unless allCustomers", () => {
    expect(customerScope(actor("CONSULTANT", { assignedCustomerIds: ["c1", "c2"] }))).toEqual({
      kind: "only",
      customerIds: ["c1", "c2"],
    });
    expect(customerScope(actor("CONSULTANT", { allCustomers: true }))).toEqual({ kind: "all" });
  });
  it("lets admins and managers see every customer", () => {
    expect(customerWhere(actor("ADMIN"))).toEqual({});
    expect(customerWhere(actor("MANAGER"))).toEqual({});
  });
});

describe("authorize()", () => {
  it("answers NOT_FOUND for another customer's resource, even with the permission", () => {
    const viewer = actor("CUSTOMER_VIEWER", { customerId: "c1" });
    expect(() => authorize(viewer, "customer:read", { customerId: "c2" })).toThrowError(
      expect.objectContaining({ code: "NOT_FOUND" }) as unknown as AppError,
    );
  });
  it("answers FORBIDDEN for a missing permission on an in-scope resource", () => {
    const viewer = actor("CUSTOMER_VIEWER", { customerId: "c1" });
    expect(() => authorize(viewer, "sync:run", { customerId: "c1" })).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }) as unknown as AppError,
    );
  });
  it("passes when permission and scope both hold", () => {
    expect(() =>
      authorize(actor("CONSULTANT", { assignedCustomerIds: ["c1"] }), "sync:run", { customerId: "c1" }),
    ).not.toThrow();
  });
});
