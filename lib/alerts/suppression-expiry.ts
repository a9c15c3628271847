import type { PrismaClient } from "../db/client";
import { slaOf } from "./raise-alerts";
import { type AlertSeverity, dueAtFor } from "./sla";

// A suppression is an approved, temporary exception: when it expires the alert is back in the queue as
// NEW, with a fresh due time and a note saying which suppression ended. Run from a schedule (lib/jobs);
// the next evaluation reopens an expired one as well if the schedule is late.

export async function reopenExpiredSuppressions(
  client: PrismaClient,
  now: Date,
): Promise<{ reopened: number; alertIds: string[]; criticalAlertIds: string[] }> {
  const reopened = await client.$transaction(async (tx) => {
    // SKIP LOCKED: an alert a consultant is changing right now is picked up by the next run.
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Alert"
      WHERE "status" = 'SUPPRESSED' AND "suppressedUntil" IS NOT NULL AND "suppressedUntil" <= ${now}
      ORDER BY "id"
      LIMIT 500
      FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return [];
    const alerts = await tx.alert.findMany({
      where: { id: { in: due.map((row) => row.id) } },
      select: {
        id: true,
        severity: true,
        suppressedUntil: true,
        suppressionReason: true,
        customer: { select: { id: true, settings: true } },
      },
    });
    for (const alert of alerts) {
      const sla = slaOf(alert.customer.settings, alert.customer.id);
      await tx.alert.update({
        where: { id: alert.id },
        data: {
          status: "NEW",
          acknowledgedAt: null,
          resolvedAt: null,
          suppressedUntil: null,
          suppressionReason: null,
          suppressionApproverId: null,
          dueAt: dueAtFor(alert.severity as AlertSeverity, now, sla),
          version: { increment: 1 },
        },
      });
      await tx.alertEvent.create({
        data: {
          alertId: alert.id,
          type: "suppression_expired",
          fromStatus: "SUPPRESSED",
          toStatus: "NEW",
          note: `The suppression ended on ${alert.suppressedUntil?.toISOString().slice(0, 10)} (reason: ${
            alert.suppressionReason ?? "none given"
          }); the alert is open again.`,
          createdAt: now,
        },
      });
    }
    return alerts;
  });
  return {
    reopened: reopened.length,
    alertIds: reopened.map((alert) => alert.id),
    // Their e-mail is queued by the caller (the job layer).
    criticalAlertIds: reopened.filter((alert) => alert.severity === "CRITICAL").map((alert) => alert.id),
  };
}
