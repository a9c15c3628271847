// `npm run sync -- --customer <slug> | --account <12-digit id> | --all`
// Syncs in this process (no worker needed) and prints each account's outcome with attributed errors.
import { parseArgs } from "node:util";
import { z } from "zod";
import { accountNumberSchema } from "../lib/aws/sts";
import { defaultSyncDependencies } from "../lib/collectors/default-dependencies";
import { syncAccount } from "../lib/collectors/sync-account";
import { requestSync } from "../lib/collectors/sync-run";
import { db, disconnectDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/database-url";
import { closeSqlPool } from "../lib/db/sql";
import { env, resetEnvCache } from "../lib/env";
import { queueCriticalAlertMail } from "../lib/jobs/alert-jobs";
import { stopQueueSender } from "../lib/jobs/queue";
import { adoptRunningDemoSimulator as adoptRunningDemoSimulatorAt } from "./demo-aws-environment";

const argsSchema = z
  .object({
    customer: z
      .string()
      .regex(/^[a-z0-9-]+$/, "A customer slug is lower-case letters, digits and dashes")
      .optional(),
    account: accountNumberSchema.optional(),
    all: z.boolean().optional(),
  })
  .refine((args) => [args.customer, args.account, args.all].filter(Boolean).length === 1, {
    message: "Give exactly one of --customer <slug>, --account <12-digit account id> or --all",
  });

async function adoptRunningDemoSimulator(): Promise<void> {
  const endpoint = await adoptRunningDemoSimulatorAt(env().RAMPART_DATA_DIR);
  if (endpoint) console.log(`Using the demo AWS simulator at ${endpoint}.`);
}

let stopEmbedded: (() => Promise<void>) | undefined;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { customer: { type: "string" }, account: { type: "string" }, all: { type: "boolean" } },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => issue.message).join("\n"));
    return 2;
  }
  const { customer, account, all } = parsed.data;
  // Uses DATABASE_URL, the embedded server of a running `npm start`, or boots the embedded one.
  const database = await resolveDatabase("rampart", { attachToRunning: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  stopEmbedded = database.embedded?.stop;
  await adoptRunningDemoSimulator();
  const accounts = await db().awsAccount.findMany({
    // Retired accounts and customers are not synced (their history stays as it was).
    where: {
      archivedAt: null,
      customer: { archivedAt: null, ...(customer ? { slug: customer } : {}) },
      ...(!all && !customer ? { accountNumber: account } : {}),
    },
    select: { id: true, alias: true, accountNumber: true, customer: { select: { name: true } } },
    orderBy: [{ customer: { name: "asc" } }, { alias: "asc" }],
  });
  if (accounts.length === 0) {
    console.error(
      customer
        ? `No customer with slug "${customer}" (or it has no accounts, or it is retired).`
        : account
          ? `No AWS account ${account} is connected (or it is retired).`
          : "No AWS accounts are connected.",
    );
    return 1;
  }
  let failed = 0;
  for (const target of accounts) {
    const label = `${target.customer.name} / ${target.alias} (${target.accountNumber})`;
    const { runId, created } = await requestSync(db(), { awsAccountId: target.id, trigger: "CLI" });
    if (!created) {
      console.log(`${label}: a sync is already queued or running (run ${runId}); skipped.`);
      continue;
    }
    const outcome = await syncAccount(db(), runId, defaultSyncDependencies());
    // The job layer queues what the follow-up asks for (the critical alerts' e-mail), as the worker does.
    await queueCriticalAlertMail(outcome.followUp?.criticalAlertIds ?? []);
    const f = outcome.counts.findings;
    console.log(
      `${label}: ${outcome.status} — ${outcome.counts.steps} steps, ${outcome.counts.items} items, findings +${f.opened} ~${f.updated} ↺${f.reopened} ✓${f.resolved}`,
    );
    for (const error of outcome.errors) {
      console.log(
        `  ✗ ${error.service}${error.operation ? ` ${error.operation}` : ""} in ${error.region}: ${error.code} — ${error.message}`,
      );
    }
    if (outcome.status === "FAILED") failed += 1;
  }
  return failed > 0 ? 1 : 0;
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
    await disconnectDb().catch(() => undefined);
    await closeSqlPool().catch(() => undefined);
    await stopEmbedded?.().catch(() => undefined);
    process.exit(1);
  });
