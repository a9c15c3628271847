// `npm run customers:import -- <file.csv> [--dry-run]`: customers and their AWS accounts from a CSV file.
// Header (exactly these names, any order): customer,account_id,role_name,regions,environment[,alias]
// Idempotent (customers matched by name, existing accounts left as they are); every bad line is reported
// with its line number, and nothing is written when any line is bad. Exit 0 = imported (or would be, with
// --dry-run), 1 = refused, 2 = bad arguments. The last line is a JSON summary.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { importCustomersCsv } from "../lib/actions/customer-import";
import { IMPORT_HEADER } from "../lib/customers/customer-import";
import { db, disconnectDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/database-url";
import { closeSqlPool } from "../lib/db/sql";
import { resetEnvCache } from "../lib/env";

let stopEmbedded: (() => Promise<void>) | undefined;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { "dry-run": { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) {
    console.error(
      `Give one CSV file: npm run customers:import -- <file.csv> [--dry-run]\nIts header: ${IMPORT_HEADER}[,alias]`,
    );
    return 2;
  }
  const file = path.resolve(positionals[0]!);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    console.error(`Cannot read ${file}.`);
    return 2;
  }
  const dryRun = values["dry-run"] ?? false;
  const database = await resolveDatabase("rampart", { attachToRunning: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  stopEmbedded = database.embedded?.stop;

  const report = await importCustomersCsv(db(), text, { dryRun, source: path.basename(file) });
  if (report.problems.length > 0) {
    console.error(`${path.basename(file)}: ${report.problems.length} line(s) refused, nothing was written.`);
    for (const problem of report.problems) console.error(`  line ${problem.line}: ${problem.message}`);
  } else {
    const verb = dryRun ? "would create" : "created";
    for (const name of report.customersCreated) console.log(`customer ${name}: ${verb}`);
    for (const account of report.accountsCreated)
      console.log(`line ${account.line}: account ${account.accountNumber} of ${account.customer}: ${verb}`);
    for (const account of report.accountsUnchanged)
      console.log(
        `line ${account.line}: account ${account.accountNumber} of ${account.customer}: already connected, left unchanged${
          account.differences.length ? ` (${account.differences.join("; ")})` : ""
        }`,
      );
    if (dryRun) console.log("Dry run: nothing was written.");
  }
  console.log(
    JSON.stringify({
      ok: report.problems.length === 0,
      dryRun,
      customersCreated: report.customersCreated.length,
      accountsCreated: report.accountsCreated.length,
      accountsUnchanged: report.accountsUnchanged.length,
      problems: report.problems,
    }),
  );
  return report.problems.length > 0 ? 1 : 0;
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
    await disconnectDb().catch(() => undefined);
    await closeSqlPool().catch(() => undefined);
    await stopEmbedded?.().catch(() => undefined);
    process.exit(1);
  });
