import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { externalIdSchema } from "@/lib/aws/sts";
import { IMPORT_HEADER } from "@/lib/customers/customer-import";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import { IMPORT_ACTOR_EMAIL, importCustomersCsv } from "./customer-import";

// `npm run customers:import` on real PostgreSQL: idempotent, one transaction, audit-logged as the
// system actor, customers created the way Settings creates them (a generated ExternalId).

const unique = () => Math.floor(100_000 + Math.random() * 899_999).toString();

function csv(lines: string[]): string {
  return `${IMPORT_HEADER}\n${lines.join("\n")}\n`;
}

describe("importCustomersCsv", () => {
  it("creates customers and accounts once; a second run creates nothing", async () => {
    const tag = unique();
    const existing = await createCustomer(db(), { name: `Existing ${tag}`, slug: `existing-${tag}` });
    const text = csv([
      `Northwind ${tag},111${tag}001,RampartAudit,us-east-1 eu-west-1,production`,
      `Northwind ${tag},111${tag}002,RampartAudit,eu-west-1,staging`,
      `existing ${tag},111${tag}003,audit/RampartAudit,us-east-2,development`,
    ]);

    const dry = await importCustomersCsv(db(), text, { dryRun: true });
    expect(dry.problems).toEqual([]);
    expect(dry.customersCreated).toEqual([`Northwind ${tag}`]);
    expect(dry.accountsCreated).toHaveLength(3);
    expect(await db().customer.count({ where: { name: `Northwind ${tag}` } })).toBe(0);
    expect(await db().awsAccount.count({ where: { accountNumber: { startsWith: `111${tag}` } } })).toBe(0);

    const first = await importCustomersCsv(db(), text, { dryRun: false, source: "estate.csv" });
    expect(first.problems).toEqual([]);
    expect(first.customersCreated).toEqual([`Northwind ${tag}`]);
    const northwind = await db().customer.findFirstOrThrow({
      where: { name: `Northwind ${tag}` },
      include: { accounts: { orderBy: { accountNumber: "asc" } } },
    });
    expect(northwind.slug).toBe(`northwind-${tag}`);
    expect(externalIdSchema.safeParse(northwind.externalId).success).toBe(true);
    expect(northwind.externalId).toMatch(/^rampart-[A-Za-z0-9_-]{43}$/);
    expect(northwind.accounts.map((a) => [a.accountNumber, a.roleArn, a.regions, a.environment])).toEqual([
      [`111${tag}001`, `arn:aws:iam::111${tag}001:role/RampartAudit`, ["us-east-1", "eu-west-1"], "PRODUCTION"],
      [`111${tag}002`, `arn:aws:iam::111${tag}002:role/RampartAudit`, ["eu-west-1"], "STAGING"],
    ]);
    // Matched by name (case and punctuation aside), not created again.
    expect(await db().awsAccount.findUniqueOrThrow({ where: { accountNumber: `111${tag}003` } })).toMatchObject({
      customerId: existing.id,
      roleArn: `arn:aws:iam::111${tag}003:role/audit/RampartAudit`,
    });

    const audit = await db().auditLog.findMany({
      where: {
        actorEmail: IMPORT_ACTOR_EMAIL,
        OR: [{ customerId: { in: [northwind.id, existing.id] } }, { customerId: null }],
      },
      select: { action: true, actorId: true, metadata: true },
    });
    expect(audit.filter((row) => row.action === "customer.created")).toHaveLength(1);
    expect(audit.filter((row) => row.action === "aws_account.created")).toHaveLength(3);
    expect(audit.every((row) => row.actorId === null)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(northwind.externalId);

    const counts = async () => ({
      customers: await db().customer.count(),
      accounts: await db().awsAccount.count(),
      created: await db().auditLog.count({ where: { action: { in: ["customer.created", "aws_account.created"] } } }),
    });
    const before = await counts();
    const again = await importCustomersCsv(db(), text.replace("us-east-1 eu-west-1", "us-east-1"), { dryRun: false });
    expect(again.problems).toEqual([]);
    expect(again.customersCreated).toEqual([]);
    expect(again.accountsCreated).toEqual([]);
    expect(again.accountsUnchanged.map((a) => a.line)).toEqual([2, 3, 4]);
    expect(again.accountsUnchanged[0]?.differences).toEqual([`regions us-east-1 eu-west-1 kept (file: us-east-1)`]);
    expect(await counts()).toEqual(before);
  });

  it("writes nothing when one line is bad, and names accounts of another customer or retired ones", async () => {
    const tag = unique();
    const other = await createCustomer(db(), { name: `Other ${tag}` });
    const taken = await createAwsAccount(db(), other.id, { accountNumber: `222${tag}001` });
    const retiredOwner = await createCustomer(db(), { name: `Retired ${tag}`, slug: `retired-${tag}` });
    await db().customer.update({ where: { id: retiredOwner.id }, data: { archivedAt: new Date() } });
    const before = { customers: await db().customer.count(), accounts: await db().awsAccount.count() };

    const report = await importCustomersCsv(
      db(),
      csv([
        `Fresh ${tag},222${tag}010,RampartAudit,us-east-1,production`,
        `Fresh ${tag},${taken.accountNumber},RampartAudit,us-east-1,production`,
        `Retired ${tag},222${tag}011,RampartAudit,us-east-1,production`,
      ]),
      { dryRun: false },
    );
    expect(report.problems).toEqual([
      {
        line: 3,
        message: `account_id ${taken.accountNumber} already belongs to another customer (Other ${tag}); an account belongs to one customer`,
      },
      { line: 4, message: `customer "Retired ${tag}" is retired; a retired customer takes no new accounts` },
    ]);
    expect(report.accountsCreated).toEqual([]);
    expect({ customers: await db().customer.count(), accounts: await db().awsAccount.count() }).toEqual(before);
    expect(await db().customer.count({ where: { name: `Fresh ${tag}` } })).toBe(0);
  });
});

describe("npm run customers:import", () => {
  function run(args: string[]) {
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/import-customers.ts", ...args], {
      encoding: "utf8",
      env: { ...process.env },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("imports a file, reports bad lines with their numbers, and ends with a JSON line", async () => {
    const tag = unique();
    const dir = mkdtempSync(path.join(os.tmpdir(), "rampart-import-"));
    const good = path.join(dir, "good.csv");
    writeFileSync(good, csv([`Cli ${tag},333${tag}001,RampartAudit,us-east-1,production`]));
    const bad = path.join(dir, "bad.csv");
    writeFileSync(
      bad,
      csv([`Cli ${tag},333${tag}002,RampartAudit,us-east-1,production`, `Cli ${tag},333,R,us-east-1,production`]),
    );

    const dry = run([good, "--dry-run"]);
    expect(dry.stdout).toContain(`account 333${tag}001 of Cli ${tag}: would create`);
    expect(dry.status).toBe(0);
    expect(await db().customer.count({ where: { name: `Cli ${tag}` } })).toBe(0);

    const imported = run([good]);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout.trim().split("\n").at(-1)!)).toMatchObject({
      ok: true,
      customersCreated: 1,
      accountsCreated: 1,
    });
    const refused = run([bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 3: account_id "333": An AWS account ID is exactly 12 digits');
    expect(await db().awsAccount.count({ where: { accountNumber: `333${tag}002` } })).toBe(0);

    expect(run([]).status).toBe(2);
  });
});
