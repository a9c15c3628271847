import { READ_ONLY_OPERATIONS } from "../aws/read-only-operations";
import { CONTROL_CATALOGUE } from "../controls/catalogue";
import { gradeFor, type ScorableResult, scoreResults } from "../controls/scoring";
import type { AccountContext, EvidenceGap, Offender, RampartRecords } from "../controls/types";
import type { PrismaClient, Transaction } from "../db/client";
import { AppError, notFound } from "../errors";
import { readControlSettings } from "../evaluation/control-settings";
import { buildEvidenceLookup, type StoredStep } from "../evaluation/evidence-lookup";
import { REGIONS_EVIDENCE_CALLS } from "../evidence/regions";
import { loadPackChangeLog } from "./change-log";
import {
  PACK_FORMAT,
  type PackAccountResult,
  type PackAttestation,
  type PackContent,
  type PackControl,
  type PackError,
  type PackEvidence,
  type PackSuppression,
} from "./content";
import { projectFields, traceEvidenceReads } from "./evidence-trace";
import { periodCoverageLimitation, periodLabel, type ResolvedPackRequest } from "./period";
import { PUBLIC_ACCESS_TOPICS } from "./public-access";
import { SOP_SECTIONS, sopSectionsOf } from "./sop-sections";

// Loads what Rampart held for one customer at the as-of and shapes it into the pack's content.
// Results come from the kept result history (the latest per account × control evaluated at or before
// the as-of), evidence from the kept evidence versions (the latest collected at or before the as-of),
// never from today's rows and never re-evaluated.

export interface PackFile {
  path: string;
  bytes: Uint8Array;
}

export interface BuiltPackContent {
  content: PackContent;
  /** Attestation attachments, by their path in the zip. */
  attachments: PackFile[];
}

const iso = (value: Date | null | undefined): string | null => (value ? value.toISOString() : null);
const nameOf = (user: { name: string; email: string } | null | undefined): string =>
  user ? user.name || user.email : "(deleted user)";

type Tx = PrismaClient;

/**
 * customerId: already authorized by the caller (action, route handler or the CLI run by an operator).
 * `onProgress` receives 0–100.
 */
export async function buildPackContent(
  client: Tx,
  customerId: string,
  request: ResolvedPackRequest,
  onProgress: (percent: number) => Promise<void> | void = () => {},
): Promise<BuiltPackContent> {
  const { asOf, from, to } = request;
  const customer = await client.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      name: true,
      slug: true,
      settings: true,
      accounts: {
        select: { id: true, accountNumber: true, alias: true, environment: true, regions: true },
        orderBy: { accountNumber: "asc" },
      },
    },
  });
  if (!customer) throw notFound("No such customer");

  const firstCollection = await assertPackable(client, customer, asOf);
  await onProgress(5);

  const accountLabel = new Map(
    customer.accounts.map((account) => [account.id, `${account.alias} (${account.accountNumber})`]),
  );
  const accountIds = customer.accounts.map((account) => account.id);

  // Latest result per account × control at the as-of, and latest evidence version per slot.
  const [resultIds, evidenceIds] = await Promise.all([
    client.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT ON ("awsAccountId", "controlId") "id" FROM "ControlResult"
      WHERE "customerId" = ${customerId} AND "evaluatedAt" <= ${asOf}
      ORDER BY "awsAccountId", "controlId", "evaluatedAt" DESC, "id" DESC`,
    client.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT ON ("awsAccountId", "collector", "region") "id" FROM "Evidence"
      WHERE "customerId" = ${customerId} AND "collectedAt" <= ${asOf}
      ORDER BY "awsAccountId", "collector", "region", "collectedAt" DESC, "id" DESC`,
  ]);
  const [results, evidence] = await Promise.all([
    client.controlResult.findMany({
      where: { id: { in: resultIds.map((row) => row.id) } },
      select: {
        awsAccountId: true,
        controlId: true,
        status: true,
        severity: true,
        reason: true,
        offenders: true,
        needsAttestation: true,
        suppressionId: true,
        evaluatedAt: true,
        syncRunId: true,
      },
    }),
    client.evidence.findMany({
      where: { id: { in: evidenceIds.map((row) => row.id) } },
      select: { awsAccountId: true, collector: true, region: true, data: true, collectedAt: true, syncRunId: true },
    }),
  ]);
  await onProgress(25);

  // Per account, the latest finished run at the as-of: its failed steps make evidence UNKNOWN, as they did then.
  const latestRuns = await Promise.all(
    accountIds.map((awsAccountId) =>
      client.syncRun.findFirst({
        where: {
          awsAccountId,
          status: { in: ["SUCCEEDED", "PARTIAL", "FAILED"] },
          finishedAt: { lte: asOf },
        },
        orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          counts: true,
          steps: {
            select: {
              collector: true,
              region: true,
              status: true,
              errorService: true,
              errorOperation: true,
              errorRegion: true,
              errorCode: true,
              errorMessage: true,
            },
          },
        },
      }),
    ),
  );

  const [suppressionRows, attestationRows, reviewRows, alertReviewRows, alertRows, runRows, snapshotRows] =
    await Promise.all([
      client.suppression.findMany({
        where: {
          customerId,
          createdAt: { lte: asOf },
          expiresAt: { gt: from },
          OR: [{ revokedAt: null }, { revokedAt: { gt: from } }],
        },
        select: {
          id: true,
          controlId: true,
          awsAccountId: true,
          reason: true,
          createdAt: true,
          expiresAt: true,
          revokedAt: true,
          approvedBy: { select: { name: true, email: true } },
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
      client.attestation.findMany({
        where: { customerId, attestedAt: { lte: asOf } },
        select: {
          id: true,
          controlId: true,
          awsAccountId: true,
          note: true,
          link: true,
          documentRef: true,
          attestedAt: true,
          validUntil: true,
          attestedBy: { select: { name: true, email: true } },
          attachments: {
            where: { createdAt: { lte: asOf } },
            select: { id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, content: true },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          },
        },
        orderBy: [{ attestedAt: "asc" }, { id: "asc" }],
      }),
      client.accessReview.findMany({
        where: { customerId, signedOffAt: { gte: from, lt: to, lte: asOf } },
        select: {
          period: true,
          accountIds: true,
          signedOffAt: true,
          signedOffBy: { select: { name: true, email: true } },
          items: {
            select: {
              awsAccountId: true,
              userName: true,
              decision: true,
              modification: true,
              justification: true,
              decidedAt: true,
              decidedBy: { select: { name: true, email: true } },
              verificationStatus: true,
              verifiedAt: true,
            },
            orderBy: [{ awsAccountId: "asc" }, { userArn: "asc" }],
          },
        },
        orderBy: [{ signedOffAt: "asc" }, { id: "asc" }],
      }),
      client.alertReview.findMany({
        where: { customerId, reviewedAt: { gte: from, lt: to, lte: asOf } },
        select: { reviewedAt: true, note: true, reviewedBy: { select: { name: true, email: true } } },
        orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
      }),
      client.alert.findMany({
        where: {
          customerId,
          firstSeenAt: { lte: asOf, lt: to },
          OR: [
            { firstSeenAt: { gte: from } },
            { resolvedAt: { gte: from, lt: to } },
            { resolvedAt: null },
            { resolvedAt: { gt: asOf } },
          ],
        },
        select: {
          id: true,
          title: true,
          severity: true,
          awsAccountId: true,
          rule: true,
          firstSeenAt: true,
          dueAt: true,
          resolvedAt: true,
        },
        orderBy: [{ firstSeenAt: "asc" }, { id: "asc" }],
      }),
      client.syncRun.findMany({
        where: { customerId, startedAt: { gte: from, lt: to, lte: asOf } },
        select: {
          id: true,
          awsAccountId: true,
          status: true,
          trigger: true,
          startedAt: true,
          finishedAt: true,
          errorSummary: true,
          steps: {
            where: { status: "FAILED" },
            select: {
              collector: true,
              region: true,
              errorService: true,
              errorOperation: true,
              errorRegion: true,
              errorCode: true,
              errorMessage: true,
            },
            orderBy: [{ collector: "asc" }, { region: "asc" }],
          },
        },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      }),
      client.scoreSnapshot.findMany({
        where: { customerId, scope: "CUSTOMER", kind: "DAILY", day: { gte: from, lt: to }, takenAt: { lte: asOf } },
        select: { day: true, score: true },
        orderBy: { day: "asc" },
      }),
    ]);
  await onProgress(45);

  const suppressions: PackSuppression[] = suppressionRows.map((row) => ({
    id: row.id,
    controlId: row.controlId,
    account: row.awsAccountId ? (accountLabel.get(row.awsAccountId) ?? row.awsAccountId) : null,
    reason: row.reason,
    approvedBy: nameOf(row.approvedBy),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    // A revocation after the as-of had not happened yet.
    revokedAt: row.revokedAt && row.revokedAt.getTime() <= asOf.getTime() ? row.revokedAt.toISOString() : null,
  }));
  const suppressionById = new Map(suppressions.map((row) => [row.id, row]));

  const attachments: { path: string; bytes: Uint8Array }[] = [];
  const attestations: PackAttestation[] = attestationRows.map((row) => ({
    id: row.id,
    controlId: row.controlId,
    account: row.awsAccountId ? (accountLabel.get(row.awsAccountId) ?? row.awsAccountId) : null,
    attestedBy: nameOf(row.attestedBy),
    attestedAt: row.attestedAt.toISOString(),
    validUntil: row.validUntil.toISOString(),
    validAtAsOf: row.validUntil.getTime() > asOf.getTime(),
    note: row.note,
    link: row.link,
    documentRef: row.documentRef,
    attachments: row.attachments.map((file) => {
      const path = `attachments/${file.id}-${safeFileName(file.fileName)}`;
      attachments.push({ path, bytes: new Uint8Array(file.content) });
      return {
        id: file.id,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        path,
      };
    }),
  }));

  const settings = readControlSettings(customer.settings, customer.id);
  const resultByKey = new Map(results.map((row) => [`${row.awsAccountId}|${row.controlId}`, row]));
  const evidenceByAccount = new Map<string, typeof evidence>();
  for (const row of evidence) {
    const list = evidenceByAccount.get(row.awsAccountId) ?? [];
    list.push(row);
    evidenceByAccount.set(row.awsAccountId, list);
  }

  // The rules' view of each account's as-of evidence, used only to see which fields each rule reads.
  const contexts = new Map<string, { context: AccountContext; steps: StoredStep[]; evidence: typeof evidence }>();
  customer.accounts.forEach((account, index) => {
    const run = latestRuns[index];
    const rows = evidenceByAccount.get(account.id) ?? [];
    const steps = run?.steps ?? [];
    const records: RampartRecords = {
      lastAccessReviewSignOffAt: null,
      lastAlertReviewAt: null,
      openCriticalOrHighAlertsPastSla: [],
      acknowledgedEndpointKeys: new Set(),
      attestations: [],
    };
    contexts.set(account.id, {
      evidence: rows,
      steps,
      context: {
        account: { accountNumber: account.accountNumber, alias: account.alias, regions: account.regions },
        evaluatedAt: asOf,
        params: settings.params,
        evidence: buildEvidenceLookup(
          rows.map((row) => ({
            collector: row.collector,
            region: row.region,
            data: row.data,
            confirmedAt: row.collectedAt,
          })),
          steps,
          runFailureOf(run?.counts),
        ),
        records,
      },
    });
  });

  const unknowns: PackContent["unknowns"] = [];
  const controls: PackControl[] = CONTROL_CATALOGUE.map((control) => {
    const controlResults: PackAccountResult[] = customer.accounts.map((account) => {
      const label = accountLabel.get(account.id)!;
      const row = resultByKey.get(`${account.id}|${control.id}`);
      const held = contexts.get(account.id)!;
      const reads = control.source === "AUTOMATED" ? traceEvidenceReads(control.id, held.context) : [];
      const packEvidence: PackEvidence[] = reads.map((read) => {
        const slot = held.context.evidence.get(read.collector as never, read.region);
        const stored = held.evidence.find((item) => item.collector === read.collector && item.region === read.region);
        const gap = slot.state === "UNKNOWN" ? (slot as { gap: EvidenceGap }).gap : null;
        return {
          collector: read.collector,
          region: read.region,
          apiCalls: apiCallsOf(read.collector),
          state: slot.state,
          collectedAt: iso(stored?.collectedAt),
          syncRunId: stored?.syncRunId ?? null,
          fields: slot.state === "COLLECTED" ? projectFields(stored?.data, read.fields) : null,
          fieldPaths: read.fields,
          error: gap ? toPackError(gap) : null,
        };
      });
      if (!row) {
        return {
          accountNumber: account.accountNumber,
          alias: account.alias,
          status: "NOT_EVALUATED",
          severity: control.severity,
          reason: "Not evaluated for this account by the as-of.",
          offenders: [],
          needsAttestation: false,
          evaluatedAt: null,
          syncRunId: null,
          suppression: null,
          evidence: packEvidence,
        };
      }
      if (row.status === "UNKNOWN") {
        unknowns.push({
          controlId: control.id,
          account: label,
          reason: row.reason,
          errors: packEvidence.flatMap((item) => (item.error ? [item.error] : [])),
        });
      }
      return {
        accountNumber: account.accountNumber,
        alias: account.alias,
        status: row.status,
        severity: row.severity,
        reason: row.reason,
        offenders: (row.offenders ?? []) as unknown as Offender[],
        needsAttestation: row.needsAttestation,
        evaluatedAt: row.evaluatedAt.toISOString(),
        syncRunId: row.syncRunId,
        suppression: row.suppressionId ? (suppressionById.get(row.suppressionId) ?? null) : null,
        evidence: packEvidence,
      };
    });
    return {
      id: control.id,
      title: control.title,
      area: control.area.name,
      severity: control.severity,
      source: control.source,
      sopReference: control.sopReference,
      reference: control.reference,
      rule: { evidence: control.evidenceDescription, rationale: control.rationale },
      sopSections: sopSectionsOf(control),
      results: controlResults,
      attestations: attestations.filter((attestation) => attestation.controlId === control.id),
    };
  });
  await onProgress(75);

  const summary = scoreResults(
    results.map((row) => ({
      controlId: row.controlId,
      severity: row.severity as ScorableResult["severity"],
      status: row.status,
      suppressed: row.suppressionId !== null,
      needsAttestation: row.needsAttestation,
      awsAccountId: row.awsAccountId,
    })),
  );
  const trend = snapshotRows.map((row) => ({
    day: row.day.toISOString().slice(0, 10),
    score: row.score,
    grade: gradeFor(row.score),
  }));
  const scored = trend.filter((point) => point.score !== null);
  const change =
    scored.length >= 2 ? Math.round(((scored.at(-1)!.score ?? 0) - (scored[0]!.score ?? 0)) * 10) / 10 : null;

  const alertList = alertRows.map((alert) => {
    const resolvedByAsOf = alert.resolvedAt && alert.resolvedAt.getTime() <= asOf.getTime() ? alert.resolvedAt : null;
    const sla: "met" | "missed" | "breached" | "open" = resolvedByAsOf
      ? resolvedByAsOf.getTime() > alert.dueAt.getTime()
        ? "missed"
        : "met"
      : alert.dueAt.getTime() < asOf.getTime()
        ? "breached"
        : "open";
    return {
      id: alert.id,
      title: alert.title,
      severity: alert.severity,
      account: alert.awsAccountId ? (accountLabel.get(alert.awsAccountId) ?? null) : null,
      rule: alert.rule,
      firstSeenAt: alert.firstSeenAt.toISOString(),
      dueAt: alert.dueAt.toISOString(),
      resolvedAt: iso(resolvedByAsOf),
      sla,
    };
  });
  const inPeriod = (value: string | null) => value !== null && value >= from.toISOString() && value < to.toISOString();
  const resolvedInPeriod = alertList.filter((alert) => inPeriod(alert.resolvedAt));

  const changeLog = await loadPackChangeLog(client, { customerId, from, to, asOf });

  const content: PackContent = {
    format: PACK_FORMAT,
    customer: { name: customer.name, slug: customer.slug },
    asOf: asOf.toISOString(),
    period: { from: from.toISOString(), to: to.toISOString(), label: periodLabel({ from, to }) },
    accounts: customer.accounts.map((account) => ({
      accountNumber: account.accountNumber,
      alias: account.alias,
      environment: account.environment,
      regions: [...account.regions].sort(),
    })),
    firstCollectionAt: firstCollection.collectedAt.toISOString(),
    score: {
      score: summary.score,
      grade: summary.grade,
      passed: summary.passed,
      failed: summary.failed,
      unknown: summary.unknown,
      notApplicable: summary.notApplicable,
      suppressed: summary.suppressed,
      trend,
      change,
    },
    chapters: SOP_SECTIONS.map((section) => ({
      section: section.number,
      title: section.title,
      controlIds: controls
        .filter((control) => control.sopSections.includes(section.number))
        .map((control) => control.id),
    })),
    controls,
    publicAccess: PUBLIC_ACCESS_TOPICS.map((topic) => ({
      topic: topic.topic,
      screenshotShowed: topic.screenshotShowed,
      controlIds: [...topic.controlIds],
      answers: topic.controlIds.flatMap((controlId) =>
        (controls.find((control) => control.id === controlId)?.results ?? []).map((result) => ({
          controlId,
          account: `${result.alias} (${result.accountNumber})`,
          status: result.status,
          reason: result.reason,
        })),
      ),
    })),
    suppressions,
    accessReviews: reviewRows.map((review) => ({
      period: review.period,
      accounts: review.accountIds.map((id) => accountLabel.get(id) ?? id).sort(),
      signedOffAt: review.signedOffAt!.toISOString(),
      signedOffBy: review.signedOffBy ? nameOf(review.signedOffBy) : null,
      items: review.items.map((item) => ({
        account: accountLabel.get(item.awsAccountId) ?? item.awsAccountId,
        userName: item.userName,
        decision: item.decision,
        modification: item.modification,
        justification: item.justification,
        decidedBy: item.decidedBy ? nameOf(item.decidedBy) : null,
        decidedAt: iso(item.decidedAt),
        // A verification after the as-of had not happened yet.
        verificationStatus: item.verifiedAt && item.verifiedAt <= asOf ? item.verificationStatus : null,
        verifiedAt: item.verifiedAt && item.verifiedAt <= asOf ? item.verifiedAt.toISOString() : null,
      })),
    })),
    alertReviews: alertReviewRows.map((review) => ({
      reviewedAt: review.reviewedAt.toISOString(),
      reviewedBy: nameOf(review.reviewedBy),
      note: review.note,
    })),
    changeLog,
    alerts: {
      raised: alertList.filter((alert) => inPeriod(alert.firstSeenAt)).length,
      resolved: resolvedInPeriod.length,
      resolvedWithinSla: resolvedInPeriod.filter((alert) => alert.sla === "met").length,
      resolvedLate: resolvedInPeriod.filter((alert) => alert.sla === "missed").length,
      openPastSlaAtAsOf: alertList.filter((alert) => alert.sla === "breached").length,
      list: alertList,
    },
    syncRuns: runRows.map((run) => ({
      id: run.id,
      account: accountLabel.get(run.awsAccountId) ?? run.awsAccountId,
      status: run.status,
      trigger: run.trigger,
      startedAt: run.startedAt!.toISOString(),
      finishedAt: run.finishedAt && run.finishedAt <= asOf ? run.finishedAt.toISOString() : null,
      errorSummary: run.errorSummary,
      failedSteps: run.steps.map((step) => ({
        collector: step.collector,
        ...toPackError({
          service: step.errorService ?? step.collector,
          operation: step.errorOperation,
          region: step.errorRegion ?? step.region,
          code: step.errorCode,
          message: step.errorMessage,
        }),
      })),
    })),
    unknowns,
    limitations: [
      "Alerts are shown as resolved only if they were resolved by the as-of; Rampart keeps each alert's current state and its event log, so an alert reopened after the as-of is shown as it stood at the as-of by its resolution time only.",
      "Customer settings (control parameters, SLA hours) are today's; Rampart does not keep their history. The results themselves are the stored ones, judged with the settings in force when they were evaluated.",
      ...[periodCoverageLimitation({ from, to }, firstCollection.collectedAt)].filter((note) => note !== null),
    ],
  };
  await onProgress(85);
  return { content, attachments };
}

/**
 * Refuses an as-of before the customer's first collection (the pack would be empty), with the reason at
 * the as-of field. Returns that first collection.
 */
export async function assertPackable(
  client: PrismaClient | Transaction,
  customer: { id: string; name: string },
  asOf: Date,
): Promise<{ collectedAt: Date }> {
  const firstCollection = await client.evidence.findFirst({
    where: { customerId: customer.id },
    orderBy: { collectedAt: "asc" },
    select: { collectedAt: true },
  });
  if (!firstCollection || firstCollection.collectedAt.getTime() > asOf.getTime()) {
    const message = firstCollection
      ? `Rampart had collected no evidence for ${customer.name} by ${asOf.toISOString()}: its first collection was at ${firstCollection.collectedAt.toISOString()}. Choose a later as-of.`
      : `Rampart has collected no evidence for ${customer.name} yet: sync its accounts first.`;
    throw new AppError("BAD_INPUT", message, { fieldErrors: { asOf: message } });
  }
  return firstCollection;
}

export function apiCallsOf(collectorKey: string): string[] {
  // The regions collector reads EC2 under its own key; every other collector's key is its service's key in
  // READ_ONLY_OPERATIONS (evidence-trace.test.ts checks both).
  if (collectorKey === "regions") return [...REGIONS_EVIDENCE_CALLS];
  const operations = READ_ONLY_OPERATIONS[collectorKey as keyof typeof READ_ONLY_OPERATIONS] ?? [];
  return operations.map((operation) => `${collectorKey}:${operation}`);
}

function toPackError(gap: EvidenceGap): PackError {
  return { service: gap.service, operation: gap.operation, region: gap.region, code: gap.code, message: gap.message };
}

function runFailureOf(counts: unknown): EvidenceGap | null {
  const errors = (counts as { errors?: EvidenceGap[] } | null)?.errors;
  return errors?.find((error) => error.operation === "AssumeRole") ?? null;
}

/** A zip entry name from a user's file name: letters, digits, dot, dash and underscore only. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(-100) || "file";
}
