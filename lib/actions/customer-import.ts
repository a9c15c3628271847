import { createCustomerRecord } from "@/lib/actions/customer-writes";
import { recordAudit } from "@/lib/audit/record-audit";
import { type ImportProblem, type ImportRow, parseCustomerImport } from "@/lib/customers/customer-import";
import type { PrismaClient, Transaction } from "@/lib/db/client";

// The database half of `npm run customers:import`: existing customers are matched by name (their slug),
// existing accounts are left as they are, and everything is written in ONE transaction, or nothing when
// any line is refused. Not a 'use server' module: only the command line calls it, as the system actor.

export const IMPORT_ACTOR_EMAIL = "system: npm run customers:import";

export interface ImportReport {
  dryRun: boolean;
  problems: ImportProblem[];
  customersCreated: string[];
  customersMatched: string[];
  accountsCreated: { line: number; accountNumber: string; customer: string }[];
  accountsUnchanged: { line: number; accountNumber: string; customer: string; differences: string[] }[];
}

class RefusedImport extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super("import refused");
  }
}

/** Imports the CSV text; with `dryRun` it checks everything against the database and writes nothing. */
export async function importCustomersCsv(
  client: PrismaClient,
  text: string,
  options: { dryRun: boolean; source?: string },
): Promise<ImportReport> {
  const report: ImportReport = {
    dryRun: options.dryRun,
    problems: [],
    customersCreated: [],
    customersMatched: [],
    accountsCreated: [],
    accountsUnchanged: [],
  };
  const parsed = parseCustomerImport(text);
  if (parsed.problems.length > 0) return { ...report, problems: parsed.problems };
  try {
    await client.$transaction(
      async (tx) => {
        const audit = (entry: Parameters<typeof recordAudit>[1]) =>
          recordAudit(tx, { ...entry, actorEmail: IMPORT_ACTOR_EMAIL });
        // Serialises concurrent imports (and the plan with its writes) so two runs cannot both create.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('rampart:customers-import'))`;
        const plan = await planImport(tx, parsed.rows, report);
        if (plan.problems.length > 0) throw new RefusedImport(plan.problems);
        if (options.dryRun) return;
        const customerIds = new Map(plan.existingCustomers);
        for (const name of plan.newCustomers) {
          const created = await createCustomerRecord(
            tx,
            audit,
            { name, emailDomains: [] },
            { source: options.source ?? "customers:import" },
          );
          customerIds.set(created.slug, created.id);
        }
        for (const row of plan.newAccounts) {
          const customerId = customerIds.get(row.customerSlug)!;
          const account = await tx.awsAccount.create({
            data: {
              customerId,
              accountNumber: row.accountNumber,
              alias: row.alias,
              roleArn: row.roleArn,
              regions: row.regions,
              environment: row.environment,
            },
            select: { id: true },
          });
          await audit({
            action: "aws_account.created",
            targetType: "AwsAccount",
            targetId: account.id,
            customerId,
            metadata: { accountNumber: row.accountNumber, alias: row.alias, regions: row.regions, line: row.line },
          });
        }
        await audit({
          action: "customers.imported",
          metadata: {
            source: options.source ?? "customers:import",
            customersCreated: report.customersCreated.length,
            accountsCreated: report.accountsCreated.length,
            accountsUnchanged: report.accountsUnchanged.length,
          },
        });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof RefusedImport)
      return { ...report, customersCreated: [], accountsCreated: [], problems: error.problems };
    throw error;
  }
  return report;
}

async function planImport(tx: Transaction, rows: ImportRow[], report: ImportReport) {
  const problems: ImportProblem[] = [];
  const slugs = [...new Set(rows.map((row) => row.customerSlug))];
  const customers = await tx.customer.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, name: true, slug: true, archivedAt: true },
  });
  const bySlug = new Map(customers.map((customer) => [customer.slug, customer]));
  const accounts = await tx.awsAccount.findMany({
    where: { accountNumber: { in: rows.map((row) => row.accountNumber) } },
    select: {
      accountNumber: true,
      customerId: true,
      alias: true,
      roleArn: true,
      regions: true,
      environment: true,
      archivedAt: true,
      customer: { select: { name: true, slug: true } },
    },
  });
  const byNumber = new Map(accounts.map((account) => [account.accountNumber, account]));
  const newCustomers = new Map<string, string>();
  const newAccounts: ImportRow[] = [];
  for (const row of rows) {
    const customer = bySlug.get(row.customerSlug);
    if (customer?.archivedAt) {
      problems.push({
        line: row.line,
        message: `customer "${customer.name}" is retired; a retired customer takes no new accounts`,
      });
      continue;
    }
    const existing = byNumber.get(row.accountNumber);
    if (existing && existing.customer.slug !== row.customerSlug) {
      problems.push({
        line: row.line,
        message: `account_id ${row.accountNumber} already belongs to another customer (${existing.customer.name}); an account belongs to one customer`,
      });
      continue;
    }
    if (existing?.archivedAt) {
      problems.push({
        line: row.line,
        message: `account_id ${row.accountNumber} was retired from ${existing.customer.name}; it is not reconnected by an import`,
      });
      continue;
    }
    if (existing) {
      const differences = [
        existing.roleArn !== row.roleArn ? `role ${existing.roleArn} kept (file: ${row.roleArn})` : "",
        [...existing.regions].sort().join(",") !== [...row.regions].sort().join(",")
          ? `regions ${existing.regions.join(" ")} kept (file: ${row.regions.join(" ")})`
          : "",
        existing.environment !== row.environment
          ? `environment ${existing.environment} kept (file: ${row.environment})`
          : "",
      ].filter(Boolean);
      report.accountsUnchanged.push({
        line: row.line,
        accountNumber: row.accountNumber,
        customer: existing.customer.name,
        differences,
      });
      continue;
    }
    if (!customer && !newCustomers.has(row.customerSlug)) newCustomers.set(row.customerSlug, row.customerName);
    newAccounts.push(row);
    report.accountsCreated.push({
      line: row.line,
      accountNumber: row.accountNumber,
      customer: customer?.name ?? newCustomers.get(row.customerSlug)!,
    });
  }
  report.customersCreated = [...newCustomers.values()];
  report.customersMatched = customers.filter((customer) => !customer.archivedAt).map((customer) => customer.name);
  return {
    problems,
    newCustomers: [...newCustomers.values()],
    newAccounts,
    existingCustomers: customers.map((customer) => [customer.slug, customer.id] as [string, string]),
  };
}
