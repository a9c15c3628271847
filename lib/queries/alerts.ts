import "server-only";
import { type Actor, authorize, withCustomerScope } from "../authz/policy";
import { db } from "../db/client";

/** Open alerts across the actor's customers, most severe and oldest first. */
export async function listOpenAlerts(actor: Actor, options: { take?: number } = {}) {
  authorize(actor, "alert:read");
  return db().alert.findMany({
    where: withCustomerScope(actor, {
      status: { in: ["NEW" as const, "ACKNOWLEDGED" as const, "IN_PROGRESS" as const] },
    }),
    select: {
      id: true,
      title: true,
      severity: true,
      status: true,
      region: true,
      resource: true,
      firstSeenAt: true,
      dueAt: true,
      customer: { select: { id: true, name: true } },
      awsAccount: { select: { alias: true, accountNumber: true } },
    },
    orderBy: [{ severity: "asc" }, { firstSeenAt: "asc" }],
    take: options.take ?? 100,
  });
}
