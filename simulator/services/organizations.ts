import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";
import type { SimDate } from "../estate/dates";
import {
  type EstateOrganization,
  FULL_AWS_ACCESS_POLICY_ID,
  type OrganizationAccount,
  type OrganizationalUnitOutput,
} from "../estate/schema";

// Organizations (awsJson1_1, global). DescribeOrganization works from any member account; an account
// outside any organization gets AWSOrganizationsNotInUseException. The tree (roots, OUs, accounts,
// SCPs) is read from the management account's estate and answers only the management account and its
// delegated administrators; any other member gets AccessDeniedException, as AWS answers.

const SCP = "SERVICE_CONTROL_POLICY";
const FULL_AWS_ACCESS_DOCUMENT = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

type NodeKind = "ROOT" | "ORGANIZATIONAL_UNIT" | "ACCOUNT";

interface TreeNode {
  id: string;
  kind: NodeKind;
  name: string;
  parentId: string | null;
  policies: string[];
  account?: OrganizationAccount;
}

interface OrganizationTree {
  organization: EstateOrganization;
  rootId: string;
  nodes: Map<string, TreeNode>;
  /** Children in the estate's order, by parent id. */
  children: Map<string, TreeNode[]>;
}

function notInUse(): AwsError {
  return new AwsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 400);
}

function accessDenied(): AwsError {
  return new AwsError("AccessDeniedException", "You don't have permissions to access this resource.", 400);
}

function invalidInput(message: string): AwsError {
  return new AwsError("InvalidInputException", message, 400);
}

/** A root id derived from the organization id when the management estate names no tree. */
function defaultRootId(organizationId: string): string {
  return `r-${organizationId.slice(2, 6)}`;
}

function buildTree(organization: EstateOrganization, management: { name: string; joined: SimDate }): OrganizationTree {
  const root = organization.root ?? {
    id: defaultRootId(organization.id),
    name: "Root",
    policies: [FULL_AWS_ACCESS_POLICY_ID],
    accounts: [],
    organizationalUnits: [],
  };
  const nodes = new Map<string, TreeNode>();
  const children = new Map<string, TreeNode[]>();
  const add = (node: TreeNode) => {
    nodes.set(node.id, node);
    if (node.parentId) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  };
  add({ id: root.id, kind: "ROOT", name: root.name, parentId: null, policies: root.policies });
  const addAccounts = (accounts: readonly OrganizationAccount[], parentId: string) => {
    for (const account of accounts)
      add({ id: account.id, kind: "ACCOUNT", name: account.name, parentId, policies: account.policies, account });
  };
  const addUnits = (units: readonly OrganizationalUnitOutput[], parentId: string) => {
    for (const unit of units) {
      add({ id: unit.id, kind: "ORGANIZATIONAL_UNIT", name: unit.name, parentId, policies: unit.policies });
      addAccounts(unit.accounts, unit.id);
      addUnits(unit.organizationalUnits, unit.id);
    }
  };
  addAccounts(root.accounts, root.id);
  addUnits(root.organizationalUnits, root.id);
  // The management account is always a member, whether or not the estate places it in the tree.
  if (!nodes.has(organization.managementAccountId)) {
    addAccounts(
      [
        {
          id: organization.managementAccountId,
          name: management.name,
          email: organization.managementAccountEmail,
          status: "ACTIVE",
          joinedMethod: "CREATED",
          joined: management.joined,
          policies: [FULL_AWS_ACCESS_POLICY_ID],
        },
      ],
      root.id,
    );
  }
  return { organization, rootId: root.id, nodes, children };
}

/**
 * The organization tree the caller may read: the management account and delegated administrators read
 * the management estate's tree; anyone else in the organization is denied.
 */
function readableTree(context: OperationContext): OrganizationTree {
  const own = context.estate.organization;
  if (!own) throw notInUse();
  const managementRecord = context.runtime.estates.get(own.managementAccountId);
  const management =
    managementRecord?.estate.organization ?? (context.accountId === own.managementAccountId ? own : null);
  const isManagement = context.accountId === own.managementAccountId;
  const isDelegated = management?.delegatedAdministrators.includes(context.accountId) ?? false;
  if (!management || (!isManagement && !isDelegated)) throw accessDenied();
  const managementEstate = managementRecord?.estate ?? context.estate;
  return buildTree(management, {
    name: managementEstate.name ?? managementEstate.alias ?? "management",
    joined: managementEstate.createdAt,
  });
}

function maxResults(input: OperationInput): number {
  return pageSize(input.MaxResults, { defaultSize: 20, maximum: 20, parameter: "maxResults" });
}

function arnPrefix(tree: OrganizationTree): string {
  return `arn:aws:organizations::${tree.organization.managementAccountId}`;
}

function policyTypes(tree: OrganizationTree) {
  return tree.organization.featureSet === "ALL" ? [{ Type: SCP, Status: "ENABLED" }] : [];
}

function accountOutput(tree: OrganizationTree, account: OrganizationAccount, context: OperationContext) {
  return {
    Id: account.id,
    Arn: `${arnPrefix(tree)}:account/${tree.organization.id}/${account.id}`,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: context.date(account.joined),
  };
}

function unitOutput(tree: OrganizationTree, node: TreeNode) {
  return {
    Id: node.id,
    Arn: `${arnPrefix(tree)}:ou/${tree.organization.id}/${node.id}`,
    Name: node.name,
  };
}

interface PolicyRecord {
  id: string;
  name: string;
  description: string;
  awsManaged: boolean;
  content: string;
}

function policies(tree: OrganizationTree): PolicyRecord[] {
  return [
    {
      id: FULL_AWS_ACCESS_POLICY_ID,
      name: "FullAWSAccess",
      description: "Allows access to every operation",
      awsManaged: true,
      content: FULL_AWS_ACCESS_DOCUMENT,
    },
    ...tree.organization.policies.map((policy) => ({
      id: policy.id,
      name: policy.name,
      description: policy.description,
      awsManaged: false,
      content: typeof policy.document === "string" ? policy.document : JSON.stringify(policy.document),
    })),
  ];
}

function policySummary(tree: OrganizationTree, policy: PolicyRecord) {
  return {
    Id: policy.id,
    Arn: policy.awsManaged
      ? `arn:aws:organizations::aws:policy/service_control_policy/${policy.id}`
      : `${arnPrefix(tree)}:policy/${tree.organization.id}/service_control_policy/${policy.id}`,
    Name: policy.name,
    Description: policy.description,
    Type: SCP,
    AwsManaged: policy.awsManaged,
  };
}

/** The policies of a type the organization holds; only SCPs are modelled, and only with all features. */
function policiesOfType(tree: OrganizationTree, filter: unknown): PolicyRecord[] {
  if (typeof filter !== "string" || filter === "") throw invalidInput("You must specify a value for Filter.");
  if (filter !== SCP || tree.organization.featureSet !== "ALL") return [];
  return policies(tree);
}

function requireParent(tree: OrganizationTree, parentId: unknown): TreeNode {
  const node = typeof parentId === "string" ? tree.nodes.get(parentId) : undefined;
  if (!node || node.kind === "ACCOUNT") {
    throw new AwsError(
      "ParentNotFoundException",
      "We can't find a root or OU with the ParentId that you specified.",
      400,
    );
  }
  return node;
}

function paged<T>(context: OperationContext, items: readonly T[], input: OperationInput, scope: unknown) {
  return context.paginate(items, input.NextToken, maxResults(input), scope);
}

export const organizationsService: ServiceDefinition = {
  key: "organizations",
  protocol: "json",
  signingName: "organizations",
  actionPrefix: "organizations",
  global: true,
  errorCodes: {
    throttle: { code: "TooManyRequestsException", status: 400 },
    validation: { code: "InvalidInputException", status: 400 },
    invalidPaginationToken: { code: "InvalidInputException", status: 400 },
  },
  operations: {
    DescribeOrganization(_input, context) {
      const organization = context.estate.organization;
      if (!organization) throw notInUse();
      const management = organization.managementAccountId;
      return {
        Organization: {
          Id: organization.id,
          Arn: `arn:aws:organizations::${management}:organization/${organization.id}`,
          FeatureSet: organization.featureSet,
          MasterAccountArn: `arn:aws:organizations::${management}:account/${organization.id}/${management}`,
          MasterAccountId: management,
          MasterAccountEmail: organization.managementAccountEmail,
          AvailablePolicyTypes:
            organization.featureSet === "ALL" ? [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }] : [],
        },
      };
    },
    ListRoots(input, context): Output {
      const tree = readableTree(context);
      const root = tree.nodes.get(tree.rootId)!;
      const page = paged(context, [root], input, "ListRoots");
      return {
        Roots: page.items.map((node) => ({
          Id: node.id,
          Arn: `${arnPrefix(tree)}:root/${tree.organization.id}/${node.id}`,
          Name: node.name,
          PolicyTypes: policyTypes(tree),
        })),
        NextToken: page.nextToken,
      };
    },
    ListOrganizationalUnitsForParent(input, context): Output {
      const tree = readableTree(context);
      const parent = requireParent(tree, input.ParentId);
      const units = (tree.children.get(parent.id) ?? []).filter((node) => node.kind === "ORGANIZATIONAL_UNIT");
      const page = paged(context, units, input, ["ListOrganizationalUnitsForParent", parent.id]);
      return { OrganizationalUnits: page.items.map((node) => unitOutput(tree, node)), NextToken: page.nextToken };
    },
    ListAccounts(input, context): Output {
      const tree = readableTree(context);
      const accounts = [...tree.nodes.values()].flatMap((node) => (node.account ? [node.account] : []));
      const page = paged(context, accounts, input, "ListAccounts");
      return {
        Accounts: page.items.map((account) => accountOutput(tree, account, context)),
        NextToken: page.nextToken,
      };
    },
    ListParents(input, context): Output {
      const tree = readableTree(context);
      const child = typeof input.ChildId === "string" ? tree.nodes.get(input.ChildId) : undefined;
      if (!child || child.kind === "ROOT" || !child.parentId) {
        throw new AwsError(
          "ChildNotFoundException",
          "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
          400,
        );
      }
      const parent = tree.nodes.get(child.parentId)!;
      const page = paged(context, [parent], input, ["ListParents", child.id]);
      return { Parents: page.items.map((node) => ({ Id: node.id, Type: node.kind })), NextToken: page.nextToken };
    },
    ListChildren(input, context): Output {
      const tree = readableTree(context);
      const parent = requireParent(tree, input.ParentId);
      const type = input.ChildType;
      if (type !== "ACCOUNT" && type !== "ORGANIZATIONAL_UNIT") {
        throw invalidInput("You provided a value that does not match the required pattern.");
      }
      const children = (tree.children.get(parent.id) ?? []).filter((node) => node.kind === type);
      const page = paged(context, children, input, ["ListChildren", parent.id, type]);
      return { Children: page.items.map((node) => ({ Id: node.id, Type: node.kind })), NextToken: page.nextToken };
    },
    ListPolicies(input, context): Output {
      const tree = readableTree(context);
      const found = policiesOfType(tree, input.Filter);
      const page = paged(context, found, input, ["ListPolicies", input.Filter]);
      return { Policies: page.items.map((policy) => policySummary(tree, policy)), NextToken: page.nextToken };
    },
    ListPoliciesForTarget(input, context): Output {
      const tree = readableTree(context);
      const target = typeof input.TargetId === "string" ? tree.nodes.get(input.TargetId) : undefined;
      if (!target) {
        throw new AwsError(
          "TargetNotFoundException",
          "We can't find a root, OU, account, or policy with the TargetId that you specified.",
          400,
        );
      }
      const known = new Map(policiesOfType(tree, input.Filter).map((policy) => [policy.id, policy]));
      const attached = target.policies.flatMap((id) => {
        const policy = known.get(id);
        return policy ? [policy] : [];
      });
      const page = paged(context, attached, input, ["ListPoliciesForTarget", target.id, input.Filter]);
      return { Policies: page.items.map((policy) => policySummary(tree, policy)), NextToken: page.nextToken };
    },
    DescribePolicy(input, context): Output {
      const tree = readableTree(context);
      const policy = policies(tree).find((candidate) => candidate.id === input.PolicyId);
      if (!policy) {
        throw new AwsError(
          "PolicyNotFoundException",
          "We can't find a policy with the PolicyId that you specified.",
          400,
        );
      }
      return { Policy: { PolicySummary: policySummary(tree, policy), Content: policy.content } };
    },
  },
};
