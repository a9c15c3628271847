"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { actionClient } from "@/lib/actions/action-client";
import { updateAssignmentsSchema } from "@/lib/actions/assignment-schemas";
import { ROLE_LABELS } from "@/lib/auth/role-labels";
import { authorize, hasAllCustomersFlag, isAssignableRole, withCustomerIdScope } from "@/lib/authz/policy";
import { notFound } from "@/lib/errors";

// Who looks after whom (issue 11 item 5). A consultant's assignments ARE its scope (customerScope reads
// them on every request, so a change applies at the user's next click); a manager's mark the customers it
// is technical manager of (managers see every customer). Administrators only (user:manage).

export const updateAssignmentsAction = actionClient
  .metadata({ actionName: "updateAssignments", permission: "user:manage" })
  .inputSchema(updateAssignmentsSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const user = await tx.user.findUnique({
        where: { id: parsedInput.userId },
        select: { id: true, name: true, email: true, role: true, customerId: true, allCustomers: true },
      });
      if (!user) throw notFound("Not found");
      // A customer user belongs to one customer by its role; staff of another kind looks after none.
      if (user.customerId) authorize(actor, "user:manage", { customerId: user.customerId });
      if (!isAssignableRole(user.role)) {
        returnValidationErrors(updateAssignmentsSchema, {
          userId: {
            _errors: [
              `${user.name} is ${ROLE_LABELS[user.role].toLowerCase()}: only consultants and managers are assigned to customers.${
                user.role === "ADMIN"
                  ? " Administrators see every customer."
                  : " A customer user's customer is set by its role."
              }`,
            ],
          },
        });
      }
      const customers = await tx.customer.findMany({
        where: withCustomerIdScope(actor, { id: { in: parsedInput.customerIds }, archivedAt: null }),
        select: { id: true, name: true },
      });
      if (customers.length !== parsedInput.customerIds.length) {
        returnValidationErrors(updateAssignmentsSchema, {
          customerIds: { _errors: ["One of the chosen customers no longer exists or was retired. Reload the page."] },
        });
      }
      for (const customer of customers) authorize(actor, "user:manage", { customerId: customer.id });

      const current = await tx.customerAssignment.findMany({
        // Assignments to retired customers are left as they were (history of who looked after them).
        where: { userId: user.id, customer: { archivedAt: null } },
        select: { customerId: true, customer: { select: { name: true } } },
      });
      const wanted = new Set(parsedInput.customerIds);
      const had = new Set(current.map((row) => row.customerId));
      const removed = current.filter((row) => !wanted.has(row.customerId));
      const added = customers.filter((customer) => !had.has(customer.id));
      if (removed.length > 0)
        await tx.customerAssignment.deleteMany({
          where: { userId: user.id, customerId: { in: removed.map((row) => row.customerId) } },
        });
      if (added.length > 0)
        await tx.customerAssignment.createMany({
          data: added.map((customer) => ({ userId: user.id, customerId: customer.id })),
        });
      const changes = [
        ...added.map((customer) => ({ customerId: customer.id, name: customer.name, change: "assigned" })),
        ...removed.map((row) => ({ customerId: row.customerId, name: row.customer.name, change: "unassigned" })),
      ];
      for (const change of changes) {
        await audit({
          action: change.change === "assigned" ? "customer.assignment_added" : "customer.assignment_removed",
          targetType: "User",
          targetId: user.id,
          customerId: change.customerId,
          metadata: { user: user.email, role: user.role, customer: change.name },
        });
      }
      return {
        userId: user.id,
        name: user.name,
        added: added.length,
        removed: removed.length,
        total: wanted.size,
        allCustomers: hasAllCustomersFlag(user.role) && user.allCustomers,
      };
    });
    revalidatePath("/admin/assignments");
    return result;
  });
