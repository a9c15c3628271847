import "server-only";
import { type Actor, authorize, can, withCustomerIdScope, withCustomerScope } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";

// Retired customers and accounts in the actor's scope, for Settings: their history stays readable
// (the scorecard of a retired customer, the evidence page of a retired account).

export interface RetiredRecords {
  customers: { id: string; name: string; archivedAt: Date }[];
  accounts: {
    id: string;
    alias: string;
    accountNumber: string;
    archivedAt: Date;
    customer: { id: string; name: string };
  }[];
}

export async function listRetiredRecords(actor: Actor): Promise<RetiredRecords> {
  if (!can(actor, "customer:manage")) authorize(actor, "externalId:read");
  const [customers, accounts] = await Promise.all([
    db().customer.findMany({
      where: withCustomerIdScope(actor, { archivedAt: { not: null } }),
      select: { id: true, name: true, archivedAt: true },
      orderBy: { archivedAt: "desc" },
      take: 200,
    }),
    db().awsAccount.findMany({
      where: withCustomerScope(actor, { archivedAt: { not: null }, customer: { archivedAt: null } }),
      select: {
        id: true,
        alias: true,
        accountNumber: true,
        archivedAt: true,
        customer: { select: { id: true, name: true } },
      },
      orderBy: { archivedAt: "desc" },
      take: 200,
    }),
  ]);
  return {
    customers: customers.map((customer) => ({ ...customer, archivedAt: customer.archivedAt! })),
    accounts: accounts.map((account) => ({ ...account, archivedAt: account.archivedAt! })),
  };
}
