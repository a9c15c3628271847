import {
  type Account,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListChildren,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListPoliciesForTarget,
} from "@aws-sdk/client-organizations";
import { GLOBAL_REGION, GLOBAL_SCOPE_LABEL, withSessionClient } from "./clients";
import { type AwsCallContext, callAws, callAwsAllowingAbsent } from "./errors";
import { collectPages, mapConcurrently, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "organizations";
const SCP = "SERVICE_CONTROL_POLICY";
/** The AWS managed SCP attached to every root, OU and account; it restricts nothing. */
export const FULL_AWS_ACCESS_POLICY_ID = "p-FullAWSAccess";

const context = (operation: string): AwsCallContext => ({ service: SERVICE, operation, region: GLOBAL_REGION });

export interface OrganizationMemberEvidence {
  accountId: string;
  name: string;
  email: string | null;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE. */
  status: string | null;
  joinedMethod: string | null;
  joinedAt: string | null;
  /** The root or OU the account sits in. */
  parentId: string;
}

export interface OrganizationalUnitEvidence {
  id: string;
  name: string;
  parentId: string;
}

export interface ServiceControlPolicyEvidence {
  id: string;
  name: string;
  awsManaged: boolean;
  /** The policy document (DescribePolicy); null for FullAWSAccess, which allows everything. */
  content: string | null;
}

/** The organization's tree as its management account (or a delegated administrator) reads it. */
export interface OrganizationStructureEvidence {
  rootId: string;
  organizationalUnits: OrganizationalUnitEvidence[];
  accounts: OrganizationMemberEvidence[];
  /** SCP ids attached to each root, OU and account, by target id (empty when SCPs are not enabled). */
  attachments: Record<string, string[]>;
  policies: ServiceControlPolicyEvidence[];
}

export interface OrganizationsEvidence {
  /** false = AWSOrganizationsNotInUseException: the account is in no organization (GOV-3 fails). */
  inOrganization: boolean;
  organizationId: string | null;
  organizationArn: string | null;
  /** ALL or CONSOLIDATED_BILLING (GOV-3 needs ALL). */
  featureSet: string | null;
  managementAccountId: string | null;
  /** The management account is NOT_APPLICABLE for GOV-3: SCPs never apply to it. */
  isManagementAccount: boolean;
  /**
   * The tree, read when this account may (the management account or a delegated administrator);
   * null for any other member (AccessDeniedException) and outside an organization. Absent in evidence
   * collected before Rampart read it.
   */
  structure?: OrganizationStructureEvidence | null;
}

export async function describeOrganization(
  client: OrganizationsClient,
  accountNumber: string,
): Promise<OrganizationsEvidence> {
  const response = await callAwsAllowingAbsent(
    { service: SERVICE, operation: "DescribeOrganization", region: GLOBAL_REGION },
    ["AWSOrganizationsNotInUseException"],
    () => client.send(new DescribeOrganizationCommand({})),
  );
  const organization = response?.Organization;
  if (!organization) {
    return {
      inOrganization: false,
      organizationId: null,
      organizationArn: null,
      featureSet: null,
      managementAccountId: null,
      isManagementAccount: false,
    };
  }
  return {
    inOrganization: true,
    organizationId: organization.Id ?? null,
    organizationArn: organization.Arn ?? null,
    featureSet: organization.FeatureSet ?? null,
    managementAccountId: organization.MasterAccountId ?? null,
    isManagementAccount: organization.MasterAccountId === accountNumber,
  };
}

/** The organization's root id, or null when the account may not read the tree (a plain member). */
export async function listRootId(client: OrganizationsClient, mayBeDenied: boolean): Promise<string | null> {
  const call = () => client.send(new ListRootsCommand({}));
  const response = mayBeDenied
    ? await callAwsAllowingAbsent(context("ListRoots"), ["AccessDeniedException"], call)
    : await callAws(context("ListRoots"), call);
  return response?.Roots?.[0]?.Id ?? null;
}

export async function listOrganizationalUnitsForParent(
  client: OrganizationsClient,
  parentId: string,
): Promise<OrganizationalUnitEvidence[]> {
  const units = await collectPages(
    context("ListOrganizationalUnitsForParent"),
    () => paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }),
    (page) => page.OrganizationalUnits,
  );
  return units.map((unit) => ({ id: unit.Id ?? "", name: unit.Name ?? unit.Id ?? "", parentId }));
}

export async function listAccountIdsForParent(client: OrganizationsClient, parentId: string): Promise<string[]> {
  const children = await collectPages(
    context("ListChildren"),
    () => paginateListChildren({ client }, { ParentId: parentId, ChildType: "ACCOUNT" }),
    (page) => page.Children,
  );
  return children.flatMap((child) => (child.Id ? [child.Id] : []));
}

export async function listAccounts(client: OrganizationsClient): Promise<Account[]> {
  return collectPages(
    context("ListAccounts"),
    () => paginateListAccounts({ client }, {}),
    (page) => page.Accounts,
  );
}

/** The parent (root or OU) of an account or OU. */
export async function getParentId(client: OrganizationsClient, childId: string): Promise<string | null> {
  const response = await callAws(context("ListParents"), () =>
    client.send(new ListParentsCommand({ ChildId: childId })),
  );
  return response.Parents?.[0]?.Id ?? null;
}

export async function listServiceControlPolicyIdsForTarget(
  client: OrganizationsClient,
  targetId: string,
): Promise<string[]> {
  const policies = await collectPages(
    context("ListPoliciesForTarget"),
    () => paginateListPoliciesForTarget({ client }, { TargetId: targetId, Filter: SCP }),
    (page) => page.Policies,
  );
  return policies.flatMap((policy) => (policy.Id ? [policy.Id] : []));
}

export async function listServiceControlPolicies(client: OrganizationsClient): Promise<ServiceControlPolicyEvidence[]> {
  const policies = await collectPages(
    context("ListPolicies"),
    () => paginateListPolicies({ client }, { Filter: SCP }),
    (page) => page.Policies,
  );
  return mapConcurrently(policies, async (policy) => {
    const id = policy.Id ?? "";
    const awsManaged = policy.AwsManaged ?? false;
    // FullAWSAccess is known (Allow * on *); every other SCP's document is read.
    const content =
      id === FULL_AWS_ACCESS_POLICY_ID
        ? null
        : ((await callAws(context("DescribePolicy"), () => client.send(new DescribePolicyCommand({ PolicyId: id }))))
            .Policy?.Content ?? null);
    return { id, name: policy.Name ?? id, awsManaged, content };
  });
}

/** Walks the tree from the root: OUs level by level, the accounts in each parent, and the SCPs on each. */
export async function collectOrganizationStructure(
  client: OrganizationsClient,
  rootId: string,
  scpsEnabled: boolean,
): Promise<OrganizationStructureEvidence> {
  const organizationalUnits: OrganizationalUnitEvidence[] = [];
  const parentOf = new Map<string, string>();
  let level = [rootId];
  while (level.length > 0) {
    const found = await mapConcurrently(level, async (parentId) => {
      const [units, accountIds] = await Promise.all([
        listOrganizationalUnitsForParent(client, parentId),
        listAccountIdsForParent(client, parentId),
      ]);
      for (const accountId of accountIds) parentOf.set(accountId, parentId);
      return units;
    });
    const units = found.flat();
    organizationalUnits.push(...units);
    level = units.map((unit) => unit.id);
  }
  const accounts = (await listAccounts(client)).map(
    (account): OrganizationMemberEvidence => ({
      accountId: account.Id ?? "",
      name: account.Name ?? account.Id ?? "",
      email: account.Email ?? null,
      status: account.Status ?? null,
      joinedMethod: account.JoinedMethod ?? null,
      joinedAt: toIsoString(account.JoinedTimestamp),
      parentId: parentOf.get(account.Id ?? "") ?? rootId,
    }),
  );
  const attachments: Record<string, string[]> = {};
  let policies: ServiceControlPolicyEvidence[] = [];
  if (scpsEnabled) {
    const targets = [rootId, ...organizationalUnits.map((unit) => unit.id), ...accounts.map((a) => a.accountId)];
    const attached = await mapConcurrently(targets, (target) => listServiceControlPolicyIdsForTarget(client, target));
    targets.forEach((target, index) => {
      attachments[target] = attached[index] ?? [];
    });
    policies = await listServiceControlPolicies(client);
  }
  return { rootId, organizationalUnits, accounts, attachments, policies };
}

export async function collectOrganizations(
  client: OrganizationsClient,
  accountNumber: string,
): Promise<OrganizationsEvidence> {
  const organization = await describeOrganization(client, accountNumber);
  if (!organization.inOrganization) return { ...organization, structure: null };
  // Only the management account and delegated administrators may list the tree; a member is denied,
  // which is an answer, not a gap. The management account being denied is a gap (its role lacks it).
  const rootId = await listRootId(client, !organization.isManagementAccount);
  if (!rootId) return { ...organization, structure: null };
  const structure = await collectOrganizationStructure(client, rootId, organization.featureSet === "ALL");
  return { ...organization, structure };
}

// ------------------------------------------------------------------------------------- reading the tree

export interface PathStep {
  id: string;
  name: string;
  kind: "root" | "organizational-unit";
}

/** Root first, then each OU down to the account's parent; null when the account is not in the tree. */
export function organizationPathOf(structure: OrganizationStructureEvidence, accountId: string): PathStep[] | null {
  const account = structure.accounts.find((candidate) => candidate.accountId === accountId);
  if (!account) return null;
  const units = new Map(structure.organizationalUnits.map((unit) => [unit.id, unit]));
  const path: PathStep[] = [];
  let current: string | undefined = account.parentId;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const unit = units.get(current);
    if (!unit) {
      path.unshift({ id: current, name: "Root", kind: "root" });
      break;
    }
    path.unshift({ id: unit.id, name: unit.name, kind: "organizational-unit" });
    current = unit.parentId;
  }
  return path;
}

/** "Root / Workloads / Production": the path as a person reads it. */
export function formatOrganizationPath(path: readonly PathStep[]): string {
  return path.map((step) => step.name).join(" / ");
}

export interface AttachedPolicy {
  policyId: string;
  policyName: string;
  /** The root, OU or account it is attached to. */
  targetId: string;
  targetName: string;
}

/** Every SCP that applies to the account: attached to its root, each OU on its path, or the account itself. */
export function policiesAlongPath(structure: OrganizationStructureEvidence, accountId: string): AttachedPolicy[] {
  const path = organizationPathOf(structure, accountId);
  if (!path) return [];
  const names = new Map(structure.policies.map((policy) => [policy.id, policy.name]));
  const account = structure.accounts.find((candidate) => candidate.accountId === accountId);
  const targets = [
    ...path.map((step) => ({ id: step.id, name: step.name })),
    { id: accountId, name: account?.name ?? accountId },
  ];
  return targets.flatMap((target) =>
    (structure.attachments[target.id] ?? []).map((policyId) => ({
      policyId,
      policyName: names.get(policyId) ?? policyId,
      targetId: target.id,
      targetName: target.name,
    })),
  );
}

export const organizationsCollector: CollectorDefinition<OrganizationsEvidence> = {
  key: "organizations",
  service: SERVICE,
  scope: "global",
  async collect(session) {
    const evidence = await withSessionClient(OrganizationsClient, session, GLOBAL_SCOPE_LABEL, (client) =>
      collectOrganizations(client, session.accountNumber),
    );
    return {
      evidence,
      itemCount: (evidence.inOrganization ? 1 : 0) + (evidence.structure?.accounts.length ?? 0),
    };
  },
};
