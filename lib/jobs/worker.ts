import PgBoss from "pg-boss";
import { ACCESS_REVIEW_REMINDER_SCHEDULE, accessReviewReminderJob } from "../access-reviews/reminders";
import { recoverAfterCrash } from "../collectors/sync-account";
import { db } from "../db/client";
import { withSqlTransaction } from "../db/sql";
import { env } from "../env";
import { MONTHLY_PACK_SCHEDULE } from "../evidence-packs/monthly-mail";
import { logger } from "../logger";
import { appBaseUrl, sendMail } from "../mail/mailer";
import { ALERT_JOBS, queueCriticalAlertMail, startAlertWorkers } from "./alert-jobs";
import { JOBS, scheduledSyncJob, syncAccountJob } from "./definitions";
import { evidencePackJob } from "./evidence-pack-job";
import { parseJobPayload } from "./job-definition";
import { monthlyEvidencePackJob } from "./monthly-evidence-pack-job";
import { enqueueSyncRun, logQueueError, queueConnectionString } from "./queue";

// The worker side of the queue: any number of worker processes on any number of machines share it;
// each job is fetched by exactly one of them (SELECT … FOR UPDATE SKIP LOCKED) and each cron tick is sent
// once.

/** Reminds reviewers of undecided access-review items (weekly, 3 and 1 days before due, daily when overdue). */
const reminderJob = accessReviewReminderJob({ client: db, appUrl: appBaseUrl, send: sendMail });
/** Last month's evidence pack for customers that asked for it, mailed to their reviewers and managers. */
const monthlyPackJob = monthlyEvidencePackJob({ client: db, appUrl: appBaseUrl, send: sendMail });

export interface Worker {
  stop(): Promise<void>;
}

/**
 * What a worker does before taking jobs, after any crash: no run stays blocked, stored but unevaluated
 * evidence is evaluated (lib/collectors/sync-run.ts), and the critical alerts that raised are mailed.
 */
export async function recoverInterruptedWork(now?: Date) {
  const recovered = await recoverAfterCrash(db(), now);
  await queueCriticalAlertMail(recovered.criticalAlertIds);
  return recovered;
}

export async function startWorker(options: { concurrency?: number; schedule?: string } = {}): Promise<Worker> {
  const boss = new PgBoss({ connectionString: queueConnectionString(), max: 4 });
  boss.on("error", logQueueError);
  await boss.start();
  // Workers started together on a fresh database would create the same queues at once, and pg-boss's
  // queue creation deadlocks then (found by bench:fleet starting two): one worker at a time creates them,
  // under a transaction-level advisory lock held on a connection of our own.
  await withSqlTransaction(async (sql) => {
    await sql.query("SELECT pg_advisory_xact_lock(hashtext('rampart:pg-boss-queues'))");
    for (const job of [...JOBS, ...ALERT_JOBS, reminderJob, evidencePackJob, monthlyPackJob])
      await boss.createQueue(job.name);
  });
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
