// `npm run evaluate -- --account <12-digit id | account id> [--as-of <ISO time>]` (issue 12 item 8)
// Judges an account's stored evidence again and prints every control's result.
//   without --as-of: now, from the current evidence; the results are written (as after a record: the
//                    alerts follow, critical ones are mailed), exactly what the next re-evaluation would do.
//   with --as-of:    as the evidence, runs and records stood at that instant; nothing is written, so a past
//                    instant never replaces the current results (ADR 016).
import { parseArgs } from "node:util";
import { z } from "zod";
import { fixedClock } from "../lib/clock";
import { db, disconnectDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/database-url";
import { closeSqlPool } from "../lib/db/sql";
import { resetEnvCache } from "../lib/env";
import { followEvidenceChange } from "../lib/evaluation/after-evidence-change";
import { evaluateAccountAsOf } from "../lib/evaluation/evaluate-account";
import { queueCriticalAlertMail } from "../lib/jobs/alert-jobs";
import { stopQueueSender } from "../lib/jobs/queue";

const argsSchema = z.object({
  account: z.string({ message: "Give --account <12-digit AWS account id or Rampart account id>" }).trim().min(1),
  "as-of": z.iso
    .datetime({ offset: true, message: "--as-of is an ISO time, e.g. 2026-03-01T12:00:00Z" })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() <= Date.now(), "--as-of cannot be in the future")
    .optional(),
});

let stopEmbedded: (() => Promise<void>) | undefined;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { account: { type: "string" }, "as-of": { type: "string" } }, strict: true });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => issue.message).join("\n"));
    return 2;
  }
  const { account, "as-of": asOf } = parsed.data;
  const database = await resolveDatabase("rampart", { attachToRunning: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  stopEmbedded = database.embedded?.stop;
  const target = await db().awsAccount.findFirst({
    where: /^\d{12}$/.test(account) ? { accountNumber: account } : { id: account },
    select: { id: true, alias: true, accountNumber: true, customer: { select: { name: true } } },
  });
  if (!target) {
    console.error(`No AWS account ${account} is connected.`);
    return 1;
  }
  const label = `${target.customer.name} / ${target.alias} (${target.accountNumber})`;
  if (asOf) {
    const evaluation = await evaluateAccountAsOf(db(), { awsAccountId: target.id, asOf });
    console.log(`${label} as of ${asOf.toISOString()} (not written): score ${evaluation.summary.score ?? "—"}`);
    for (const row of evaluation.results) {
      console.log(`${row.controlId.padEnd(8)} ${row.status.padEnd(14)} ${row.severity.padEnd(8)} ${row.reason}`);
    }
    return 0;
  }
  const at = new Date();
  const effects = await followEvidenceChange(db(), {
    accounts: [{ awsAccountId: target.id, syncRunId: null }],
    clock: fixedClock(at),
  });
  await queueCriticalAlertMail(effects.criticalAlertIds);
  if (effects.evaluatedAccountIds.length === 0) {
    console.error(`${label} has no results yet (never synced, or the evaluation failed: see the log).`);
    return 1;
  }
  const rows = await db().controlResult.findMany({
    where: { awsAccountId: target.id, isCurrent: true },
    select: { controlId: true, status: true, severity: true, reason: true },
    orderBy: { controlId: "asc" },
  });
  console.log(`${label} evaluated at ${at.toISOString()} (written as the current results):`);
  for (const row of rows) {
    console.log(`${row.controlId.padEnd(8)} ${row.status.padEnd(14)} ${row.severity.padEnd(8)} ${row.reason}`);
  }
  return 0;
}

main()
  .then(async (code) => {
    await stopQueueSender();
    await disconnectDb();
    await closeSqlPool();
    await stopEmbedded?.();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error instanceof Error ? error.message : error);
    await stopQueueSender().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    await closeSqlPool().catch(() => undefined);
    await stopEmbedded?.().catch(() => undefined);
    process.exit(1);
  });
