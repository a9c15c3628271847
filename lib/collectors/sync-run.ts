import type { PrismaClient } from "../db/client";
import type { SyncTrigger } from "../db/generated/client";
import { AppError } from "../errors";

/** A RUNNING run whose worker has not written a heartbeat for this long was interrupted (crash, kill -9). */
export const STALE_RUN_AFTER_MS = 60_000;
export const INTERRUPTED_MESSAGE =
  "Interrupted: the worker stopped mid-sync (crash or kill). The previous evidence is kept.";

/**
 * Marks runs that lost their worker as FAILED so they neither block new syncs nor look alive.
 * Nothing they collected was persisted (persistence is one transaction at the end), so nothing is lost.
 */
export async function reapStaleRuns(client: PrismaClient, now = new Date(), awsAccountId?: string): Promise<number> {
  const staleBefore = new Date(now.getTime() - STALE_RUN_AFTER_MS);
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
  return stale.length;
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
