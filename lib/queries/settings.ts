import "server-only";
import { type Actor, authorize, can, withCustomerIdScope } from "../authz/policy";
import { db } from "../db/client";
import { env } from "../env";

export interface SettingsCustomer {
  id: string;
  name: string;
  emailDomains: string[];
  /** Present only for actors allowed to read ExternalIds (externalId:read). */
  externalId?: string;
  accounts: {
    id: string;
    accountNumber: string;
    alias: string;
    roleArn: string;
    regions: string[];
    environment: string;
  }[];
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
      accounts: {
        where: { archivedAt: null },
        select: { id: true, accountNumber: true, alias: true, roleArn: true, regions: true, environment: true },
        orderBy: { alias: "asc" },
      },
    },
    orderBy: { name: "asc" },
  });
  return customers.map((customer) => ({
    id: customer.id,
    name: customer.name,
    emailDomains: readEmailDomains(customer.settings),
    externalId: revealExternalId ? (customer.externalId ?? undefined) : undefined,
    accounts: customer.accounts,
  }));
}

function readEmailDomains(settings: unknown): string[] {
  const domains = (settings as { emailDomains?: unknown } | null)?.emailDomains;
  return Array.isArray(domains) ? domains.filter((d): d is string => typeof d === "string") : [];
}

/** The principal customers must trust: Rampart's own role, configured for the installation. */
export function rampartPrincipalArn(): string {
  return env().RAMPART_PRINCIPAL_ARN ?? "arn:aws:iam::<RAMPART_ACCOUNT_ID>:role/<rampart-collector-role>";
}
