import { evaluateAttestedControl } from "../controls/attestation";
import { CONTROL_CATALOGUE, type ControlDefinition, remediationText } from "../controls/catalogue";
import { CONTROL_EVIDENCE_NEEDS, evidenceForControl } from "../controls/evidence-needs";
import { AUTOMATED_RULES } from "../controls/rules";
import { type ScorableResult, type ScoreSummary, scoreResults } from "../controls/scoring";
import type { AccountContext, ControlOutcome, EvidenceGap, OrganizationView, RampartRecords } from "../controls/types";
import { utcDay } from "../dates";
import type { PrismaClient } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { OrganizationsEvidence } from "../evidence/organization-tree";
import { GLOBAL_SCOPE_LABEL } from "../evidence/scope";
import { logger } from "../logger";
import { type CustomerControlSettings, readControlSettings } from "./control-settings";
import { buildEvidenceLookup } from "./evidence-lookup";
import { accountsAwaitingFirstCollection, withoutScore } from "./first-collection";
import { loadCustomerRecordHistory, recordsAsOf, suppressionsAsOf } from "./records-as-of";

// Evaluates every control of the catalogue for one account from its stored evidence and Rampart's own
// records, then replaces the account's current results, keeps the previous ones as history, and writes
// the score snapshots (per sync, and one per day) for the account, its customer and the portfolio.
// Everything is written in one transaction: a crash leaves the previous results and scores in place.

type Tx = Prisma.TransactionClient;

export interface EvaluateAccountInput {
  awsAccountId: string;
  /** The run whose evidence is evaluated; null when re-evaluating after an attestation or suppression. */
  syncRunId: string | null;
  evaluatedAt: Date;
}

export interface AccountEvaluation {
  awsAccountId: string;
  customerId: string;
  results: number;
  account: ScoreSummary;
  customer: ScoreSummary;
}

const catalogueSynced = new WeakSet<object>();

/** The Control table mirrors lib/controls/catalogue.ts (titles, rationale, remediation shown in the UI). */
export async function syncControlCatalogue(client: PrismaClient): Promise<void> {
  if (catalogueSynced.has(client)) return;
  // Read once and write only what differs: a process's first evaluation (a worker's first sync) no
  // longer pays one upsert per control when the table is already up to date.
  const stored = new Map(
    (await client.control.findMany({ select: CONTROL_ROW_SELECT })).map((row) => [row.id, row] as const),
  );
  const missing: ({ id: string } & ReturnType<typeof controlRow>)[] = [];
  const changed: { id: string; data: ReturnType<typeof controlRow> }[] = [];
  CONTROL_CATALOGUE.forEach((control, position) => {
    const data = controlRow(control, position);
    const row = stored.get(control.id);
    if (!row) missing.push({ id: control.id, ...data });
    else if ((Object.keys(data) as (keyof typeof data)[]).some((key) => row[key] !== data[key]))
      changed.push({ id: control.id, data });
  });
  if (missing.length > 0 || changed.length > 0) {
    await client.$transaction([
      // Another process may add the same rows meanwhile: they are the same catalogue, so a duplicate is skipped.
      ...(missing.length > 0 ? [client.control.createMany({ data: missing, skipDuplicates: true })] : []),
      ...changed.map(({ id, data }) => client.control.update({ where: { id }, data })),
    ]);
  }
  catalogueSynced.add(client);
}

const CONTROL_ROW_SELECT = {
  id: true,
  area: true,
  areaName: true,
  position: true,
  title: true,
  severity: true,
  source: true,
  acceptsAttestation: true,
  sopReference: true,
  reference: true,
  rationale: true,
  remediation: true,
  evidenceDescription: true,
} as const;

function controlRow(control: ControlDefinition, position: number) {
  return {
    area: control.area.key,
    areaName: control.area.name,
    position,
    title: control.title,
    severity: control.severity,
    source: control.source,
    acceptsAttestation: control.acceptsAttestation,
    sopReference: control.sopReference,
    reference: control.reference,
    rationale: control.rationale,
    remediation: remediationText(control),
    evidenceDescription: control.evidenceDescription,
  };
}

/** Runs one control's rule; a rule that throws is a Rampart bug, reported as such, never as PASS. */
function runControl(control: ControlDefinition, context: AccountContext): ControlOutcome {
  try {
    if (control.source === "ATTESTED") return evaluateAttestedControl(control.id, context);
    const rule = AUTOMATED_RULES[control.id];
    if (!rule) throw new Error(`no rule is registered for ${control.id}`);
    // The rule sees a collection as UNKNOWN only when a call it needs failed (per-call evidence).
    return rule({ ...context, evidence: evidenceForControl(context.evidence, CONTROL_EVIDENCE_NEEDS[control.id]) });
  } catch (error) {
    logger.error({ err: error, controlId: control.id }, "control rule failed");
    return {
      status: "UNKNOWN",
      reason: `Rampart could not evaluate this control (${(error as Error).message}); the evidence is kept and the next sync retries.`,
      offenders: [],
    };
  }
}

/**
 * Every control of the catalogue for one account: its rule's outcome, the effective severity and the valid
 * suppression. Pure; evaluateAccount stores the rows, and the demo's history replay (lib/demo) reuses it.
 */
export function evaluateControls(
  context: AccountContext,
  settings: CustomerControlSettings,
  /** Valid suppression id by control id. */
  suppressions: ReadonlyMap<string, string>,
) {
  return CONTROL_CATALOGUE.map((control) => {
    const outcome = runControl(control, context);
    return {
      controlId: control.id,
      status: outcome.status,
      severity: settings.severityOf(control.id),
      reason: outcome.reason,
      offenders: outcome.offenders as unknown as Prisma.InputJsonValue,
      needsAttestation: outcome.needsAttestation === true,
      suppressionId: suppressions.get(control.id) ?? null,
    };
  });
}

async function loadRecords(tx: Tx, customerId: string, awsAccountId: string, at: Date): Promise<RampartRecords> {
  const [review, alertReview, overdueAlerts, acknowledgements, attestations] = await Promise.all([
    tx.accessReview.findFirst({
      where: { customerId, status: "SIGNED_OFF", accountIds: { has: awsAccountId }, signedOffAt: { not: null } },
      orderBy: { signedOffAt: "desc" },
      select: { signedOffAt: true },
    }),
    tx.alertReview.findFirst({ where: { customerId }, orderBy: { reviewedAt: "desc" }, select: { reviewedAt: true } }),
    tx.alert.findMany({
      where: {
        customerId,
        status: { in: ["NEW", "ACKNOWLEDGED", "IN_PROGRESS"] },
        severity: { in: ["CRITICAL", "HIGH"] },
        dueAt: { lt: at },
      },
      select: { id: true, title: true, severity: true, dueAt: true },
      orderBy: { dueAt: "asc" },
      take: 200,
    }),
    tx.endpointAcknowledgement.findMany({ where: { awsAccountId }, select: { endpointKey: true } }),
    tx.attestation.findMany({
      where: { customerId, OR: [{ awsAccountId }, { awsAccountId: null }] },
      select: {
        controlId: true,
        attestedAt: true,
        validUntil: true,
        note: true,
        link: true,
        documentRef: true,
        attestedBy: { select: { name: true, email: true } },
      },
    }),
  ]);
  return {
    lastAccessReviewSignOffAt: review?.signedOffAt ?? null,
    lastAlertReviewAt: alertReview?.reviewedAt ?? null,
    openCriticalOrHighAlertsPastSla: overdueAlerts.map((alert) => ({
      id: alert.id,
      title: alert.title,
      severity: alert.severity === "CRITICAL" ? "CRITICAL" : "HIGH",
      dueAt: alert.dueAt,
    })),
    acknowledgedEndpointKeys: new Set(acknowledgements.map((row) => row.endpointKey)),
    attestations: attestations.map((row) => ({
      controlId: row.controlId,
      attestedAt: row.attestedAt,
      validUntil: row.validUntil,
      attestedBy: row.attestedBy.name || row.attestedBy.email,
      note: row.note,
      link: row.link,
      documentRef: row.documentRef,
    })),
  };
}

/**
 * What the rules read for one account. Live (the default): the current evidence, the latest finished run
 * and the latest records. `historical`: as they stood at `evaluatedAt` — the latest evidence version
 * collected by then, the latest run finished by then, and only the records made by then (evaluateAccountAsOf).
 */
async function loadContext(tx: Tx, awsAccountId: string, evaluatedAt: Date, mode: "live" | "historical" = "live") {
  const historical = mode === "historical";
  const account = await tx.awsAccount.findUniqueOrThrow({
    where: { id: awsAccountId },
    select: {
      id: true,
      customerId: true,
      accountNumber: true,
      alias: true,
      regions: true,
      customer: { select: { settings: true } },
    },
  });
  const settings = readControlSettings(account.customer.settings, account.customerId);
  const [evidence, latestRun, records] = await Promise.all([
    historical ? evidenceAsOf(tx, { awsAccountId }, evaluatedAt) : currentEvidence(tx, { awsAccountId }),
    tx.syncRun.findFirst({
      where: {
        awsAccountId,
        status: { in: ["SUCCEEDED", "PARTIAL", "FAILED"] },
        ...(historical ? { finishedAt: { lte: evaluatedAt } } : {}),
      },
      orderBy: { queuedAt: "desc" },
      select: RUN_STEPS_SELECT,
    }),
    historical
      ? loadCustomerRecordHistory(tx as unknown as PrismaClient, account.customerId).then((history) =>
          recordsAsOf(history, awsAccountId, evaluatedAt),
        )
      : loadRecords(tx, account.customerId, awsAccountId, evaluatedAt),
  ]);
  const context: AccountContext = {
    account: { accountNumber: account.accountNumber, alias: account.alias, regions: account.regions },
    evaluatedAt,
    params: settings.params,
    evidence: buildEvidenceLookup(evidence, latestRun?.steps ?? [], runFailureOf(latestRun)),
    records,
    organization: await loadOrganizationView(
      tx,
      account.customerId,
      account.id,
      evidence,
      historical ? evaluatedAt : null,
    ),
  };
  return { account, settings, context };
}

const EVIDENCE_SELECT = {
  awsAccountId: true,
  collector: true,
  region: true,
  data: true,
  confirmedAt: true,
  collectedAt: true,
  failedCalls: true,
  awsAccount: { select: { accountNumber: true } },
} as const;

function currentEvidence(tx: Tx, where: Prisma.EvidenceWhereInput) {
  return tx.evidence.findMany({ where: { ...where, isCurrent: true }, select: EVIDENCE_SELECT });
}

/** The latest version of each evidence slot collected by `asOf` (a slot's "confirmed" is its collection then). */
async function evidenceAsOf(tx: Tx, where: Prisma.EvidenceWhereInput, asOf: Date) {
  const rows = await tx.evidence.findMany({
    where: { ...where, collectedAt: { lte: asOf } },
    select: EVIDENCE_SELECT,
    orderBy: [{ collectedAt: "desc" }, { id: "desc" }],
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.awsAccountId}|${row.collector}|${row.region}`;
    if (!latest.has(key)) latest.set(key, row);
  }
  // Confirmed later than asOf is not known at asOf: the version counts as seen when it was collected.
  return [...latest.values()].map((row) =>
    row.confirmedAt.getTime() > asOf.getTime() ? { ...row, confirmedAt: row.collectedAt } : row,
  );
}

const RUN_STEPS_SELECT = {
  errorSummary: true,
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
} as const;

/**
 * GOV-3: the tree of the account's organization as another connected account of the same customer (its
 * management account first, else a delegated administrator) last collected it; null when none has.
 */
async function loadOrganizationView(
  tx: Tx,
  customerId: string,
  awsAccountId: string,
  evidence: readonly { collector: string; region: string; data: unknown }[],
  asOf: Date | null,
): Promise<OrganizationView | null> {
  const own = evidence.find((row) => row.collector === "organizations" && row.region === GLOBAL_SCOPE_LABEL)?.data as
    | OrganizationsEvidence
    | undefined;
  if (!own?.inOrganization || own.isManagementAccount || !own.organizationId) return null;
  const others = {
    customerId,
    collector: "organizations",
    region: GLOBAL_SCOPE_LABEL,
    awsAccountId: { not: awsAccountId },
  };
  const candidates = asOf ? await evidenceAsOf(tx, others, asOf) : await currentEvidence(tx, others);
  const readers = candidates
    .filter((row) => {
      const data = row.data as unknown as OrganizationsEvidence;
      // A management account whose tree could not be read (failed calls) still answers: GOV-3 names them.
      const treeUnread = data.isManagementAccount && Array.isArray(row.failedCalls) && row.failedCalls.length > 0;
      return data.organizationId === own.organizationId && (data.structure || treeUnread);
    })
    .sort(
      (first, second) =>
        Number((second.data as unknown as OrganizationsEvidence).isManagementAccount) -
        Number((first.data as unknown as OrganizationsEvidence).isManagementAccount),
    );
  const reader = readers[0];
  if (!reader) return null;
  const latestRun = await tx.syncRun.findFirst({
    where: {
      awsAccountId: reader.awsAccountId,
      status: { in: ["SUCCEEDED", "PARTIAL", "FAILED"] },
      ...(asOf ? { finishedAt: { lte: asOf } } : {}),
    },
    orderBy: { queuedAt: "desc" },
    select: RUN_STEPS_SELECT,
  });
  const lookup = buildEvidenceLookup(
    [
      {
        collector: "organizations",
        region: GLOBAL_SCOPE_LABEL,
        data: reader.data,
        confirmedAt: reader.confirmedAt,
        // The tree's failed calls (per-call evidence): GOV-3 names them rather than judge a partial tree.
        failedCalls: reader.failedCalls,
      },
    ],
    (latestRun?.steps ?? []).filter((step) => step.collector === "organizations"),
    runFailureOf(latestRun),
  );
  return { collectedBy: reader.awsAccount.accountNumber, slot: lookup.get("organizations", GLOBAL_SCOPE_LABEL) };
}

/** The run-level error (the failed AssumeRole) that explains skipped steps. */
function runFailureOf(run: { errorSummary: string | null; counts: unknown } | null): EvidenceGap | null {
  const errors = (run?.counts as { errors?: EvidenceGap[] } | null)?.errors;
  const assumeRole = errors?.find((error) => error.operation === "AssumeRole");
  if (assumeRole) return assumeRole;
  return null;
}

/** Valid suppressions by control id (account-specific or customer-wide). */
async function loadSuppressions(tx: Tx, customerId: string, awsAccountId: string, at: Date) {
  const rows = await tx.suppression.findMany({
    where: {
      customerId,
      revokedAt: null,
      expiresAt: { gt: at },
      OR: [{ awsAccountId }, { awsAccountId: null }],
    },
    select: { id: true, controlId: true },
    orderBy: { expiresAt: "desc" },
  });
  const byControl = new Map<string, string>();
  for (const row of rows) if (!byControl.has(row.controlId)) byControl.set(row.controlId, row.id);
  return byControl;
}

export function snapshotCounts(summary: ScoreSummary) {
  return {
    score: summary.score,
    scoreWithoutSuppressions: summary.scoreWithoutSuppressions,
    passed: summary.passed,
    failed: summary.failed,
    unknown: summary.unknown,
    notApplicable: summary.notApplicable,
    needsAttestation: summary.needsAttestation,
    suppressed: summary.suppressed,
    failingCritical: summary.failingCritical,
    failingHigh: summary.failingHigh,
  };
}

/** Writes the per-sync snapshot and replaces the day's snapshot for one scope. */
async function writeSnapshots(
  tx: Tx,
  scope: { scope: "ACCOUNT" | "CUSTOMER" | "PORTFOLIO"; customerId: string | null; awsAccountId: string | null },
  summary: ScoreSummary,
  evaluatedAt: Date,
  syncRunId: string | null,
): Promise<void> {
  const day = utcDay(evaluatedAt);
  const counts = snapshotCounts(summary);
  await tx.scoreSnapshot.deleteMany({
    where: { scope: scope.scope, kind: "DAILY", customerId: scope.customerId, awsAccountId: scope.awsAccountId, day },
  });
  await tx.scoreSnapshot.createMany({
    data: [
      ...(scope.scope === "PORTFOLIO"
        ? []
        : [{ ...scope, kind: "SYNC" as const, day, takenAt: evaluatedAt, syncRunId, ...counts }]),
      { ...scope, kind: "DAILY" as const, day, takenAt: evaluatedAt, syncRunId, ...counts },
    ],
  });
}

function toScorable(row: {
  controlId: string;
  severity: string;
  status: string;
  suppressionId: string | null;
  needsAttestation: boolean;
  awsAccountId: string;
}): ScorableResult {
  return {
    controlId: row.controlId,
    severity: row.severity as ScorableResult["severity"],
    status: row.status as ScorableResult["status"],
    suppressed: row.suppressionId !== null,
    needsAttestation: row.needsAttestation,
    awsAccountId: row.awsAccountId,
  };
}

// Lock keys for pg_advisory_xact_lock: one customer's snapshots, and the portfolio's, are written by
// one transaction at a time (accounts of a customer are synced concurrently).
const PORTFOLIO_LOCK_KEY = "rampart:portfolio-snapshot";

export async function evaluateAccount(client: PrismaClient, input: EvaluateAccountInput): Promise<AccountEvaluation> {
  await syncControlCatalogue(client);
  return client.$transaction(
    async (tx) => {
      const { account, settings, context } = await loadContext(tx, input.awsAccountId, input.evaluatedAt);
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`rampart:customer-snapshot:${account.customerId}`}))`;
      const suppressions = await loadSuppressions(tx, account.customerId, account.id, input.evaluatedAt);

      const rows = evaluateControls(context, settings, suppressions).map((result) => ({
        ...result,
        customerId: account.customerId,
        awsAccountId: account.id,
        syncRunId: input.syncRunId,
        evaluatedAt: input.evaluatedAt,
        isCurrent: true,
      }));
      await tx.controlResult.updateMany({
        where: { awsAccountId: account.id, isCurrent: true },
        data: { isCurrent: false },
      });
      await tx.controlResult.createMany({ data: rows });

      const customerAccounts = await tx.awsAccount.findMany({
        where: { customerId: account.customerId },
        select: { id: true },
      });
      const awaiting = await accountsAwaitingFirstCollection(
        tx,
        customerAccounts.map((candidate) => candidate.id),
      );
      const scored = scoreResults(rows.map(toScorable));
      const accountSummary = awaiting.has(account.id) ? withoutScore(scored) : scored;
      await writeSnapshots(
        tx,
        { scope: "ACCOUNT", customerId: account.customerId, awsAccountId: account.id },
        accountSummary,
        input.evaluatedAt,
        input.syncRunId,
      );

      const customerSummary = await rollUpCustomerScore(tx, account.customerId, input.evaluatedAt, input.syncRunId);

      if (input.syncRunId) {
        await tx.syncRun.update({
          where: { id: input.syncRunId },
          data: { evaluatedAt: input.evaluatedAt, evaluationError: null },
        });
      }
      return {
        awsAccountId: account.id,
        customerId: account.customerId,
        results: rows.length,
        account: accountSummary,
        customer: customerSummary,
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

export interface AccountEvaluationAsOf {
  awsAccountId: string;
  accountNumber: string;
  alias: string;
  asOf: Date;
  results: ReturnType<typeof evaluateControls>;
  summary: ScoreSummary;
}

/**
 * Judges one account's stored evidence as it stood at `asOf` (issue 12 item 8): the evidence collected
 * by then, the records made by then, the customer's parameters as they are now (their history is not
 * kept). Reads only: results as of a past instant never replace the current ones (ADR 016).
 */
export async function evaluateAccountAsOf(
  client: PrismaClient,
  input: { awsAccountId: string; asOf: Date },
): Promise<AccountEvaluationAsOf> {
  return client.$transaction(
    async (tx) => {
      const { account, settings, context } = await loadContext(tx, input.awsAccountId, input.asOf, "historical");
      const history = await loadCustomerRecordHistory(tx as unknown as PrismaClient, account.customerId);
      const results = evaluateControls(context, settings, suppressionsAsOf(history, account.id, input.asOf));
      return {
        awsAccountId: account.id,
        accountNumber: account.accountNumber,
        alias: account.alias,
        asOf: input.asOf,
        results,
        summary: scoreResults(results.map((row) => toScorable({ ...row, awsAccountId: account.id }))),
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/**
 * The customer's snapshots from the current results of its active accounts (a retired account's results
 * stay as its history but no longer count), then the portfolio's. The caller holds the customer's lock
 * or runs where no evaluation of the customer can interleave.
 */
export async function rollUpCustomerScore(
  tx: Tx,
  customerId: string,
  evaluatedAt: Date,
  syncRunId: string | null,
): Promise<ScoreSummary> {
  const customerRows = await tx.controlResult.findMany({
    where: { customerId, isCurrent: true, awsAccount: { archivedAt: null } },
    select: {
      controlId: true,
      severity: true,
      status: true,
      suppressionId: true,
      needsAttestation: true,
      awsAccountId: true,
    },
  });
  // Accounts awaiting their first collection are left out of the customer's score (controls.md, Scoring).
  const awaiting = await accountsAwaitingFirstCollection(tx, [...new Set(customerRows.map((row) => row.awsAccountId))]);
  const customerSummary = scoreResults(customerRows.filter((row) => !awaiting.has(row.awsAccountId)).map(toScorable));
  await writeSnapshots(
    tx,
    { scope: "CUSTOMER", customerId, awsAccountId: null },
    customerSummary,
    evaluatedAt,
    syncRunId,
  );
  await writePortfolioSnapshot(tx, evaluatedAt);
  return customerSummary;
}

/** Takes the lock evaluateAccount takes for a customer's snapshots, in the caller's transaction. */
export async function lockCustomerSnapshots(tx: Tx, customerId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`rampart:customer-snapshot:${customerId}`}))`;
}

/** The portfolio's daily snapshot: the plain mean of each customer's latest score (spec, Scoring). */
export async function writePortfolioSnapshot(tx: Tx, evaluatedAt: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${PORTFOLIO_LOCK_KEY}))`;
  const latest = await tx.$queryRaw<
    { score: number | null; failingCritical: number; failingHigh: number; unknown: number; needsAttestation: number }[]
  >`
    SELECT s."score", s."failingCritical", s."failingHigh", s."unknown", s."needsAttestation"
    FROM "Customer" c
    -- One index probe per customer (customerId, scope, day), not a scan of every sync snapshot ever taken:
    -- this runs after each account's evaluation, and the history only grows.
    CROSS JOIN LATERAL (
      SELECT "score", "failingCritical", "failingHigh", "unknown", "needsAttestation"
      FROM "ScoreSnapshot"
      WHERE "customerId" = c."id" AND "scope" = 'CUSTOMER' AND "kind" = 'SYNC'
      ORDER BY "day" DESC, "takenAt" DESC
      LIMIT 1
    ) s
    WHERE c."archivedAt" IS NULL`;
  const scores = latest.map((row) => row.score).filter((score): score is number => score !== null);
  const mean = scores.length === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / scores.length;
  const sum = (key: "failingCritical" | "failingHigh" | "unknown" | "needsAttestation") =>
    latest.reduce((total, row) => total + Number(row[key]), 0);
  const summary: ScoreSummary = {
    score: mean,
    scoreWithoutSuppressions: null,
    grade: null,
    passed: 0,
    failed: 0,
    unknown: sum("unknown"),
    notApplicable: 0,
    suppressed: 0,
    needsAttestation: sum("needsAttestation"),
    failingCritical: sum("failingCritical"),
    failingHigh: sum("failingHigh"),
  };
  await writeSnapshots(tx, { scope: "PORTFOLIO", customerId: null, awsAccountId: null }, summary, evaluatedAt, null);
}

/** Evaluates after a sync; a failure is recorded on the run and logged, never thrown into the sync. */
export async function evaluateAfterSync(
  client: PrismaClient,
  input: EvaluateAccountInput & { syncRunId: string },
): Promise<AccountEvaluation | null> {
  try {
    return await evaluateAccount(client, input);
  } catch (error) {
    const message = `Control evaluation failed; the previous results are kept: ${(error as Error).message}`;
    logger.error({ err: error, syncRunId: input.syncRunId, awsAccountId: input.awsAccountId }, "evaluation failed");
    await client.syncRun
      .update({ where: { id: input.syncRunId }, data: { evaluationError: message } })
      .catch(() => undefined);
    return null;
  }
}
