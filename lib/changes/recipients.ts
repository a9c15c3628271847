import type { Prisma } from "../db/generated/client";

/**
 * Who hears of an approved change (SOP 000 §11 "Communication of the Change"): the internal team of the
 * customer — its assigned consultants and technical managers, and whoever requested the change — and,
 * when the environment is managed collaboratively, the customer's own reviewers. Active users only.
 */
export function changeRecipientsWhere(input: {
  customerId: string;
  collaborative: boolean;
  requestedById: string | null;
}): Prisma.UserWhereInput {
  return {
    active: true,
    OR: [
      { role: { in: ["CONSULTANT", "MANAGER"] }, assignments: { some: { customerId: input.customerId } } },
      ...(input.requestedById ? [{ id: input.requestedById }] : []),
      ...(input.collaborative ? [{ role: "CUSTOMER_REVIEWER" as const, customerId: input.customerId }] : []),
    ],
  };
}
