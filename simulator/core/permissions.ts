import {
  AWS_MANAGED_POLICY_DOCUMENTS,
  actionMatchesPattern,
  type PolicyDocument,
  policyEffectFor,
  policyStatements,
  statementCoversAction,
} from "../../lib/onboarding/iam-actions";
import type { Estate } from "../estate/schema";

// Per-action permissions of the audit role, evaluated as IAM does for one account-wide read
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit Deny in a service control policy or in an identity-based policy wins; then the SCPs
// must allow the action; then an identity-based policy (attached managed or inline) must allow it.
// Resource and Condition elements are not evaluated: every collector call is an account-wide read.

export type DenialReason =
  /** No identity-based policy allows the action (also auditRole.deniedActions). */
  | "implicit"
  | "identityExplicitDeny"
  | "scpExplicitDeny"
  /** SCPs are set and none allows the action. */
  | "scpImplicit";

export type PermissionDecision = { allowed: true } | { allowed: false; reason: DenialReason };

/** AWS managed policies the simulator knows by ARN (the documents Rampart keeps); others grant nothing. */
const AWS_MANAGED_POLICIES = AWS_MANAGED_POLICY_DOCUMENTS;

function parseDocument(document: string | Record<string, unknown>): PolicyDocument {
  const parsed = typeof document === "string" ? JSON.parse(document) : document;
  return { Statement: policyStatements(parsed as PolicyDocument) };
}

/** The documents behind the audit role's identity-based policies: attached (AWS or customer managed) and inline. */
export function auditRoleIdentityPolicies(estate: Estate): PolicyDocument[] {
  const customerManaged = new Map(
    estate.iam.policies.map((policy) => [
      `arn:aws:iam::${estate.accountId}:policy${policy.path}${policy.name}`,
      policy.document,
    ]),
  );
  const attached = estate.auditRole.attachedPolicies.flatMap((arn) => {
    const known = AWS_MANAGED_POLICIES[arn];
    if (known) return [known];
    const document = customerManaged.get(arn);
    return document ? [parseDocument(document)] : [];
  });
  return [...attached, ...estate.auditRole.inlinePolicies.map((policy) => parseDocument(policy.document))];
}

function anyDeny(documents: PolicyDocument[], action: string): boolean {
  return documents.some((document) =>
    policyStatements(document).some(
      (statement) => statement.Effect === "Deny" && statementCoversAction(statement, action),
    ),
  );
}

function anyAllow(documents: PolicyDocument[], action: string): boolean {
  return documents.some((document) => policyEffectFor(document, action) === "Allow");
}

export function evaluateAuditRolePermission(estate: Estate, action: string): PermissionDecision {
  const { auditRole } = estate;
  if (auditRole.deniedActions.some((pattern) => actionMatchesPattern(action, pattern))) {
    return { allowed: false, reason: "implicit" };
  }
  const scps = estate.serviceControlPolicies.map((policy) => parseDocument(policy.document));
  if (anyDeny(scps, action)) return { allowed: false, reason: "scpExplicitDeny" };
  const identity = auditRoleIdentityPolicies(estate);
  if (anyDeny(identity, action)) return { allowed: false, reason: "identityExplicitDeny" };
  if (scps.length > 0 && !anyAllow(scps, action)) return { allowed: false, reason: "scpImplicit" };
  if (auditRole.evaluatePolicies && !anyAllow(identity, action)) return { allowed: false, reason: "implicit" };
  return { allowed: true };
}

/** AWS's AccessDenied text for each reason (IAM User Guide, "Access denied error messages"). */
export function accessDeniedText(principalArn: string, action: string, reason: DenialReason): string {
  const prefix = `User: ${principalArn} is not authorized to perform: ${action}`;
  switch (reason) {
    case "implicit":
      return `${prefix} because no identity-based policy allows the ${action} action`;
    case "identityExplicitDeny":
      return `${prefix} with an explicit deny in an identity-based policy`;
    case "scpExplicitDeny":
      return `${prefix} with an explicit deny in a service control policy`;
    case "scpImplicit":
      return `${prefix} because no service control policy allows the ${action} action`;
  }
}
