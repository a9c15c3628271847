// `npm run worker`: a sync worker. Run as many as you like, on as many machines as you like.
import { db } from "../lib/db/client";
import { closeSqlPool } from "../lib/db/sql";
import { startWorker } from "../lib/jobs/queue";
import { logger } from "../lib/logger";

async function main() {
  // startWorker recovers interrupted runs first (recoverInterruptedSyncs).
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
