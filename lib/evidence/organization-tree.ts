// The organization evidence and the pure functions that read its tree (OU paths, SCPs along a path),
// apart from the collector so control rules and pages can use them without loading the SDK.

/** The AWS managed SCP attached to every root, OU and account; it allows everything, so restricts nothing. */
export const FULL_AWS_ACCESS_POLICY_ID = "p-FullAWSAccess";

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
