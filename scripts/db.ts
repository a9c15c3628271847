// Developer database commands. With DATABASE_URL unset they boot the embedded PostgreSQL first.
//   npm run db:migrate -- --name add_widgets   create + apply a migration (prisma migrate dev)
//   npm run db:generate                        regenerate the Prisma client
//   npm run db:diff -- --name add_widgets       write a migration from the schema's change since git HEAD,
//                                              without a shadow database (see README), then apply it
//   tsx scripts/db.ts deploy | reset | status
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveDatabase } from "../lib/db/database-url";
import { capturePrisma, GENERATE_PLACEHOLDER_URL, runPrisma } from "./prisma-cli";

/**
 * `migrate dev` needs a shadow database, and on some machines Prisma's WebAssembly schema engine
 * panics ("RuntimeError: unreachable") while introspecting it. A schema-to-schema diff needs no
 * database: diff the committed schema (git `--from`, default HEAD) against the working one.
 */
async function diffMigration(args: string[], databaseUrl: string): Promise<void> {
  const option = (flag: string) => {
    const index = args.indexOf(flag);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const name = option("--name");
  if (!name || !/^[a-z0-9_]+$/.test(name))
    throw new Error("Give a migration name: --name add_something (a-z, 0-9, _).");
  const from = option("--from") ?? "HEAD";
  const previous = execFileSync("git", ["show", `${from}:prisma/schema.prisma`], { encoding: "utf8" });
  const previousFile = path.join(mkdtempSync(path.join(os.tmpdir(), "rampart-schema-")), "schema.prisma");
  writeFileSync(previousFile, previous);
  const sql = await capturePrisma(
    [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      previousFile,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    databaseUrl,
  );
  const body = sql
    .split("\n")
    .filter((line) => !line.startsWith("Loaded Prisma config"))
    .join("\n")
    .trim();
  if (!body || body === "-- This is an empty migration.")
    throw new Error(`prisma/schema.prisma has no change since ${from}.`);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join("prisma", "migrations", `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), `${body}\n`);
  console.log(`Wrote ${folder}/migration.sql; applying it.`);
}

async function main() {
  const [command = "status", ...rest] = process.argv.slice(2);
  if (command === "generate") {
    await runPrisma(["generate", ...rest], process.env.DATABASE_URL || GENERATE_PLACEHOLDER_URL);
    return;
  }
  if (command === "diff") {
    const database = await resolveDatabase();
    try {
      await diffMigration(rest, database.url);
      await runPrisma(["migrate", "deploy"], database.url);
    } finally {
      await database.embedded?.stop();
    }
    return;
  }
  const prismaArgs: Record<string, string[]> = {
    "migrate-dev": ["migrate", "dev"],
    deploy: ["migrate", "deploy"],
    reset: ["migrate", "reset", "--force"],
    status: ["migrate", "status"],
  };
  const args = prismaArgs[command];
  if (!args)
    throw new Error(`Unknown command "${command}". Use one of: generate, ${Object.keys(prismaArgs).join(", ")}`);
  const database = await resolveDatabase();
  try {
    await runPrisma([...args, ...rest], database.url);
  } finally {
    await database.embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
