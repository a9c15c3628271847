import { getControl } from "../controls/catalogue";
import { readCustomerSettings } from "../customers/settings";
import type { PrismaClient, Transaction } from "../db/client";
import { newCuid } from "../db/ids";
import type { OrganizationsEvidence } from "../evidence/organization-tree";
import type { RegionsEvidence } from "../evidence/regions";
import { logger } from "../logger";
import { type AlertPlan, type ExistingAlert, planAlertChanges } from "./reconcile";
import { type AlertSeverity, type AlertSlaHours, dueAtFor, slaHoursOf } from "./sla";
import {
  type AlertSignal,
  type AlertSource,
  ASSUME_ROLE_GAP,
  type AttestationInput,
  attestationSignals,
  type ControlResultInput,
  certificateSignals,
  configSignals,
  controlSignals,
  coverageSignals,
  FINDING_DETAILS_READ,
  type FindingInput,
  failedCollectors,
  inspectorSignals,
  organizationSignals,
  partialRegions,
  type RunInput,
  regionSignals,
  type SourceOutcome,
} from "./sources";
import type { AlertStatus } from "./workflow";

// Raises, repeats, reopens and resolves the alerts of one account after its controls were evaluated.
// Everything is decided from what is stored (results and their history, findings, sync runs,
// attestations), in one transaction that holds the customer's alert lock and the rows it changes, so a
// consultant acting on an alert at the same moment waits for it instead of being overwritten.

export interface RaiseAlertsInput {
  awsAccountId: string;
  /** The sync whose evidence was evaluated; null for a re-evaluation of stored evidence (after a record). */
  syncRunId: string | null;
  evaluatedAt: Date;
}

export interface RaiseAlertsOutcome {
  opened: number;
  repeated: number;
  reopened: number;
  resolved: number;
  escalated: number;
  /**
   * Critical alerts that opened, reopened or became critical now: their consultants are e-mailed. Raising
   * never queues the mail itself; the caller hands these ids to the job layer (lib/jobs/alert-jobs.ts).
   */
  criticalAlertIds: string[];
}

const FRESH_EVIDENCE_SOURCES: readonly AlertSource[] = [
  "INSPECTOR",
  "CONFIG",
  "COVERAGE",
  "CERTIFICATE",
  "ORGANIZATION",
  "REGION",
];
const ALWAYS_SOURCES: readonly AlertSource[] = ["CONTROL", "ATTESTATION"];

/** Raises the account's alerts; throws on failure (see raiseAlertsAfterEvaluation for the sync's use). */
export async function raiseAlerts(client: PrismaClient, input: RaiseAlertsInput): Promise<RaiseAlertsOutcome> {
  return client.$transaction(
    async (tx) => {
      const account = await tx.awsAccount.findUniqueOrThrow({
        where: { id: input.awsAccountId },
        select: {
          id: true,
          customerId: true,
          alias: true,
          regions: true,
          customer: { select: { settings: true } },
        },
      });
      await lockCustomerAlerts(tx, account.customerId);
      const fresh = input.syncRunId !== null;
      const sources = fresh ? [...ALWAYS_SOURCES, ...FRESH_EVIDENCE_SOURCES] : [...ALWAYS_SOURCES];
      const ref = { id: account.id, customerId: account.customerId, alias: account.alias };

      const [current, previous, findings, runs, attestations, coverage] = await Promise.all([
        loadCurrentResults(tx, account.id),
        loadPreviousKnownResults(tx, account.id),
        fresh ? loadOpenFindings(tx, account.id) : Promise.resolve([]),
        fresh ? loadFinishedRuns(tx, account.id) : Promise.resolve([]),
        loadAttestations(tx, account.customerId),
        fresh ? loadCoverageEvidence(tx, account.id) : Promise.resolve(null),
      ]);
      const byControl = new Map(current.map((result) => [result.controlId, result]));
      const outcomes: Partial<Record<AlertSource, SourceOutcome>> = {
        CONTROL: controlSignals({ account: ref, current, previous }),
        ATTESTATION: attestationSignals({
          account: ref,
          attestations,
          severityOf: (controlId) => byControl.get(controlId)?.severity ?? catalogueSeverity(controlId),
          evaluatedAt: input.evaluatedAt,
        }),
      };
      if (fresh) {
        outcomes.INSPECTOR = inspectorSignals({ account: ref, openFindings: findings });
        outcomes.CONFIG = configSignals({ account: ref, openFindings: findings });
        outcomes.COVERAGE = coverageSignals({
          account: ref,
          runs,
          unknownControls: current.filter((result) => result.status === "UNKNOWN"),
        });
        outcomes.CERTIFICATE = certificateSignals({
          account: ref,
          net8: byControl.get("NET-8") ?? null,
          unreadableRegions: new Set(
            runs[0]
              ? [...(failedCollectors(runs[0]).get("acm")?.regions ?? []), ...partialRegions(runs[0], "acm")]
              : [],
          ),
          evaluatedAt: input.evaluatedAt,
        });
        // Evidence the latest run could not read is not judged: its alerts neither open nor clear.
        const failed = runs[0] ? failedCollectors(runs[0]) : new Map();
        // Per-call evidence: a collection where some calls failed (PARTIAL) holds placeholders, not absences.
        const unread = (collector: string) =>
          failed.has(collector) ||
          failed.has(ASSUME_ROLE_GAP) ||
          (runs[0] ? partialRegions(runs[0], collector).length > 0 : false);
        outcomes.ORGANIZATION = organizationSignals({
          account: ref,
          evidence: unread("organizations") ? null : (coverage?.organizations ?? null),
          monitored: coverage?.monitored ?? new Set(),
        });
        outcomes.REGION = regionSignals({
          account: ref,
          evidence: unread("regions") ? null : (coverage?.regions ?? null),
          configuredRegions: account.regions,
        });
      }
      const signals = sources.flatMap((source) => outcomes[source]?.signals ?? []);
      const existing = await lockExistingAlerts(tx, {
        customerId: account.customerId,
        awsAccountId: account.id,
        sources,
        signalKeys: signals.map((signal) => signal.dedupKey),
      });
      const plan = planAlertChanges({
        signals,
        existing,
        clearedNote: (alert) => outcomes[alert.source as AlertSource]?.clearedNote(alert) ?? null,
        at: input.evaluatedAt,
        freshEvidence: fresh,
      });
      return applyAlertPlan(tx, {
        customerId: account.customerId,
        plan,
        at: input.evaluatedAt,
        sla: slaOf(account.customer.settings, account.customerId),
        countOccurrence: fresh,
      });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/**
 * For the sync (and re-evaluations): raises the account's alerts and never throws — a failure is logged
 * and the sync carries on; the next evaluation raises again from the same stored state.
 */
export async function raiseAlertsAfterEvaluation(
  client: PrismaClient,
  input: RaiseAlertsInput,
): Promise<RaiseAlertsOutcome | null> {
  try {
    return await raiseAlerts(client, input);
  } catch (error) {
    logger.error(
      { err: error, awsAccountId: input.awsAccountId, syncRunId: input.syncRunId },
      "raising alerts after the evaluation failed; the next evaluation raises them again",
    );
    return null;
  }
}

/**
 * Raises signals that come from outside an evaluation (the access-review module): the same plan and
 * writes, limited to the keys named in `only`; with `clearedNote`, an open alert among them without a
 * signal resolves itself with that note.
 */
export async function raiseSignals(
  client: PrismaClient,
  input: {
    customerId: string;
    awsAccountId: string;
    source: AlertSource;
    at: Date;
    signals: readonly AlertSignal[];
    only: readonly string[];
    clearedNote?: string;
  },
): Promise<RaiseAlertsOutcome> {
  const only = new Set(input.only);
  return client.$transaction(async (tx) => {
    await lockCustomerAlerts(tx, input.customerId);
    const customer = await tx.customer.findUniqueOrThrow({
      where: { id: input.customerId },
      select: { settings: true },
    });
    const existing = (
      await lockExistingAlerts(tx, {
        customerId: input.customerId,
        awsAccountId: input.awsAccountId,
        sources: [input.source],
        signalKeys: [...only],
      })
    ).filter((alert) => only.has(alert.dedupKey));
    const plan = planAlertChanges({
      signals: input.signals.filter((signal) => only.has(signal.dedupKey)),
      existing,
      clearedNote: () => input.clearedNote ?? null,
      at: input.at,
      freshEvidence: true,
    });
    return applyAlertPlan(tx, {
      customerId: input.customerId,
      plan,
      at: input.at,
      sla: slaOf(customer.settings, input.customerId),
      countOccurrence: true,
    });
  });
}

function catalogueSeverity(controlId: string): AlertSeverity {
  try {
    return getControl(controlId).severity;
  } catch {
    return "MEDIUM";
  }
}

/** The customer's SLA hours from its stored settings (an invalid value: the defaults, logged by the reader). */
export function slaOf(settings: unknown, customerId: string): AlertSlaHours {
  return slaHoursOf(readCustomerSettings(settings, customerId).alertSla);
}

/** One customer's alerts are raised by one transaction at a time (its accounts sync concurrently). */
export async function lockCustomerAlerts(tx: Transaction, customerId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`rampart:alerts:${customerId}`}))`;
}

// ------------------------------------------------------------------------------------------------ loads

async function loadCurrentResults(tx: Transaction, awsAccountId: string): Promise<ControlResultInput[]> {
  const rows = await tx.controlResult.findMany({
    where: { awsAccountId, isCurrent: true },
    select: {
      controlId: true,
      status: true,
      severity: true,
      reason: true,
      offenders: true,
      needsAttestation: true,
      suppressionId: true,
    },
  });
  return rows.map((row) => ({
    controlId: row.controlId,
    status: row.status,
    severity: row.severity,
    reason: row.reason,
    offenders: Array.isArray(row.offenders) ? (row.offenders as unknown as ControlResultInput["offenders"]) : [],
    needsAttestation: row.needsAttestation,
    suppressed: row.suppressionId !== null,
  }));
}

/**
 * Each current control's previous known result: the latest earlier result of a *sync* that was not
 * UNKNOWN. Results without a run are left out: re-evaluations after a record are compared at the next
 * sync, and the demo's replayed history (written afterwards, dated in the past) must not make today's
 * first failure look old. One index probe per control on (awsAccountId, controlId, evaluatedAt DESC).
 */
async function loadPreviousKnownResults(tx: Transaction, awsAccountId: string) {
  const rows = await tx.$queryRaw<
    { controlId: string; status: ControlResultInput["status"]; needsAttestation: boolean; suppressed: boolean }[]
  >`
    SELECT c."controlId", p."status"::text AS "status", p."needsAttestation", p."suppressionId" IS NOT NULL AS "suppressed"
    FROM "ControlResult" c
    CROSS JOIN LATERAL (
      SELECT r."status", r."needsAttestation", r."suppressionId"
      FROM "ControlResult" r
      WHERE r."awsAccountId" = c."awsAccountId" AND r."controlId" = c."controlId"
        AND r."evaluatedAt" < c."evaluatedAt" AND r."status" <> 'UNKNOWN' AND r."syncRunId" IS NOT NULL
      ORDER BY r."evaluatedAt" DESC
      LIMIT 1
    ) p
    WHERE c."awsAccountId" = ${awsAccountId} AND c."isCurrent" = true`;
  return new Map(rows.map((row) => [row.controlId, row]));
}

async function loadOpenFindings(tx: Transaction, awsAccountId: string): Promise<FindingInput[]> {
  // Only the keys of `details` the finding sources read: the rest of a finding's evidence (often most
  // of it) stays in the database.
  const rows = await tx.$queryRaw<(Omit<FindingInput, "details"> & { details: Record<string, unknown> | null })[]>`
    SELECT "source"::text AS "source", "externalKey", "title", "severity"::text AS "severity", "region",
      "resourceType", "resourceId",
      CASE WHEN jsonb_typeof("details") = 'object' THEN (
        SELECT jsonb_object_agg(d."key", d."value") FROM jsonb_each("details") AS d
        WHERE d."key" = ANY(${[...FINDING_DETAILS_READ]}::text[])
      ) END AS "details"
    FROM "Finding"
    WHERE "awsAccountId" = ${awsAccountId} AND "status" = 'OPEN'
      AND (("source" = 'INSPECTOR' AND "severity" IN ('CRITICAL', 'HIGH')) OR "source" = 'CONFIG')`;
  return rows.map((row) => ({ ...row, details: row.details ?? {} }));
}

/** The organizations and regions evidence of the account, and every account number Rampart monitors. */
async function loadCoverageEvidence(tx: Transaction, awsAccountId: string) {
  const [rows, accounts] = await Promise.all([
    tx.evidence.findMany({
      where: { awsAccountId, isCurrent: true, collector: { in: ["organizations", "regions"] }, region: "global" },
      select: { collector: true, data: true },
    }),
    tx.awsAccount.findMany({ select: { accountNumber: true } }),
  ]);
  const data = (collector: string) => rows.find((row) => row.collector === collector)?.data ?? null;
  return {
    organizations: data("organizations") as OrganizationsEvidence | null,
    regions: data("regions") as RegionsEvidence | null,
    monitored: new Set(accounts.map((row) => row.accountNumber)),
  };
}

async function loadFinishedRuns(tx: Transaction, awsAccountId: string): Promise<RunInput[]> {
  const runs = await tx.syncRun.findMany({
    where: { awsAccountId, status: { in: ["SUCCEEDED", "PARTIAL", "FAILED"] }, finishedAt: { not: null } },
    orderBy: { queuedAt: "desc" },
    take: 2,
    select: {
      id: true,
      status: true,
      finishedAt: true,
      counts: true,
      steps: { select: { collector: true, region: true, status: true, errorService: true, errorCode: true } },
    },
  });
  return runs.map((run) => ({
    id: run.id,
    status: run.status as RunInput["status"],
    finishedAt: run.finishedAt,
    steps: run.steps,
    errors: ((run.counts as { errors?: RunInput["errors"] } | null)?.errors ?? []).filter(Boolean),
  }));
}

async function loadAttestations(tx: Transaction, customerId: string): Promise<AttestationInput[]> {
  const rows = await tx.attestation.findMany({
    where: { customerId },
    select: {
      controlId: true,
      awsAccountId: true,
      validUntil: true,
      attestedBy: { select: { name: true, email: true } },
    },
  });
  return rows.map((row) => ({
    controlId: row.controlId,
    awsAccountId: row.awsAccountId,
    validUntil: row.validUntil,
    attestedBy: row.attestedBy.name || row.attestedBy.email,
  }));
}

/**
 * The alerts these sources may change, locked (FOR UPDATE, in id order) for the rest of the
 * transaction: the unresolved ones of the account (and customer-wide attestation alerts), and resolved
 * ones whose condition is signalled again.
 */
export async function lockExistingAlerts(
  tx: Transaction,
  input: { customerId: string; awsAccountId: string | null; sources: readonly string[]; signalKeys: readonly string[] },
): Promise<ExistingAlert[]> {
  // The rows are read by the statement that locks them: a first sync has thousands (one per finding).
  const rows = await tx.$queryRaw<
    (Omit<ExistingAlert, "status" | "severity" | "resolvedBy"> & { status: AlertStatus; severity: AlertSeverity })[]
  >`
    SELECT "id", "dedupKey", "source", "status"::text AS "status", "severity"::text AS "severity", "rule", "title",
      "resource", "region", "evidenceLink", "suppressedUntil", "resolvedAt"
    FROM "Alert"
    WHERE "customerId" = ${input.customerId}
      AND ("awsAccountId" = ${input.awsAccountId} OR ("awsAccountId" IS NULL AND "source" = 'ATTESTATION'))
      AND "source" = ANY(${[...input.sources]}::text[])
      AND ("status" <> 'RESOLVED' OR "dedupKey" = ANY(${[...input.signalKeys]}::text[]))
    ORDER BY "id"
    FOR UPDATE`;
  if (rows.length === 0) return [];
  const resolvedIds = rows.filter((row) => row.status === "RESOLVED").map((row) => row.id);
  const lastResolvers = new Map<string, string | null>();
  if (resolvedIds.length > 0) {
    const events = await tx.alertEvent.findMany({
      where: { alertId: { in: resolvedIds }, toStatus: "RESOLVED" },
      orderBy: { createdAt: "desc" },
      select: { alertId: true, actorId: true },
    });
    for (const event of events) if (!lastResolvers.has(event.alertId)) lastResolvers.set(event.alertId, event.actorId);
  }
  return rows.map((row) => ({
    ...row,
    resolvedBy: row.status !== "RESOLVED" ? null : lastResolvers.get(row.id) ? "person" : "system",
  }));
}

// ------------------------------------------------------------------------------------------------ apply

/** Writes a plan: new alerts and their "opened" events, repeats, reopenings and self-resolutions. */
export async function applyAlertPlan(
  tx: Transaction,
  input: { customerId: string; plan: AlertPlan; at: Date; sla: AlertSlaHours; countOccurrence: boolean },
): Promise<RaiseAlertsOutcome> {
  const { plan, at, sla } = input;
  const critical = new Set<string>();

  // New alerts and their "opened" events in one statement, and plain repeats in another, whatever their
  // number: a first sync opens one alert per critical or high finding (thousands), and Prisma's
  // createMany/updateMany cost far more per row than the database does (docs/decisions/029).
  if (plan.open.length > 0) {
    const rows = plan.open.map((signal) => ({
      id: newCuid(),
      eventId: newCuid(),
      ...signalFields(signal),
      dedupKey: signal.dedupKey,
      source: signal.source,
      severity: signal.severity,
      dueAt: dueAtFor(signal.severity, at, sla, signal.notAfter).toISOString(),
      note: signal.detail,
    }));
    await tx.$executeRaw`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
          "id" text, "eventId" text, "awsAccountId" text, "rule" text, "resource" text, "region" text, "title" text,
          "evidenceLink" text, "dedupKey" text, "source" text, "severity" text, "dueAt" timestamp(3), "note" text)
      ), alerts AS (
        INSERT INTO "Alert" ("id", "customerId", "awsAccountId", "source", "dedupKey", "rule", "resource", "region",
          "severity", "status", "title", "evidenceLink", "occurrences", "firstSeenAt", "lastSeenAt", "dueAt",
          "version", "createdAt")
        SELECT "id", ${input.customerId}::text, "awsAccountId", "source", "dedupKey", "rule", "resource", "region",
          "severity"::"Severity", 'NEW', "title", "evidenceLink", 1, ${at}::timestamp(3), ${at}::timestamp(3), "dueAt",
          1, ${new Date()}::timestamp(3)
        FROM input
        RETURNING "id"
      )
      INSERT INTO "AlertEvent" ("id", "alertId", "type", "toStatus", "note", "createdAt")
      SELECT input."eventId", alerts."id", 'opened', 'NEW', input."note", ${at}::timestamp(3)
      FROM input JOIN alerts ON alerts."id" = input."id"`;
    for (const row of rows) if (row.severity === "CRITICAL") critical.add(row.id);
  }

  const plainRepeats = plan.repeat.filter((entry) => !entry.escalateTo && !entry.displayChanged);
  if (plainRepeats.length > 0) {
    await tx.$executeRaw`
      UPDATE "Alert" SET "lastSeenAt" = ${at}::timestamp(3), "occurrences" = "occurrences" + ${input.countOccurrence ? 1 : 0}::int
      WHERE "id" = ANY(${plainRepeats.map((entry) => entry.alert.id)}::text[])`;
  }
  let escalated = 0;
  for (const entry of plan.repeat.filter((candidate) => candidate.escalateTo || candidate.displayChanged)) {
    const current = await tx.alert.findUniqueOrThrow({ where: { id: entry.alert.id }, select: { dueAt: true } });
    let escalation = {};
    if (entry.escalateTo) {
      const due = dueAtFor(entry.escalateTo, at, sla, entry.signal.notAfter);
      escalation = { severity: entry.escalateTo, dueAt: new Date(Math.min(due.getTime(), current.dueAt.getTime())) };
    }
    await tx.alert.update({
      where: { id: entry.alert.id },
      data: {
        ...signalFields(entry.signal),
        ...escalation,
        lastSeenAt: at,
        ...(input.countOccurrence ? { occurrences: { increment: 1 } } : {}),
        ...(entry.escalateTo ? { version: { increment: 1 } } : {}),
      },
    });
    if (entry.escalateTo) {
      escalated += 1;
      await tx.alertEvent.create({
        data: {
          alertId: entry.alert.id,
          type: "escalated",
          note: `Severity raised from ${entry.alert.severity.toLowerCase()} to ${entry.escalateTo.toLowerCase()}: ${entry.signal.detail}`,
          createdAt: at,
        },
      });
      if (entry.escalateTo === "CRITICAL" && entry.alert.status !== "SUPPRESSED") critical.add(entry.alert.id);
    }
  }

  for (const { alert, signal, note } of plan.reopen) {
    await tx.alert.update({
      where: { id: alert.id },
      data: {
        ...signalFields(signal),
        severity: signal.severity,
        status: "NEW",
        acknowledgedAt: null,
        resolvedAt: null,
        suppressedUntil: null,
        suppressionReason: null,
        suppressionApproverId: null,
        dueAt: dueAtFor(signal.severity, at, sla, signal.notAfter),
        lastSeenAt: at,
        ...(input.countOccurrence ? { occurrences: { increment: 1 } } : {}),
        version: { increment: 1 },
      },
    });
    await tx.alertEvent.create({
      data: { alertId: alert.id, type: "reopened", fromStatus: alert.status, toStatus: "NEW", note, createdAt: at },
    });
    if (signal.severity === "CRITICAL") critical.add(alert.id);
  }

  for (const { alert, note } of plan.resolve) {
    await tx.alert.update({
      where: { id: alert.id },
      data: { status: "RESOLVED", resolvedAt: at, suppressedUntil: null, version: { increment: 1 } },
    });
    await tx.alertEvent.create({
      data: {
        alertId: alert.id,
        type: "auto_resolved",
        fromStatus: alert.status,
        toStatus: "RESOLVED",
        note,
        createdAt: at,
      },
    });
  }

  return {
    opened: plan.open.length,
    repeated: plan.repeat.length,
    reopened: plan.reopen.length,
    resolved: plan.resolve.length,
    escalated,
    criticalAlertIds: [...critical],
  };
}

function signalFields(signal: AlertSignal) {
  return {
    awsAccountId: signal.awsAccountId,
    rule: signal.rule,
    resource: signal.resource,
    region: signal.region,
    title: signal.title,
    evidenceLink: signal.evidenceLink,
  };
}
