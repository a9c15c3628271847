import "server-only";
import { type Actor, authorize, withCustomerScope } from "../authz/policy";
import { db } from "../db/client";

/** Daily customer score snapshots of the last `days` days, per customer in scope. */
export async function listCustomerScoreHistory(actor: Actor, days = 90) {
  authorize(actor, "trends:read");
  const since = new Date(Date.now() - days * 86_400_000);
  return db().scoreSnapshot.findMany({
    where: withCustomerScope(actor, { scope: "CUSTOMER" as const, kind: "DAILY" as const, day: { gte: since } }),
    select: { day: true, score: true, customer: { select: { id: true, name: true } } },
    orderBy: { day: "asc" },
  });
}
