import type { RampartRecords } from "../controls/types";
import type { PrismaClient } from "../db/client";

// Rampart's own records (attestations, suppressions, alert and access reviews, alerts, endpoint
// acknowledgements) as they stood on a past day, for the history replay. The live evaluation
// (lib/evaluation/evaluate-account.ts loadRecords/loadSuppressions) reads the latest of each; a replayed
// day must not see a record made after it, or an attestation recorded last month would pass a control
// three months ago. Loaded once per customer, then filtered per day in memory.

export interface CustomerRecordHistory {
  attestations: (RampartRecords["attestations"][number] & { awsAccountId: string | null })[];
  alertReviewsAt: Date[];
  accessReviews: { accountIds: string[]; signedOffAt: Date }[];
  alerts: {
    id: string;
    title: string;
    severity: "CRITICAL" | "HIGH";
    status: string;
    firstSeenAt: Date;
    dueAt: Date;
    resolvedAt: Date | null;
  }[];
  acknowledgements: { awsAccountId: string; endpointKey: string; acknowledgedAt: Date }[];
  suppressions: {
    id: string;
    awsAccountId: string | null;
    controlId: string;
    createdAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
  }[];
}

const OPEN_ALERT_STATUSES = new Set(["NEW", "ACKNOWLEDGED", "IN_PROGRESS"]);

export async function loadCustomerRecordHistory(
  client: PrismaClient,
  customerId: string,
): Promise<CustomerRecordHistory> {
  const [attestations, alertReviews, accessReviews, alerts, acknowledgements, suppressions] = await Promise.all([
    client.attestation.findMany({
      where: { customerId },
      select: {
        awsAccountId: true,
        controlId: true,
        attestedAt: true,
        validUntil: true,
        note: true,
        link: true,
        documentRef: true,
        attestedBy: { select: { name: true, email: true } },
      },
    }),
    client.alertReview.findMany({ where: { customerId }, select: { reviewedAt: true } }),
    client.accessReview.findMany({
      where: { customerId, status: "SIGNED_OFF", signedOffAt: { not: null } },
      select: { accountIds: true, signedOffAt: true },
    }),
    client.alert.findMany({
      where: { customerId, severity: { in: ["CRITICAL", "HIGH"] } },
      select: {
        id: true,
        title: true,
        severity: true,
        status: true,
        firstSeenAt: true,
        dueAt: true,
        resolvedAt: true,
      },
    }),
    client.endpointAcknowledgement.findMany({
      where: { customerId },
      select: { awsAccountId: true, endpointKey: true, acknowledgedAt: true },
    }),
    client.suppression.findMany({
      where: { customerId },
      select: { id: true, awsAccountId: true, controlId: true, createdAt: true, expiresAt: true, revokedAt: true },
    }),
  ]);
  return {
    attestations: attestations.map((row) => ({
      awsAccountId: row.awsAccountId,
      controlId: row.controlId,
      attestedAt: row.attestedAt,
      validUntil: row.validUntil,
      attestedBy: row.attestedBy.name || row.attestedBy.email,
      note: row.note,
      link: row.link,
      documentRef: row.documentRef,
    })),
    alertReviewsAt: alertReviews.map((row) => row.reviewedAt),
    accessReviews: accessReviews.flatMap((row) =>
      row.signedOffAt ? [{ accountIds: row.accountIds, signedOffAt: row.signedOffAt }] : [],
    ),
    alerts: alerts.map((row) => ({ ...row, severity: row.severity === "CRITICAL" ? "CRITICAL" : "HIGH" })),
    acknowledgements,
    suppressions,
  };
}

const latest = (dates: readonly Date[]): Date | null =>
  dates.reduce<Date | null>((best, date) => (best === null || date > best ? date : best), null);

/** The records the evaluation would have read for one account at `at`: only those made by then. */
export function recordsAsOf(history: CustomerRecordHistory, awsAccountId: string, at: Date): RampartRecords {
  const made = (date: Date) => date.getTime() <= at.getTime();
  return {
    lastAccessReviewSignOffAt: latest(
      history.accessReviews
        .filter((review) => review.accountIds.includes(awsAccountId) && made(review.signedOffAt))
        .map((review) => review.signedOffAt),
    ),
    lastAlertReviewAt: latest(history.alertReviewsAt.filter(made)),
    // Open at `at`: raised by then and not yet resolved. The alert's status history is not replayed,
    // so one closed without a resolvedAt counts as closed throughout.
    openCriticalOrHighAlertsPastSla: history.alerts
      .filter(
        (alert) =>
          made(alert.firstSeenAt) &&
          alert.dueAt.getTime() < at.getTime() &&
          (alert.resolvedAt ? alert.resolvedAt.getTime() > at.getTime() : OPEN_ALERT_STATUSES.has(alert.status)),
      )
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, 200)
      .map(({ id, title, severity, dueAt }) => ({ id, title, severity, dueAt })),
    acknowledgedEndpointKeys: new Set(
      history.acknowledgements
        .filter((row) => row.awsAccountId === awsAccountId && made(row.acknowledgedAt))
        .map((row) => row.endpointKey),
    ),
    attestations: history.attestations
      .filter((row) => (row.awsAccountId === null || row.awsAccountId === awsAccountId) && made(row.attestedAt))
      .map(({ awsAccountId: _account, ...attestation }) => attestation),
  };
}

/** Valid suppression id by control id at `at` (the one expiring last, as the live evaluation picks). */
export function suppressionsAsOf(history: CustomerRecordHistory, awsAccountId: string, at: Date): Map<string, string> {
  const time = at.getTime();
  const valid = history.suppressions
    .filter(
      (row) =>
        (row.awsAccountId === null || row.awsAccountId === awsAccountId) &&
        row.createdAt.getTime() <= time &&
        row.expiresAt.getTime() > time &&
        (row.revokedAt === null || row.revokedAt.getTime() > time),
    )
    .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
  const byControl = new Map<string, string>();
  for (const row of valid) if (!byControl.has(row.controlId)) byControl.set(row.controlId, row.id);
  return byControl;
}
