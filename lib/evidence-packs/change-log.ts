import { describeResource } from "../changes/components";
import { icrNumber } from "../changes/format";
import type { PrismaClient, Transaction } from "../db/client";

// The pack's change-log chapter (SOP 000 §11 "Closing and Documentation", CHG-1): the changes closed into
// the ICR log in the period, as they stood at the as-of, with their approvals, rollback plan, validation
// and final result. Ordered by closing time then number, so the same request gives the same JSON.

export interface PackChange {
  number: string;
  title: string;
  windowStart: string;
  windowEnd: string;
  windowTimeZone: string;
  components: string[];
  requestedBy: string | null;
  responsible: string;
  rollbackPlan: string | null;
  approvals: { role: string; verdict: string; approver: string; at: string; comment: string }[];
  startedAt: string | null;
  rollbackInvoked: boolean | null;
  servicesChecked: string | null;
  stabilityObserved: string | null;
  observations: string | null;
  validatedAt: string | null;
  outcome: string | null;
  finalResult: string | null;
  closedAt: string;
}

export async function loadPackChangeLog(
  client: PrismaClient | Transaction,
  input: { customerId: string; from: Date; to: Date; asOf: Date },
): Promise<PackChange[]> {
  const rows = await client.changeRequest.findMany({
    where: {
      customerId: input.customerId,
      status: "CLOSED",
      closedAt: { gte: input.from, lt: input.to, lte: input.asOf },
    },
    select: {
      number: true,
      title: true,
      windowStart: true,
      windowEnd: true,
      windowTimeZone: true,
      responsibleRole: true,
      responsibleName: true,
      rollbackPlan: true,
      startedAt: true,
      rollbackInvoked: true,
      servicesChecked: true,
      stabilityObserved: true,
      observations: true,
      validatedAt: true,
      outcome: true,
      finalResult: true,
      closedAt: true,
      requestedBy: { select: { name: true } },
      components: {
        select: {
          region: true,
          resourceKind: true,
          resourceId: true,
          awsAccount: { select: { alias: true, accountNumber: true } },
        },
        orderBy: { id: "asc" },
      },
      approvals: {
        select: { role: true, verdict: true, comment: true, createdAt: true, approver: { select: { name: true } } },
        orderBy: [{ createdAt: "asc" }, { role: "asc" }],
      },
    },
    orderBy: [{ closedAt: "asc" }, { number: "asc" }],
  });
  const iso = (value: Date | null) => (value ? value.toISOString() : null);
  return rows.map((row) => ({
    number: icrNumber(row.number),
    title: row.title,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    windowTimeZone: row.windowTimeZone,
    components: row.components.map(
      (component) =>
        `${component.awsAccount.alias} (${component.awsAccount.accountNumber}): ${describeResource({ region: component.region, kind: component.resourceKind, id: component.resourceId })}`,
    ),
    requestedBy: row.requestedBy?.name ?? null,
    responsible: `${row.responsibleName} (${row.responsibleRole})`,
    rollbackPlan: row.rollbackPlan,
    approvals: row.approvals.map((approval) => ({
      role: approval.role,
      verdict: approval.verdict,
      approver: approval.approver?.name ?? "a former user",
      at: approval.createdAt.toISOString(),
      comment: approval.comment,
    })),
    startedAt: iso(row.startedAt),
    rollbackInvoked: row.rollbackInvoked,
    servicesChecked: row.servicesChecked,
    stabilityObserved: row.stabilityObserved,
    observations: row.observations,
    validatedAt: iso(row.validatedAt),
    outcome: row.outcome,
    finalResult: row.finalResult,
    closedAt: row.closedAt!.toISOString(),
  }));
}
