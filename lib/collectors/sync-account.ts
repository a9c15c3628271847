import { normalizeFailedCalls } from "../aws/call-recorder";
import { type CollectorRun, createAccountLimiter, planCollectorRuns } from "../aws/collectors";
import type { AccountSession, CollectedFinding, CollectorDefinition, CollectorOutput } from "../aws/types";
import { type Clock, systemClock } from "../clock";
import type { PrismaClient } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { withSqlTransaction } from "../db/sql";
import {
  type EvidenceChangeEffects,
  type FollowUpPhase,
  followEvidenceChange,
} from "../evaluation/after-evidence-change";
import { logger } from "../logger";
import { persistEvidence } from "./persist-evidence";
import { type FindingCounts, persistFindings } from "./persist-findings";
import { recoverInterruptedSyncs } from "./sync-run";

// plan (account × regions × collectors) → collect (AWS only, no DB) → persist in ONE transaction per
// account. A failed collector keeps its previous evidence (its step records the attributed error and
// evaluation reads it as UNKNOWN); a crash before the transaction commits changes nothing.

export interface AssumeRoleTarget {
  accountNumber: string;
  roleArn: string;
  /** SECRET: only ever passed to STS. */
  externalId: string;
  regions: string[];
}

/**
 * The phases of a sync and of what follows it, as `npm run bench:sync` prints them: the sync's own
 * (assume, collect, persist), then the follow-up's steps (FOLLOW_UP_PHASES: evaluate, reviews, alerts,
 * changes, members), each reported by followEvidenceChange.
 */
export type SyncPhase = "assume" | "collect" | "persist" | FollowUpPhase;

export interface SyncDependencies {
  collectors: readonly CollectorDefinition[];
  /** Told each phase's wall time in ms as it ends (the sync bench names a regression by its phase). */
  onPhase?: (phase: SyncPhase, ms: number) => void;
  openSession(target: AssumeRoleTarget): Promise<AccountSession>;
  /** Concurrent AWS calls per account and per region. */
  limits?: { perAccount: number; perRegion: number };
  /** The sync's one clock (issue 12 item 8): run times, collection windows and the evaluation instant. */
  clock?: Clock;
  heartbeatMs?: number;
  /** Called after collection and before persistence; tests use it to simulate a crash mid-sync. */
  beforePersist?: () => Promise<void>;
  /**
   * What follows the stored evidence: evaluation, access-review verification, alerts (default:
   * followEvidenceChange, lib/evaluation; each step records its own failure). `false` skips it, for tests
   * of collection alone.
   */
  evaluate?: false | ((client: PrismaClient, input: SyncFollowUpInput) => Promise<EvidenceChangeEffects>);
}

export interface SyncFollowUpInput {
  awsAccountId: string;
  syncRunId: string;
  evaluatedAt: Date;
  /** Told each follow-up step's wall time (SyncDependencies.onPhase). */
  onPhase?: (phase: FollowUpPhase, ms: number) => void;
}

export interface StepError {
  service: string;
  operation: string | null;
  region: string;
  code: string;
  /** The HTTP status AWS answered with, when there was an answer. */
  httpStatus?: number | null;
  message: string;
}

export interface SyncOutcome {
  runId: string;
  status: "SUCCEEDED" | "PARTIAL" | "FAILED" | "SKIPPED";
  errors: StepError[];
  counts: SyncCounts;
  /** What the follow-up of the stored evidence asks of the job layer (the critical alerts to mail). */
  followUp?: EvidenceChangeEffects;
}

export interface SyncCounts {
  steps: number;
  failedSteps: number;
  items: number;
  evidenceInserted: number;
  evidenceConfirmed: number;
  findings: FindingCounts;
}

interface StepResult {
  step: CollectorRun;
  stepId: string;
  output?: CollectorOutput<unknown>;
  error?: StepError;
}

export async function syncAccount(client: PrismaClient, runId: string, deps: SyncDependencies): Promise<SyncOutcome> {
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const startedAt = now();
  const claimed = await client.syncRun.updateMany({
    // A retired account (or customer) is not synced, even from a run queued before it was retired.
    where: { id: runId, status: "QUEUED", awsAccount: { archivedAt: null, customer: { archivedAt: null } } },
    data: { status: "RUNNING", startedAt, heartbeatAt: startedAt },
  });
  const emptyCounts: SyncCounts = {
    steps: 0,
    failedSteps: 0,
    items: 0,
    evidenceInserted: 0,
    evidenceConfirmed: 0,
    findings: { opened: 0, updated: 0, reopened: 0, resolved: 0, unchanged: 0 },
  };
  if (claimed.count === 0) return { runId, status: "SKIPPED", errors: [], counts: emptyCounts };

  const run = await client.syncRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      customerId: true,
      awsAccount: {
        select: {
          id: true,
          accountNumber: true,
          roleArn: true,
          regions: true,
          customer: { select: { externalId: true } },
        },
      },
    },
  });
  const account = run.awsAccount;
  const log = logger.child({ syncRunId: runId, customerId: run.customerId, awsAccountId: account.id });
  const heartbeat = setInterval(() => {
    client.syncRun.update({ where: { id: runId }, data: { heartbeatAt: now() } }).catch(() => undefined);
  }, deps.heartbeatMs ?? 5_000);

  try {
    const planned = planCollectorRuns(account.regions, deps.collectors);
    await client.syncStep.createMany({
      data: planned.map((step) => ({ syncRunId: runId, collector: step.collector.key, region: step.region })),
    });
    const stepIds = new Map(
      (
        await client.syncStep.findMany({
          where: { syncRunId: runId },
          select: { id: true, collector: true, region: true },
        })
      ).map((row) => [`${row.collector}@${row.region}`, row.id]),
    );
    const idOf = (step: CollectorRun) => stepIds.get(`${step.collector.key}@${step.region}`)!;

    let session: AccountSession;
    let phaseStarted = performance.now();
    const phaseEnded = (phase: SyncPhase) => {
      const ended = performance.now();
      deps.onPhase?.(phase, ended - phaseStarted);
      phaseStarted = ended;
    };
    try {
      session = await deps.openSession({
        accountNumber: account.accountNumber,
        roleArn: account.roleArn,
        externalId: account.customer.externalId,
        regions: account.regions,
      });
    } catch (error) {
      const attributed = attributeError(error, {
        service: "sts",
        operation: "AssumeRole",
        region: account.regions[0] ?? "us-east-1",
      });
      log.warn({ error: attributed }, "assume role failed");
      const finishedAt = now();
      await client.$transaction([
        client.syncStep.updateMany({
          where: { syncRunId: runId },
          data: { status: "SKIPPED", finishedAt, errorMessage: "Not run: the audit role could not be assumed." },
        }),
        client.syncRun.update({
          where: { id: runId },
          data: {
            status: "FAILED",
            finishedAt,
            durationMs: finishedAt.getTime() - startedAt.getTime(),
            errorSummary: attributed.message,
            counts: {
              ...emptyCounts,
              steps: planned.length,
              failedSteps: planned.length,
              errors: [attributed],
            } as unknown as Prisma.InputJsonValue,
          },
        }),
      ]);
      // Nothing could be read: every automated control of the account becomes UNKNOWN, with this reason.
      const followUp = await evaluate(client, deps, {
        awsAccountId: account.id,
        syncRunId: runId,
        evaluatedAt: finishedAt,
        onPhase: deps.onPhase,
      });
      return {
        runId,
        status: "FAILED",
        errors: [attributed],
        counts: { ...emptyCounts, steps: planned.length, failedSteps: planned.length },
        followUp,
      };
    }

    phaseEnded("assume");
    // One clock for the whole sync (issue 12 item 8): collectors date their lookback windows from it.
    const results = await collectAll(client, planned, idOf, { ...session, now }, deps, now, log);
    phaseEnded("collect");
    await deps.beforePersist?.();
    const outcome = await persistRun(client, runId, run.customerId, account.id, startedAt, results, now);
    phaseEnded("persist");
    if (!outcome.evaluatedAt) return outcome.result;
    // The follow-up reports its own steps (evaluate, reviews, alerts, changes, members) to onPhase.
    const followUp = await evaluate(client, deps, {
      awsAccountId: account.id,
      syncRunId: runId,
      evaluatedAt: outcome.evaluatedAt,
      onPhase: deps.onPhase,
    });
    return { ...outcome.result, followUp };
  } finally {
    clearInterval(heartbeat);
  }
}

async function collectAll(
  client: PrismaClient,
  planned: CollectorRun[],
  idOf: (step: CollectorRun) => string,
  session: AccountSession,
  deps: SyncDependencies,
  now: () => Date,
  log: typeof logger,
): Promise<StepResult[]> {
  const limiter = createAccountLimiter(deps.limits);
  return Promise.all(
    planned.map((step) =>
      limiter.run(step.region, async (): Promise<StepResult> => {
        const stepId = idOf(step);
        const started = now();
        await client.syncStep.update({ where: { id: stepId }, data: { status: "RUNNING", startedAt: started } });
        try {
          const output = await step.collector.collect(session, step.region);
          const finished = now();
          // Some calls failed while the others answered: the evidence is kept, the step says which calls.
          const failedCalls = normalizeFailedCalls(output.failedCalls ?? []);
          const first = failedCalls[0];
          if (first) log.warn({ collector: step.collector.key, region: step.region, failedCalls }, "calls failed");
          await client.syncStep.update({
            where: { id: stepId },
            data: {
              status: first ? "PARTIAL" : "SUCCEEDED",
              itemCount: output.itemCount,
              finishedAt: finished,
              durationMs: finished.getTime() - started.getTime(),
              ...(first
                ? {
                    errorService: first.service,
                    errorOperation: first.operation,
                    errorRegion: first.region,
                    errorCode: first.code,
                    errorMessage: failedCalls.map((call) => call.message).join("\n"),
                  }
                : {}),
            },
          });
          return { step, stepId, output: { ...output, failedCalls } };
        } catch (error) {
          const attributed = attributeError(error, {
            service: step.collector.service,
            operation: null,
            region: step.region,
          });
          log.warn({ collector: step.collector.key, region: step.region, error: attributed }, "collector failed");
          const finished = now();
          await client.syncStep.update({
            where: { id: stepId },
            data: {
              status: "FAILED",
              finishedAt: finished,
              durationMs: finished.getTime() - started.getTime(),
              errorService: attributed.service,
              errorOperation: attributed.operation,
              errorRegion: attributed.region,
              errorCode: attributed.code,
              errorMessage: attributed.message,
            },
          });
          return { step, stepId, error: attributed };
        }
      }),
    ),
  );
}

async function persistRun(
  client: PrismaClient,
  runId: string,
  customerId: string,
  awsAccountId: string,
  startedAt: Date,
  results: StepResult[],
  now: () => Date,
): Promise<{ result: SyncOutcome; evaluatedAt: Date | null }> {
  const collectedAt = now();
  // Every failed call of the run, whole-collector failures and single calls alike, in one stable order.
  const errors = sortStepErrors(
    results.flatMap((result): StepError[] =>
      result.error
        ? [result.error]
        : (result.output?.failedCalls ?? []).map((call) => ({
            service: call.service,
            operation: call.operation,
            region: call.region,
            code: call.code,
            httpStatus: call.httpStatus,
            message: call.message,
          })),
    ),
  );
  const failedSteps = results.filter((result) => result.error).length;
  const counts: SyncCounts = {
    steps: results.length,
    failedSteps,
    items: results.reduce((sum, result) => sum + (result.output?.itemCount ?? 0), 0),
    evidenceInserted: 0,
    evidenceConfirmed: 0,
    findings: { opened: 0, updated: 0, reopened: 0, resolved: 0, unchanged: 0 },
  };
  const status = errors.length === 0 ? "SUCCEEDED" : failedSteps === results.length ? "FAILED" : "PARTIAL";
  const errorSummary = summarizeErrors(errors, results.length);

  try {
    // One transaction for the whole account, on a plain pg connection (ADR 006): the findings go in with COPY.
    await withSqlTransaction(async (sql) => {
      for (const result of results) {
        if (!result.output) continue;
        const outcome = await persistEvidence(sql, {
          customerId,
          awsAccountId,
          syncRunId: runId,
          collector: result.step.collector.key,
          region: result.step.region,
          data: result.output.evidence,
          failedCalls: result.output.failedCalls ?? [],
          collectedAt,
        });
        counts[outcome === "inserted" ? "evidenceInserted" : "evidenceConfirmed"] += 1;
        if (result.output.findings) {
          // Every source the collector reports, even with no finding: an empty region resolves its findings.
          const groups = groupBySource(result.output.findings, result.step.collector.findingSources ?? []);
          for (const [source, findings] of groups) {
            const findingCounts = await persistFindings(sql, {
              customerId,
              awsAccountId,
              source,
              region: result.step.region,
              syncRunId: runId,
              findings,
              // A call failed: what was read is upserted, but absence proves nothing, so nothing resolves.
              complete: (result.output.failedCalls ?? []).length === 0,
              now: collectedAt,
            });
            for (const key of Object.keys(findingCounts) as (keyof FindingCounts)[])
              counts.findings[key] += findingCounts[key];
          }
        }
      }
      const finishedAt = now();
      await sql.query(
        `UPDATE "SyncRun" SET "status" = $2::"SyncStatus", "asOf" = $3, "finishedAt" = $4, "durationMs" = $5,
             "errorSummary" = $6, "counts" = $7::jsonb WHERE "id" = $1`,
        [
          runId,
          status,
          collectedAt,
          finishedAt,
          finishedAt.getTime() - startedAt.getTime(),
          errorSummary,
          JSON.stringify({ ...counts, errors }),
        ],
      );
    });
  } catch (error) {
    // The transaction rolled back: the previous evidence and findings are untouched.
    const finishedAt = now();
    const message = `Saving the collected evidence failed, so nothing from this run was kept: ${(error as Error).message}`;
    await client.syncRun.update({
      where: { id: runId },
      data: {
        status: "FAILED",
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        errorSummary: message,
      },
    });
    return {
      result: {
        runId,
        status: "FAILED",
        errors: [...errors, { service: "rampart", operation: "persist", region: "-", code: "PersistFailed", message }],
        counts,
      },
      // Nothing new was stored, so the previous results stand.
      evaluatedAt: null,
    };
  }
  return { result: { runId, status, errors, counts }, evaluatedAt: collectedAt };
}

/** The follow-up of one sync's stored evidence (lib/evaluation owns the sequence). */
export function followSync(client: PrismaClient, input: SyncFollowUpInput): Promise<EvidenceChangeEffects> {
  const { onPhase, ...account } = input;
  return followEvidenceChange(client, { accounts: [account], onPhase });
}

/** recoverInterruptedSyncs with the pipeline's own follow-up: what a worker runs before taking jobs. */
export function recoverAfterCrash(client: PrismaClient, now?: Date) {
  return recoverInterruptedSyncs(client, { now, evaluate: followSync });
}

async function evaluate(
  client: PrismaClient,
  deps: SyncDependencies,
  input: SyncFollowUpInput,
): Promise<EvidenceChangeEffects | undefined> {
  if (deps.evaluate === false) return undefined;
  return (deps.evaluate ?? followSync)(client, input);
}

function groupBySource(
  findings: NonNullable<CollectorOutput<unknown>["findings"]>,
  sources: readonly CollectedFinding["source"][],
) {
  const groups = new Map<(typeof findings)[number]["source"], (typeof findings)[number][]>(
    sources.map((source) => [source, []]),
  );
  for (const finding of findings) {
    const group = groups.get(finding.source) ?? [];
    group.push(finding);
    groups.set(finding.source, group);
  }
  return groups;
}

/** Service, region, operation, code: the order every list of failed calls is shown in. */
export function sortStepErrors(errors: readonly StepError[]): StepError[] {
  return [...errors].sort(
    (left, right) =>
      left.service.localeCompare(right.service) ||
      left.region.localeCompare(right.region) ||
      (left.operation ?? "").localeCompare(right.operation ?? "") ||
      left.code.localeCompare(right.code),
  );
}

export function summarizeErrors(errors: StepError[], stepCount: number): string | null {
  if (errors.length === 0) return null;
  const shown = errors
    .slice(0, 3)
    .map((error) => `${error.service}${error.operation ? ` ${error.operation}` : ""} in ${error.region}: ${error.code}`)
    .join("; ");
  const more = errors.length > 3 ? ` and ${errors.length - 3} more` : "";
  return `${errors.length} ${errors.length === 1 ? "call" : "calls"} failed in ${stepCount} collection steps (what answered is kept, the rest keeps its previous evidence): ${shown}${more}`;
}

/** Attribution from an AwsCallError-like error (service, operation, region, code), else from the step. */
export function attributeError(
  error: unknown,
  fallback: { service: string; operation: string | null; region: string },
): StepError {
  const shape = (error ?? {}) as {
    service?: string;
    operation?: string;
    region?: string;
    awsErrorCode?: string;
    httpStatusCode?: number;
    name?: string;
    message?: string;
  };
  return {
    service: shape.service ?? fallback.service,
    operation: shape.operation ?? fallback.operation,
    region: shape.region ?? fallback.region,
    code: shape.awsErrorCode ?? shape.name ?? "Error",
    httpStatus: shape.httpStatusCode ?? null,
    message: shape.message ?? String(error),
  };
}
