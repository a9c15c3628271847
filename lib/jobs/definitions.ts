import { z } from "zod";
import { defaultSyncDependencies } from "../collectors/default-dependencies";
import { syncAccount } from "../collectors/sync-account";
import { requestSync } from "../collectors/sync-run";
import { db } from "../db/client";
import { logger } from "../logger";

// Job definitions: a name, a zod payload schema (a job with a bad payload fails loudly instead of
// doing something half-right), and a handler.

export interface JobDefinition<TSchema extends z.ZodType> {
  name: string;
  schema: TSchema;
  handler(payload: z.infer<TSchema>): Promise<void>;
}

export const syncAccountJob = {
  name: "sync-account",
  schema: z.object({ syncRunId: z.string().min(1) }),
  async handler({ syncRunId }) {
    const outcome = await syncAccount(db(), syncRunId, defaultSyncDependencies());
    logger.info({ syncRunId, status: outcome.status, counts: outcome.counts }, "sync finished");
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
    const { enqueueSyncRun } = await import("./queue");
    for (const account of accounts) {
      const { runId, created } = await requestSync(db(), { awsAccountId: account.id, trigger: "SCHEDULE" });
      if (created) await enqueueSyncRun(runId);
    }
    logger.info({ accounts: accounts.length }, "scheduled syncs queued");
  },
} satisfies JobDefinition<z.ZodType>;

export const JOBS = [syncAccountJob, scheduledSyncJob] as const;

export function parseJobPayload<TSchema extends z.ZodType>(
  job: JobDefinition<TSchema>,
  data: unknown,
): z.infer<TSchema> {
  const parsed = job.schema.safeParse(data);
  if (!parsed.success) {
    throw new Error(
      `Job ${job.name} received a bad payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
