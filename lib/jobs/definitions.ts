import { z } from "zod";
import { defaultSyncDependencies } from "../collectors/default-dependencies";
import { syncAccount } from "../collectors/sync-account";
import { requestSync } from "../collectors/sync-run";
import { db } from "../db/client";
import { logger } from "../logger";
import { queueCriticalAlertMail } from "./alert-jobs";
import type { JobDefinition } from "./job-definition";
import { enqueueSyncRun, SYNC_ACCOUNT_QUEUE } from "./queue";

// The sync jobs. What follows the evidence (evaluation, alerts) runs inside syncAccount and returns its
// side effects; queuing them (the critical-alert e-mail) is this layer's job.

export const syncAccountJob = {
  name: SYNC_ACCOUNT_QUEUE,
  schema: z.object({ syncRunId: z.string().min(1) }),
  async handler({ syncRunId }) {
    const outcome = await syncAccount(db(), syncRunId, defaultSyncDependencies());
    logger.info({ syncRunId, status: outcome.status, counts: outcome.counts }, "sync finished");
    await queueCriticalAlertMail(outcome.followUp?.criticalAlertIds ?? []);
  },
} satisfies JobDefinition<z.ZodObject<{ syncRunId: z.ZodString }>>;

/** The schedule: a sync for every account. pg-boss fires each cron tick once across all workers. */
export const scheduledSyncJob = {
  name: "sync-schedule",
  schema: z.object({}).passthrough(),
  async handler(_payload: Record<string, unknown>) {
    const accounts = await db().awsAccount.findMany({
      where: { archivedAt: null, customer: { archivedAt: null } },
      select: { id: true },
    });
    for (const account of accounts) {
      const { runId, created } = await requestSync(db(), { awsAccountId: account.id, trigger: "SCHEDULE" });
      if (created) await enqueueSyncRun(runId);
    }
    logger.info({ accounts: accounts.length }, "scheduled syncs queued");
  },
} satisfies JobDefinition<z.ZodType>;

export const JOBS = [syncAccountJob, scheduledSyncJob] as const;
