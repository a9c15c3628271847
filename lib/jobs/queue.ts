import PgBoss from "pg-boss";
import { env } from "../env";
import { logger } from "../logger";

// The job queue lives in the same PostgreSQL (pg-boss, schema "pgboss"). This module is the sending side
// only (web servers, scripts, job handlers that queue follow-up jobs); the worker that takes jobs is
// worker.ts. It loads no job module, so every job module may queue through it without an import cycle.

const globalForQueue = globalThis as unknown as { rampartSender?: Promise<PgBoss>; rampartQueues?: Set<string> };

export const SYNC_ACCOUNT_QUEUE = "sync-account";
export const EVIDENCE_PACK_QUEUE = "evidence-pack-generate";

const ADMIN_SHUTDOWN = "57P01";

/** Queue errors are logged, except the database's own shutdown while Rampart itself is stopping. */
export function logQueueError(error: unknown): void {
  if ((error as { code?: string }).code === ADMIN_SHUTDOWN) {
    logger.info("job queue: database is shutting down");
    return;
  }
  logger.error({ err: error }, "job queue error");
}

export function queueConnectionString(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return url;
}

/** A send-only instance for web servers and scripts: no polling, no maintenance, no cron. */
function sender(): Promise<PgBoss> {
  globalForQueue.rampartSender ??= (async () => {
    const boss = new PgBoss({ connectionString: queueConnectionString(), schedule: false, supervise: false, max: 2 });
    boss.on("error", logQueueError);
    await boss.start();
    return boss;
  })();
  return globalForQueue.rampartSender;
}

/** Closes this process's send-only connection (before its database goes away). */
export async function stopQueueSender(): Promise<void> {
  const pending = globalForQueue.rampartSender;
  globalForQueue.rampartSender = undefined;
  globalForQueue.rampartQueues = undefined;
  if (pending) await (await pending).stop({ graceful: false, wait: true });
}

/** Queues any job by name; its queue is created on first use (pg-boss 10 sends only to existing queues). */
export async function sendJob(name: string, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
  const boss = await sender();
  globalForQueue.rampartQueues ??= new Set();
  const created = globalForQueue.rampartQueues;
  if (!created.has(name)) {
    await boss.createQueue(name);
    created.add(name);
  }
  await boss.send(name, data, options);
}

export async function enqueueSyncRun(syncRunId: string): Promise<void> {
  // One job per run id: a double click or a retried request never queues the same run twice.
  await sendJob(SYNC_ACCOUNT_QUEUE, { syncRunId }, { singletonKey: syncRunId, retryLimit: 0, expireInMinutes: 30 });
}

/** Queues an evidence pack's generation (one job per pack row). */
export async function enqueueEvidencePack(packId: string): Promise<void> {
  await sendJob(EVIDENCE_PACK_QUEUE, { packId }, { singletonKey: packId, retryLimit: 0, expireInMinutes: 30 });
}
