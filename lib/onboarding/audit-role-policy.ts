import {
  AWS_MANAGED_POLICY_DOCUMENTS,
  type CollectorIamAction,
  collectorIamActions,
  type PolicyDocument,
  policyEffectFor,
  SECURITY_AUDIT_POLICY_ARN,
} from "./iam-actions";

// The audit role's permissions, computed from one source: the collectors' operations
// (lib/aws/read-only-operations.ts → lib/onboarding/iam-actions.ts). AWS's SecurityAudit grants most of
// them; the inline policy adds exactly the rest, nothing SecurityAudit already grants.

export { SECURITY_AUDIT_POLICY_ARN };
/** The kept copy's version (lib/onboarding/aws-managed/README.md). */
export const SECURITY_AUDIT_POLICY_VERSION = "v92";
export const INLINE_POLICY_NAME = "RampartCollectorGaps";
export const DEFAULT_AUDIT_ROLE_NAME = "RampartAudit";
/** Rampart asks for sessions of at most one hour (lib/aws/sts.ts), so the role allows one hour. */
export const AUDIT_ROLE_MAX_SESSION_SECONDS = 3600;

export const securityAuditPolicy: PolicyDocument = AWS_MANAGED_POLICY_DOCUMENTS[SECURITY_AUDIT_POLICY_ARN];

export function isGrantedBySecurityAudit(action: string): boolean {
  return policyEffectFor(securityAuditPolicy, action) === "Allow";
}

/** The collector actions SecurityAudit does not grant, sorted: the inline policy's Action list. */
export function inlinePolicyActions(actions: readonly CollectorIamAction[] = collectorIamActions()): string[] {
  return actions.map((entry) => entry.action).filter((action) => !isGrantedBySecurityAudit(action));
}

export function auditRoleInlinePolicy(actions: readonly string[] = inlinePolicyActions()): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: INLINE_POLICY_NAME, Effect: "Allow", Action: [...actions], Resource: "*" }],
  };
}

/** Trust on Rampart's principal, only with the customer's ExternalId (AWS's confused-deputy guidance). */
export function auditRoleTrustPolicy(principalArn: string, externalId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: principalArn },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  };
}
