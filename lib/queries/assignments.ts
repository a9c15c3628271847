import "server-only";
import { type Actor, ASSIGNABLE_ROLES, authorize, hasAllCustomersFlag, withCustomerIdScope } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";

// Read model of the assignments page (administrators): the consultants and managers, the customers
// each looks after, and the customers to choose from.

export interface AssignableUser {
  id: string;
  name: string;
  email: string;
  role: "CONSULTANT" | "MANAGER";
  active: boolean;
  /** CONSULTANT: sees every customer whatever its assignments say. */
  allCustomers: boolean;
  customerIds: string[];
}

export interface AssignmentsView {
  users: AssignableUser[];
  customers: { id: string; name: string }[];
}

export async function listAssignments(actor: Actor): Promise<AssignmentsView> {
  authorize(actor, "user:manage");
  const [customers, users] = await Promise.all([
    db().customer.findMany({
      where: withCustomerIdScope(actor, { archivedAt: null }),
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    db().user.findMany({
      where: { role: { in: ASSIGNABLE_ROLES } },
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        allCustomers: true,
        assignments: { select: { customerId: true }, where: { customer: { archivedAt: null } } },
      },
      orderBy: [{ active: "desc" }, { role: "asc" }, { name: "asc" }],
    }),
  ]);
  const visible = new Set(customers.map((customer) => customer.id));
  return {
    customers,
    users: users.map(({ assignments, ...user }) => ({
      ...user,
      role: user.role as AssignableUser["role"],
      allCustomers: hasAllCustomersFlag(user.role) && user.allCustomers,
      customerIds: assignments.map((row) => row.customerId).filter((id) => visible.has(id)),
    })),
  };
}
