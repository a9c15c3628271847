import type { PrismaClient } from "../../lib/db/client";

/** Real ids for each dynamic segment, so the fuzzer reaches past "not found" into the pages' own code. */
export async function paramValuesFrom(client: PrismaClient): Promise<Record<string, string[]>> {
  const [customers, accounts, alerts, reviews, controls] = await Promise.all([
    client.customer.findMany({ select: { id: true }, take: 10 }),
    client.awsAccount.findMany({ select: { id: true }, take: 10 }),
    client.alert.findMany({ select: { id: true }, take: 10 }),
    client.accessReview.findMany({ select: { id: true }, take: 10 }),
    client.control.findMany({ select: { id: true }, take: 20 }),
  ]);
  return {
    customerId: customers.map((row) => row.id),
    accountId: accounts.map((row) => row.id),
    alertId: alerts.map((row) => row.id),
    reviewId: reviews.map((row) => row.id),
    controlId: controls.map((row) => row.id),
  };
}
