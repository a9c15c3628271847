import "server-only";
import { type Actor, authorize, withCustomerIdScope } from "../authz/policy";
import { db } from "../db/client";
import { DEFAULT_ENABLED_REGIONS } from "../evidence/known-regions";
import { formatOrganizationPath, type OrganizationsEvidence, organizationPathOf } from "../evidence/organization-tree";
import { isEnabledRegion, type RegionsEvidence } from "../evidence/regions";
import { GLOBAL_SCOPE_LABEL } from "../evidence/scope";

// The organization a customer's connected management (or delegated-administrator) account reads, for the
// Settings section that adds its member accounts: each account with its OU path and status, and whether
// Rampart monitors it. Read from the latest collected organizations evidence, never from AWS directly.

export interface OrganizationMemberRow {
  accountId: string;
  name: string;
  email: string | null;
  status: string | null;
  path: string;
  joinedAt: string | null;
  /** Connected to this customer in Rampart. */
  connected: boolean;
  /** Connected to another customer (its owner is not revealed). */
  connectedElsewhere: boolean;
}

export interface CustomerOrganization {
  organizationId: string;
  /** The connected account that reads the tree. */
  reader: { id: string; alias: string; accountNumber: string; isManagementAccount: boolean };
  collectedAt: Date;
  members: OrganizationMemberRow[];
  /** Regions preselected for new members: the reader's configured regions that are enabled. */
  suggestedRegions: string[];
  /** Regions enabled in the reader account (DescribeRegions), or the default-enabled ones when unknown. */
  enabledRegions: string[];
}

/** The organizations readable through the customer's connected accounts (usually one). customerId: not yet authorized. */
export async function listCustomerOrganizations(actor: Actor, customerId: string): Promise<CustomerOrganization[]> {
  const customer = await db().customer.findFirst({
    where: withCustomerIdScope(actor, { id: customerId, archivedAt: null }),
    select: { id: true },
  });
  if (!customer) return [];
  authorize(actor, "account:manage", { customerId: customer.id });
  const rows = await db().evidence.findMany({
    where: {
      customerId: customer.id,
      collector: { in: ["organizations", "regions"] },
      region: GLOBAL_SCOPE_LABEL,
      isCurrent: true,
    },
    select: {
      collector: true,
      data: true,
      failedCalls: true,
      confirmedAt: true,
      awsAccount: { select: { id: true, alias: true, accountNumber: true, regions: true } },
    },
  });
  const seen = new Set<string>();
  const organizations: CustomerOrganization[] = [];
  const readers = rows
    // A tree read in part (some calls failed, per-call evidence) has placeholders: never offered as members.
    .filter(
      (row) =>
        row.collector === "organizations" &&
        (row.data as unknown as OrganizationsEvidence).structure &&
        !(Array.isArray(row.failedCalls) && row.failedCalls.length > 0),
    )
    .sort(
      (first, second) =>
        Number((second.data as unknown as OrganizationsEvidence).isManagementAccount) -
        Number((first.data as unknown as OrganizationsEvidence).isManagementAccount),
    );
  if (readers.length === 0) return [];
  const memberIds = readers.flatMap((row) =>
    ((row.data as unknown as OrganizationsEvidence).structure?.accounts ?? []).map((member) => member.accountId),
  );
  const connected = await db().awsAccount.findMany({
    where: { accountNumber: { in: memberIds } },
    select: { accountNumber: true, customerId: true },
  });
  const ownerOf = new Map(connected.map((account) => [account.accountNumber, account.customerId]));
  for (const row of readers) {
    const evidence = row.data as unknown as OrganizationsEvidence;
    const structure = evidence.structure;
    if (!structure || !evidence.organizationId || seen.has(evidence.organizationId)) continue;
    seen.add(evidence.organizationId);
    const regions = rows.find(
      (candidate) => candidate.collector === "regions" && candidate.awsAccount.id === row.awsAccount.id,
    )?.data as unknown as RegionsEvidence | undefined;
    const enabled = regions
      ? regions.regions.filter(isEnabledRegion).map((region) => region.regionName)
      : [...DEFAULT_ENABLED_REGIONS];
    organizations.push({
      organizationId: evidence.organizationId,
      reader: {
        id: row.awsAccount.id,
        alias: row.awsAccount.alias,
        accountNumber: row.awsAccount.accountNumber,
        isManagementAccount: evidence.isManagementAccount,
      },
      collectedAt: row.confirmedAt,
      members: structure.accounts
        .map((member) => {
          const path = organizationPathOf(structure, member.accountId);
          const owner = ownerOf.get(member.accountId);
          return {
            accountId: member.accountId,
            name: member.name,
            email: member.email,
            status: member.status,
            path: path ? formatOrganizationPath(path) : "",
            joinedAt: member.joinedAt,
            connected: owner === customer.id,
            connectedElsewhere: owner !== undefined && owner !== customer.id,
          };
        })
        .sort((first, second) => first.path.localeCompare(second.path) || first.name.localeCompare(second.name)),
      suggestedRegions: row.awsAccount.regions.filter((region) => enabled.includes(region)),
      enabledRegions: enabled,
    });
  }
  return organizations;
}
