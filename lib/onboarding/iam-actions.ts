import { type AwsClientPackage, READ_ONLY_OPERATIONS } from "../aws/read-only-operations";
import securityAuditDocument from "./aws-managed/security-audit-policy.json";

// The one mapping from the collectors' SDK operations to IAM actions, and the AWS managed policy
// documents Rampart relies on. The audit-role templates, the policy shown in Settings and the
// simulator's authorization all read it, so a new collector operation changes every one of them.
// Plain data and pure functions, no server dependencies: the simulator imports this module (and, of
// Rampart, only it and the operation list).

/** The IAM service prefix of each SDK client package (Service Authorization Reference). */
export const IAM_ACTION_PREFIXES = {
  sts: "sts",
  iam: "iam",
  account: "account",
  organizations: "organizations",
  budgets: "budgets",
  cloudtrail: "cloudtrail",
  "cloudwatch-logs": "logs",
  s3: "s3",
  "s3-control": "s3",
  kms: "kms",
  ec2: "ec2",
  "config-service": "config",
  guardduty: "guardduty",
  inspector2: "inspector2",
  backup: "backup",
  acm: "acm",
  rds: "rds",
  "elastic-load-balancing-v2": "elasticloadbalancing",
  "resource-groups-tagging-api": "tag",
  securityhub: "securityhub",
} as const satisfies Record<AwsClientPackage, string>;

// IAM action names that differ from "<prefix>:<Operation>" (Service Authorization Reference).
const ACTION_OVERRIDES: Partial<Record<AwsClientPackage, Record<string, string>>> = {
  s3: {
    ListBuckets: "s3:ListAllMyBuckets",
    GetBucketEncryption: "s3:GetEncryptionConfiguration",
    GetPublicAccessBlock: "s3:GetBucketPublicAccessBlock",
  },
  "s3-control": { GetPublicAccessBlock: "s3:GetAccountPublicAccessBlock" },
  budgets: {
    DescribeBudgets: "budgets:ViewBudget",
    DescribeNotificationsForBudget: "budgets:ViewBudget",
    DescribeSubscribersForNotification: "budgets:ViewBudget",
  },
};

/**
 * Operations the audit role itself needs no permission for: sts:AssumeRole is called by Rampart's own
 * principal (its permission lives in Rampart's account), and sts:GetCallerIdentity needs no permission
 * at all (AWS STS API reference).
 */
const NOT_AUDIT_ROLE_ACTIONS: Partial<Record<AwsClientPackage, readonly string[]>> = {
  sts: ["AssumeRole", "GetCallerIdentity"],
};

export function iamActionName(clientPackage: string, operation: string): string {
  const prefix = (IAM_ACTION_PREFIXES as Record<string, string>)[clientPackage] ?? clientPackage;
  return ACTION_OVERRIDES[clientPackage as AwsClientPackage]?.[operation] ?? `${prefix}:${operation}`;
}

export interface CollectorIamAction {
  action: string;
  /** The SDK operations ("s3:ListBuckets", "budgets:DescribeBudgets") that need it. */
  operations: string[];
}

/** Every IAM action the audit role must allow for the collectors, sorted, each with the operations behind it. */
export function collectorIamActions(): CollectorIamAction[] {
  const byAction = new Map<string, string[]>();
  for (const [clientPackage, operations] of Object.entries(READ_ONLY_OPERATIONS)) {
    for (const operation of operations) {
      if (NOT_AUDIT_ROLE_ACTIONS[clientPackage as AwsClientPackage]?.includes(operation)) continue;
      const action = iamActionName(clientPackage, operation);
      byAction.set(action, [...(byAction.get(action) ?? []), `${clientPackage}:${operation}`]);
    }
  }
  return [...byAction.entries()]
    .map(([action, ops]) => ({ action, operations: ops }))
    .sort((a, b) => a.action.localeCompare(b.action));
}

const patternCache = new Map<string, RegExp>();

/** IAM action patterns are case-insensitive and use * and ? wildcards. */
export function actionMatchesPattern(action: string, pattern: string): boolean {
  let expression = patternCache.get(pattern);
  if (!expression) {
    const source = pattern
      .split("")
      .map((character) =>
        character === "*" ? ".*" : character === "?" ? "." : character.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
      )
      .join("");
    expression = new RegExp(`^${source}$`, "i");
    patternCache.set(pattern, expression);
  }
  return expression.test(action);
}

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Whether a statement's Action/NotAction covers the action. Resource and Condition are not evaluated:
 * every collector call is an account-wide read ("Resource": "*" in SecurityAudit and in the inline policy).
 */
export function statementCoversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined)
    return !asList(statement.NotAction).some((pattern) => actionMatchesPattern(action, pattern));
  return asList(statement.Action).some((pattern) => actionMatchesPattern(action, pattern));
}

export function policyStatements(document: PolicyDocument): PolicyStatement[] {
  return asList(document.Statement);
}

/** "Allow" / "Deny" when a statement of that effect in the document covers the action, else undefined. */
export function policyEffectFor(document: PolicyDocument, action: string): "Allow" | "Deny" | undefined {
  const statements = policyStatements(document).filter((statement) => statementCoversAction(statement, action));
  if (statements.some((statement) => statement.Effect === "Deny")) return "Deny";
  return statements.some((statement) => statement.Effect === "Allow") ? "Allow" : undefined;
}

export const SECURITY_AUDIT_POLICY_ARN = "arn:aws:iam::aws:policy/SecurityAudit";

/** AWS managed policies kept in the repository (aws-managed/README.md says which version and from where). */
export const AWS_MANAGED_POLICY_DOCUMENTS: Readonly<Record<string, PolicyDocument>> = {
  [SECURITY_AUDIT_POLICY_ARN]: securityAuditDocument as PolicyDocument,
};
