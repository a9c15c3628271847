import "server-only";
import { type Actor, authorize, withCustomerIdScope, withCustomerScope } from "../authz/policy";
import { db } from "../db/client";
import { notFound } from "../errors";

// Read models for customers. Every function takes the actor first and filters by its scope;
// explicit selects keep ExternalIds and other secrets out of anything a page can render.

export interface CustomerChoice {
  id: string;
  name: string;
  slug: string;
}

export async function listCustomerChoices(actor: Actor): Promise<CustomerChoice[]> {
  return db().customer.findMany({
    where: withCustomerIdScope(actor, { archivedAt: null }),
    select: { id: true, name: true, slug: true },
    orderBy: { name: "asc" },
  });
}

/** Resolves a customer id from a URL against the actor's scope: out of scope is indistinguishable from absent. */
export async function getCustomer(actor: Actor, customerId: string) {
  const customer = await db().customer.findFirst({
    where: withCustomerIdScope(actor, { id: customerId }),
    select: { id: true, name: true, slug: true, settings: true, createdAt: true },
  });
  if (!customer) throw notFound("Customer not found");
  authorize(actor, "customer:read", { customerId: customer.id });
  return customer;
}

export async function getCustomerOverview(actor: Actor, customerId: string) {
  const customer = await getCustomer(actor, customerId);
  const [accounts, findingCounts] = await Promise.all([
    db().awsAccount.findMany({
      where: withCustomerScope(actor, { customerId: customer.id, archivedAt: null }),
      select: {
        id: true,
        accountNumber: true,
        alias: true,
        environment: true,
        regions: true,
        syncRuns: {
          orderBy: { queuedAt: "desc" },
          take: 1,
          select: { id: true, status: true, queuedAt: true, finishedAt: true, errorSummary: true, durationMs: true },
        },
      },
      orderBy: [{ environment: "asc" }, { alias: "asc" }],
    }),
    db().finding.groupBy({
      by: ["awsAccountId", "severity"],
      where: { customerId: customer.id, status: "OPEN" },
      _count: { _all: true },
    }),
  ]);
  return {
    customer,
    accounts: accounts.map(({ syncRuns, ...account }) => ({
      ...account,
      lastRun: syncRuns[0] ?? null,
      openFindings: Object.fromEntries(
        findingCounts.filter((row) => row.awsAccountId === account.id).map((row) => [row.severity, row._count._all]),
      ) as Partial<Record<string, number>>,
    })),
  };
}
