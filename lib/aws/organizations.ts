import {
  type Account,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListChildren,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListPoliciesForTarget,
} from "@aws-sdk/client-organizations";
import {
  FULL_AWS_ACCESS_POLICY_ID,
  type OrganizationalUnitEvidence,
  type OrganizationMemberEvidence,
  type OrganizationStructureEvidence,
  type OrganizationsEvidence,
  type ServiceControlPolicyEvidence,
} from "../evidence/organization-tree";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { GLOBAL_REGION, GLOBAL_SCOPE_LABEL, withSessionClient } from "./clients";
import { type AwsCallContext, callAws, callAwsAllowingAbsent } from "./errors";
import { collectPages, mapConcurrently, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

export type { OrganizationsEvidence } from "../evidence/organization-tree";

const SERVICE = "organizations";
const SCP = "SERVICE_CONTROL_POLICY";

const context = (operation: string): AwsCallContext => ({ service: SERVICE, operation, region: GLOBAL_REGION });

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

export async function listServiceControlPolicies(
  client: OrganizationsClient,
  calls: CallRecorder = new CallRecorder(),
): Promise<ServiceControlPolicyEvidence[]> {
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
        : ((
            await calls.attempt(
              callAws(context("DescribePolicy"), () => client.send(new DescribePolicyCommand({ PolicyId: id }))),
              null,
            )
          )?.Policy?.Content ?? null);
    return { id, name: policy.Name ?? id, awsManaged, content };
  });
}

/** Walks the tree from the root: OUs level by level, the accounts in each parent, and the SCPs on each. */
export async function collectOrganizationStructure(
  client: OrganizationsClient,
  rootId: string,
  scpsEnabled: boolean,
  calls: CallRecorder = new CallRecorder(),
): Promise<OrganizationStructureEvidence> {
  const organizationalUnits: OrganizationalUnitEvidence[] = [];
  const parentOf = new Map<string, string>();
  let level = [rootId];
  while (level.length > 0) {
    const found = await mapConcurrently(level, async (parentId) => {
      const [units, accountIds] = await Promise.all([
        calls.attempt(listOrganizationalUnitsForParent(client, parentId), []),
        calls.attempt(listAccountIdsForParent(client, parentId), []),
      ]);
      for (const accountId of accountIds) parentOf.set(accountId, parentId);
      return units;
    });
    const units = found.flat();
    organizationalUnits.push(...units);
    level = units.map((unit) => unit.id);
  }
  const accounts = (await calls.attempt(listAccounts(client), [])).map(
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
    const attached = await mapConcurrently(targets, (target) =>
      calls.attempt(listServiceControlPolicyIdsForTarget(client, target), []),
    );
    targets.forEach((target, index) => {
      attachments[target] = attached[index] ?? [];
    });
    policies = await calls.attempt(listServiceControlPolicies(client, calls), []);
  }
  return { rootId, organizationalUnits, accounts, attachments, policies };
}

/**
 * Per-call evidence (issue 12 item 1): DescribeOrganization is the account's own answer (GOV-3's
 * membership and feature set); without it nothing else is asked and the collector fails. Each read of the
 * tree answers or fails on its own: a failed one leaves its part empty and is named, and GOV-3 for the
 * members reads UNKNOWN naming it instead of judging SCPs from a partial tree.
 */
export async function collectOrganizations(
  client: OrganizationsClient,
  accountNumber: string,
): Promise<{ evidence: OrganizationsEvidence; failedCalls: FailedCall[] }> {
  const organization = await describeOrganization(client, accountNumber);
  if (!organization.inOrganization) return { evidence: { ...organization, structure: null }, failedCalls: [] };
  const calls = new CallRecorder();
  // Only the management account and delegated administrators may list the tree; a member is denied,
  // which is an answer, not a gap. The management account being denied is a gap (its role lacks it).
  const rootId = await calls.attempt(listRootId(client, !organization.isManagementAccount), null);
  const structure = rootId
    ? await collectOrganizationStructure(client, rootId, organization.featureSet === "ALL", calls)
    : null;
  return { evidence: { ...organization, structure }, failedCalls: calls.failedCalls };
}

export const organizationsCollector: CollectorDefinition<OrganizationsEvidence> = {
  key: "organizations",
  service: SERVICE,
  scope: "global",
  async collect(session) {
    const { evidence, failedCalls } = await withSessionClient(
      OrganizationsClient,
      session,
      GLOBAL_SCOPE_LABEL,
      (client) => collectOrganizations(client, session.accountNumber),
    );
    return {
      evidence,
      failedCalls,
      itemCount: (evidence.inOrganization ? 1 : 0) + (evidence.structure?.accounts.length ?? 0),
    };
  },
};
