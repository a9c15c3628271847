// `npm run onboarding:test -- --account <12-digit id>`
// Tests the connection of a connected AWS account (assume the role, one read per collector and region),
// prints the checklist, records it like "Test connection" in Settings, and exits 0 only when every check
// is OK. The last line is the result as JSON (checks carry no ExternalId or credential).
import { parseArgs } from "node:util";
import { z } from "zod";
import { recordConnectionTest, runConnectionTest } from "../lib/actions/connection-test-records";
import { recordAudit } from "../lib/audit/record-audit";
import { accountNumberSchema } from "../lib/aws/sts";
import { db, disconnectDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/database-url";
import { closeSqlPool } from "../lib/db/sql";
import { env, resetEnvCache } from "../lib/env";
import { formatChecklist } from "../lib/onboarding/connection-test";
import { adoptRunningDemoSimulator } from "./demo-aws-environment";

const argsSchema = z.object({
  account: accountNumberSchema.describe("--account <12-digit AWS account id>"),
});

let stopEmbedded: (() => Promise<void>) | undefined;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { account: { type: "string" } }, strict: true });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`Usage: npm run onboarding:test -- --account <12-digit id>\n${parsed.error.issues[0]?.message}`);
    console.log(JSON.stringify({ ok: false, error: "bad arguments" }));
    return 2;
  }
  const database = await resolveDatabase("rampart", { attachToRunning: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  stopEmbedded = database.embedded?.stop;
  const endpoint = await adoptRunningDemoSimulator(env().RAMPART_DATA_DIR);
  if (endpoint) console.log(`Using the demo AWS simulator at ${endpoint}.`);

  const account = await db().awsAccount.findUnique({
    where: { accountNumber: parsed.data.account },
    select: {
      id: true,
      alias: true,
      customerId: true,
      accountNumber: true,
      roleArn: true,
      regions: true,
      customer: { select: { name: true, externalId: true, pendingExternalId: true } },
    },
  });
  if (!account) {
    console.error(`No AWS account ${parsed.data.account} is connected.`);
    console.log(JSON.stringify({ ok: false, accountNumber: parsed.data.account, error: "not connected" }));
    return 1;
  }
  console.log(`${account.customer.name} / ${account.alias} (${account.accountNumber}), ${account.roleArn}`);
  const result = await runConnectionTest(account);
  for (const line of formatChecklist(result)) console.log(`  ${line}`);
  const recorded = await db().$transaction((tx) =>
    recordConnectionTest(tx, (entry) => recordAudit(tx, { ...entry, actorEmail: "cli:onboarding:test" }), {
      awsAccountId: account.id,
      customerId: account.customerId,
      result,
      testedPendingExternalId: account.customer.pendingExternalId,
    }),
  );
  const ok = result.outcome === "PASSED";
  const counts = Object.fromEntries(
    ["OK", "DENIED", "THROTTLED", "REGION_NOT_ENABLED", "ERROR"].map((status) => [
      status,
      result.checks.filter((check) => check.status === status).length,
    ]),
  );
  console.log(
    `${result.outcome}: ${counts.OK} of ${result.checks.length} checks OK in ${(result.durationMs / 1000).toFixed(1)} s${recorded.promoted ? "; the new ExternalId is now the customer's ExternalId" : ""}`,
  );
  console.log(JSON.stringify({ ok, ...result, counts, promoted: recorded.promoted }));
  return ok ? 0 : 1;
}

main()
  .then(async (code) => {
    await disconnectDb();
    await closeSqlPool();
    await stopEmbedded?.();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error instanceof Error ? error.message : error);
    console.log(JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) }));
    await disconnectDb().catch(() => undefined);
    await closeSqlPool().catch(() => undefined);
    await stopEmbedded?.().catch(() => undefined);
    process.exit(1);
  });
