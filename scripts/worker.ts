// `npm run worker`: a sync worker. Run as many as you like, on as many machines as you like.
import { sealStoredTotpSecrets } from "../lib/auth/mfa";
import { db } from "../lib/db/client";
import { closeSqlPool } from "../lib/db/sql";
import { recoverInterruptedWork, startWorker } from "../lib/jobs/worker";
import { logger } from "../lib/logger";

async function main() {
  // After a crash: no run stays blocked, and stored but unevaluated evidence is evaluated before new work
  // (startWorker then queues again any run still QUEUED).
  const recovered = await recoverInterruptedWork();
  if (recovered.reaped + recovered.reevaluated > 0)
    logger.warn({ reaped: recovered.reaped, reevaluated: recovered.reevaluated }, "recovered interrupted sync runs");
  // Two-step sign-in secrets stored before they were encrypted, or under the previous NEXTAUTH_SECRET, are
  // sealed under the current key (ADR 015); a sign-in does the same for its own user.
  const sealed = await sealStoredTotpSecrets(db());
  if (sealed > 0) logger.info({ sealed }, "sealed stored two-step sign-in secrets");
  const worker = await startWorker();
  const stop = async () => {
    await worker.stop();
    await db().$disconnect();
    await closeSqlPool();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  logger.fatal({ err: error }, "sync worker failed to start");
  process.exit(1);
});
