import type { PrismaClient } from "../db/client";
import type { SyncTrigger } from "../db/generated/client";
import { AppError } from "../errors";

/** A RUNNING run whose worker has not written a heartbeat for this long was interrupted (crash, kill -9). */
export const STALE_RUN_AFTER_MS = 60_000;
export const INTERRUPTED_MESSAGE =
  "Interrupted: the worker stopped mid-sync (crash or kill). The previous evidence is kept.";
/**
 * A QUEUED run not started for this long lost its job (the requesting process died before queueing it,
 * or the job expired): recovered like a stale RUNNING run, so it cannot block its account forever.
 * pg-boss expires a sync job after 30 minutes (queue.ts), so no live job still waits for it.
 */
export const STALE_QUEUED_AFTER_MS = 35 * 60_000;
export const NEVER_STARTED_MESSAGE =
  "Never started: the sync was queued but no worker picked it up (the process that queued it stopped). Nothing was collected.";

/**
 * Marks runs that lost their worker as FAILED so they neither block new syncs nor look alive.
 * Nothing they collected was persisted (persistence is one transaction at the end), so nothing is lost.
 */
export async function reapStaleRuns(client: PrismaClient, now = new Date(), awsAccountId?: string): Promise<number> {
  const staleBefore = new Date(now.getTime() - STALE_RUN_AFTER_MS);
  const neverStarted = await client.syncRun.updateMany({
    where: {
      ...(awsAccountId ? { awsAccountId } : {}),
      status: "QUEUED",
      queuedAt: { lt: new Date(now.getTime() - STALE_QUEUED_AFTER_MS) },
    },
    data: { status: "FAILED", finishedAt: now, errorSummary: NEVER_STARTED_MESSAGE },
  });
  const stale = await client.syncRun.findMany({
    where: {
      ...(awsAccountId ? { awsAccountId } : {}),
      status: "RUNNING",
      OR: [{ heartbeatAt: { lt: staleBefore } }, { heartbeatAt: null, startedAt: { lt: staleBefore } }],
    },
    select: { id: true, startedAt: true },
  });
  for (const run of stale) {
    await client.$transaction([
      client.syncRun.update({
        where: { id: run.id },
        data: {
          status: "FAILED",
          finishedAt: now,
          durationMs: run.startedAt ? now.getTime() - run.startedAt.getTime() : null,
          errorSummary: INTERRUPTED_MESSAGE,
        },
      }),
      client.syncStep.updateMany({
        where: { syncRunId: run.id, status: { in: ["PENDING", "RUNNING"] } },
        data: { status: "FAILED", finishedAt: now, errorMessage: INTERRUPTED_MESSAGE },
      }),
    ]);
  }
  return stale.length + neverStarted.count;
}

/**
 * Runs whose evidence was stored but whose evaluation never ran (the process died between the two): the
 * latest finished run of each account with evidence time (asOf) and neither evaluatedAt nor evaluationError.
 * Until re-evaluated, the account's results are older than its evidence (isAwaitingEvaluation).
 */
export async function listUnevaluatedRuns(
  client: PrismaClient,
  awsAccountId?: string,
): Promise<{ id: string; awsAccountId: string; asOf: Date }[]> {
  const rows = await client.$queryRaw<{ id: string; awsAccountId: string; asOf: Date }[]>`
    SELECT r."id", r."awsAccountId", r."asOf"
    FROM "AwsAccount" a
    CROSS JOIN LATERAL (
      SELECT "id", "awsAccountId", "asOf", "evaluatedAt", "evaluationError"
      FROM "SyncRun"
      WHERE "awsAccountId" = a."id" AND "status" IN ('SUCCEEDED', 'PARTIAL', 'FAILED')
      ORDER BY "queuedAt" DESC
      LIMIT 1
    ) r
    WHERE r."asOf" IS NOT NULL AND r."evaluatedAt" IS NULL AND r."evaluationError" IS NULL`;
  return awsAccountId ? rows.filter((row) => row.awsAccountId === awsAccountId) : rows;
}

/**
 * What a worker does before taking jobs, after any crash (issue 12 item 6): fail runs that lost their
 * worker or never started, and evaluate the evidence that was stored but never evaluated, as of its
 * collection time. Returns what it recovered.
 */
export async function recoverInterruptedSyncs(
  client: PrismaClient,
  options: {
    now?: Date;
    evaluate: (
      client: PrismaClient,
      input: { awsAccountId: string; syncRunId: string; evaluatedAt: Date },
    ) => Promise<{ criticalAlertIds: string[] }>;
  },
): Promise<{ reaped: number; reevaluated: number; criticalAlertIds: string[] }> {
  const reaped = await reapStaleRuns(client, options.now ?? new Date());
  const unevaluated = await listUnevaluatedRuns(client);
  const criticalAlertIds: string[] = [];
  for (const run of unevaluated) {
    const effects = await options.evaluate(client, {
      awsAccountId: run.awsAccountId,
      syncRunId: run.id,
      evaluatedAt: run.asOf,
    });
    criticalAlertIds.push(...effects.criticalAlertIds);
  }
  // The critical alerts these evaluations raised: the caller's job layer queues their e-mail.
  return { reaped, reevaluated: unevaluated.length, criticalAlertIds };
}

/**
 * Creates a QUEUED run for the account unless one is already queued or running (then returns that one),
 * under an advisory lock so concurrent requests from several web servers cannot create two.
 */
export async function requestSync(
  client: PrismaClient,
  input: { awsAccountId: string; trigger: SyncTrigger; requestedById?: string | null },
): Promise<{ runId: string; created: boolean }> {
  await reapStaleRuns(client, new Date(), input.awsAccountId);
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sync:${input.awsAccountId}`}))`;
    const active = await tx.syncRun.findFirst({
      where: { awsAccountId: input.awsAccountId, status: { in: ["QUEUED", "RUNNING"] } },
      select: { id: true },
    });
    if (active) return { runId: active.id, created: false };
    const account = await tx.awsAccount.findUniqueOrThrow({
      where: { id: input.awsAccountId },
      select: {
        customerId: true,
        alias: true,
        accountNumber: true,
        archivedAt: true,
        customer: { select: { archivedAt: true } },
      },
    });
    if (account.archivedAt || account.customer.archivedAt)
      throw new AppError(
        "CONFLICT",
        `${account.alias} (${account.accountNumber}) is retired${account.archivedAt ? "" : " with its customer"}: it is no longer synced.`,
      );
    const run = await tx.syncRun.create({
      data: {
        awsAccountId: input.awsAccountId,
        customerId: account.customerId,
        trigger: input.trigger,
        requestedById: input.requestedById ?? null,
        status: "QUEUED",
      },
      select: { id: true },
    });
    return { runId: run.id, created: true };
  });
}
