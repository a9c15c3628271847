import PgBoss from "pg-boss";
import { ACCESS_REVIEW_REMINDER_SCHEDULE, accessReviewReminderJob } from "../access-reviews/reminders";
import { db } from "../db/client";
import { env } from "../env";
import { MONTHLY_PACK_SCHEDULE } from "../evidence-packs/monthly-mail";
import { logger } from "../logger";
import { appBaseUrl, sendMail } from "../mail/mailer";
import { ALERT_JOBS, startAlertWorkers } from "./alert-jobs";
import { JOBS, parseJobPayload, scheduledSyncJob, syncAccountJob } from "./definitions";
import { evidencePackJob } from "./evidence-pack-job";
import { monthlyEvidencePackJob } from "./monthly-evidence-pack-job";

// The job queue lives in the same PostgreSQL (pg-boss, schema "pgboss"). Any number of worker
// processes on any number of machines share it: each job is fetched by exactly one of them
// (SELECT … FOR UPDATE SKIP LOCKED) and each cron tick is sent once.

const globalForQueue = globalThis as unknown as { rampartSender?: Promise<PgBoss> };

const ADMIN_SHUTDOWN = "57P01";

/** Queue errors are logged, except the database's own shutdown while Rampart itself is stopping. */
function logQueueError(error: unknown): void {
  if ((error as { code?: string }).code === ADMIN_SHUTDOWN) {
    logger.info("job queue: database is shutting down");
    return;
  }
  logger.error({ err: error }, "job queue error");
}

function connectionString(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return url;
}

/** Reminds reviewers of undecided access-review items (weekly, 3 and 1 days before due, daily when overdue). */
const reminderJob = accessReviewReminderJob({ client: db, appUrl: appBaseUrl, send: sendMail });
/** Last month's evidence pack for customers that asked for it, mailed to their reviewers and managers. */
const monthlyPackJob = monthlyEvidencePackJob({ client: db, appUrl: appBaseUrl, send: sendMail });

async function createQueues(boss: PgBoss): Promise<void> {
  for (const job of [...JOBS, ...ALERT_JOBS, reminderJob, evidencePackJob, monthlyPackJob])
    await boss.createQueue(job.name);
}

/** A send-only instance for web servers and scripts: no polling, no maintenance, no cron. */
function sender(): Promise<PgBoss> {
  globalForQueue.rampartSender ??= (async () => {
    const boss = new PgBoss({ connectionString: connectionString(), schedule: false, supervise: false, max: 2 });
    boss.on("error", logQueueError);
    await boss.start();
    await createQueues(boss);
    return boss;
  })();
  return globalForQueue.rampartSender;
}

/** Closes this process's send-only connection (before its database goes away). */
export async function stopQueueSender(): Promise<void> {
  const pending = globalForQueue.rampartSender;
  globalForQueue.rampartSender = undefined;
  if (pending) await (await pending).stop({ graceful: false, wait: true });
}

export async function enqueueSyncRun(syncRunId: string): Promise<void> {
  const boss = await sender();
  // One job per run id: a double click or a retried request never queues the same run twice.
  await boss.send(syncAccountJob.name, { syncRunId }, { singletonKey: syncRunId, retryLimit: 0, expireInMinutes: 30 });
}

/** Queues an evidence pack's generation (one job per pack row). */
export async function enqueueEvidencePack(packId: string): Promise<void> {
  const boss = await sender();
  await boss.send(evidencePackJob.name, { packId }, { singletonKey: packId, retryLimit: 0, expireInMinutes: 30 });
}

/** Queues any job by name (alert jobs use it; see alert-jobs.ts for their payloads and retries). */
export async function sendJob(name: string, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
  const boss = await sender();
  await boss.send(name, data, options);
}

export interface Worker {
  stop(): Promise<void>;
}

export async function startWorker(options: { concurrency?: number; schedule?: string } = {}): Promise<Worker> {
  const boss = new PgBoss({ connectionString: connectionString(), max: 4 });
  boss.on("error", logQueueError);
  await boss.start();
  await createQueues(boss);
  // A run still QUEUED may have lost its job with the process that queued it: queue it again (one job per run).
  for (const run of await db().syncRun.findMany({ where: { status: "QUEUED" }, select: { id: true } }))
    await enqueueSyncRun(run.id);
  const concurrency = options.concurrency ?? env().SYNC_WORKER_CONCURRENCY;
  for (let i = 0; i < concurrency; i++) {
    await boss.work(syncAccountJob.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await syncAccountJob.handler(parseJobPayload(syncAccountJob, job.data));
    });
  }
  await boss.work(scheduledSyncJob.name, async ([job]) => {
    if (job) await scheduledSyncJob.handler(parseJobPayload(scheduledSyncJob, job.data));
  });
  await boss.schedule(scheduledSyncJob.name, options.schedule ?? env().SYNC_SCHEDULE, {});
  await startAlertWorkers(boss);
  await boss.work(reminderJob.name, async ([job]) => {
    if (job) await reminderJob.handler(parseJobPayload(reminderJob, job.data));
  });
  await boss.schedule(reminderJob.name, ACCESS_REVIEW_REMINDER_SCHEDULE, {});
  await boss.work(evidencePackJob.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await evidencePackJob.handler(parseJobPayload(evidencePackJob, job.data));
  });
  await boss.work(monthlyPackJob.name, async ([job]) => {
    if (job) await monthlyPackJob.handler(parseJobPayload(monthlyPackJob, job.data));
  });
  await boss.schedule(monthlyPackJob.name, MONTHLY_PACK_SCHEDULE, {});
  logger.info({ concurrency, schedule: options.schedule ?? env().SYNC_SCHEDULE }, "sync worker started");
  return { stop: () => boss.stop({ graceful: true, wait: true }) };
}
