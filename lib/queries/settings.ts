import "server-only";
import { type Actor, authorize, can, withCustomerIdScope } from "../authz/policy";
import { type CustomerSettings, readCustomerSettings } from "../customers/settings";
import { db } from "../db/client";
import type { ConnectionCheck, ConnectionOutcome } from "../onboarding/connection-test";

export interface SettingsCustomer {
  id: string;
  name: string;
  emailDomains: string[];
  /** The customer's IANA time zone (change windows), collaborative change approval, monthly pack mail. */
  timeZone: string;
  collaborativeChanges: boolean;
  monthlyEvidencePackMail: boolean;
  /** Present only for actors allowed to read ExternalIds (externalId:read). */
  externalId?: string;
  /** A rotation in progress: the new ExternalId (externalId:read only) and when it was set. */
  pendingExternalId?: string;
  pendingExternalIdSetAt: string | null;
  accounts: {
    id: string;
    accountNumber: string;
    alias: string;
    roleArn: string;
    regions: string[];
    environment: string;
    lastConnectionTest: LastConnectionTest | null;
  }[];
}

export interface LastConnectionTest {
  testedAt: string;
  outcome: ConnectionOutcome;
  checks: ConnectionCheck[];
  /** The test asked for the pending ExternalId and the role accepted it. */
  pendingExternalIdAccepted: boolean;
}

/** Customers with their connection details, for the Settings page. */
export async function listCustomerSettings(actor: Actor): Promise<SettingsCustomer[]> {
  if (!can(actor, "customer:manage")) authorize(actor, "externalId:read");
  const revealExternalId = can(actor, "externalId:read");
  const customers = await db().customer.findMany({
    where: withCustomerIdScope(actor, { archivedAt: null }),
    select: {
      id: true,
      name: true,
      settings: true,
      externalId: revealExternalId,
      pendingExternalId: revealExternalId,
      pendingExternalIdSetAt: true,
      accounts: {
        where: { archivedAt: null },
        select: {
          id: true,
          accountNumber: true,
          alias: true,
          roleArn: true,
          regions: true,
          environment: true,
          connectionTests: {
            select: { testedAt: true, outcome: true, checks: true, pendingExternalIdAccepted: true },
            orderBy: { testedAt: "desc" },
            take: 1,
          },
        },
        orderBy: { alias: "asc" },
      },
    },
    orderBy: { name: "asc" },
  });
  return customers.map((customer) => ({
    id: customer.id,
    name: customer.name,
    ...settingsShown(readCustomerSettings(customer.settings, customer.id)),
    externalId: revealExternalId ? (customer.externalId ?? undefined) : undefined,
    pendingExternalId: revealExternalId ? (customer.pendingExternalId ?? undefined) : undefined,
    pendingExternalIdSetAt: customer.pendingExternalIdSetAt?.toISOString() ?? null,
    accounts: customer.accounts.map(({ connectionTests: [latest], ...account }) => ({
      ...account,
      lastConnectionTest: latest
        ? {
            testedAt: latest.testedAt.toISOString(),
            outcome: latest.outcome,
            checks: latest.checks as unknown as ConnectionCheck[],
            pendingExternalIdAccepted: latest.pendingExternalIdAccepted,
          }
        : null,
    })),
  }));
}

function settingsShown(settings: CustomerSettings) {
  return {
    emailDomains: settings.emailDomains,
    timeZone: settings.timeZone,
    collaborativeChanges: settings.changeManagement.collaborative,
    monthlyEvidencePackMail: settings.evidencePacks.monthlyMail,
  };
}
