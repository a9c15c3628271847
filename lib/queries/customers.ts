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

/** Longest search text the customer switcher sends. */
export const CUSTOMER_SEARCH_MAX_LENGTH = 100;
/** Matches the switcher lists at once; more ask for more typing. */
export const CUSTOMER_SEARCH_LIMIT = 20;

export interface CustomerSearch {
  customers: { id: string; name: string }[];
  /** More customers match than were returned. */
  more: boolean;
}

/**
 * The header switcher's search: active customers in the actor's scope whose name or slug contains `text`
 * (case-insensitive), first CUSTOMER_SEARCH_LIMIT by name; empty text lists the first ones.
 */
export async function searchCustomerChoices(actor: Actor, text: string): Promise<CustomerSearch> {
  const needle = text.trim().slice(0, CUSTOMER_SEARCH_MAX_LENGTH);
  const rows = await db().customer.findMany({
    where: withCustomerIdScope(actor, {
      archivedAt: null,
      ...(needle
        ? {
            OR: [
              { name: { contains: needle, mode: "insensitive" as const } },
              { slug: { contains: needle, mode: "insensitive" as const } },
            ],
          }
        : {}),
    }),
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: CUSTOMER_SEARCH_LIMIT + 1,
  });
  return { customers: rows.slice(0, CUSTOMER_SEARCH_LIMIT), more: rows.length > CUSTOMER_SEARCH_LIMIT };
}

/** Whether the actor has any active customer to switch to (the switcher is not shown otherwise). */
export async function hasCustomerChoices(actor: Actor): Promise<boolean> {
  const first = await db().customer.findFirst({
    where: withCustomerIdScope(actor, { archivedAt: null }),
    select: { id: true },
  });
  return first !== null;
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

/**
 * A list filter's customer field (alerts): whether there is a choice to make (two or more active customers
 * in scope) and the customer `customerId` names (not yet authorized) when it is one of them. The choices
 * themselves are searched on the server (searchCustomerChoices), not listed in the page.
 */
export async function getCustomerFilterChoice(
  actor: Actor,
  customerId: string | undefined,
): Promise<{ hasChoice: boolean; selected: { id: string; name: string } | null }> {
  const [firstTwo, selected] = await Promise.all([
    db().customer.findMany({ where: withCustomerIdScope(actor, { archivedAt: null }), select: { id: true }, take: 2 }),
    customerId
      ? db().customer.findFirst({
          where: withCustomerIdScope(actor, { id: customerId, archivedAt: null }),
          select: { id: true, name: true },
        })
      : null,
  ]);
  return { hasChoice: firstTwo.length > 1, selected };
}
