// AWS's AccessDenied messages name the action and, since 2021, which kind of policy refused it
// (IAM User Guide, "Troubleshoot access denied error messages"). The forms:
//   User: <arn> is not authorized to perform: <action> [on resource: <arn>] because no identity-based policy allows the <action> action
//   User: <arn> is not authorized to perform: <action> [on resource: <arn>] with an explicit deny in a service control policy
//   … with an explicit deny in an identity-based policy | a permissions boundary | a session policy | a resource-based policy
//   … because no resource-based policy allows the <action> action | with an explicit deny in a resource control policy
// EC2 prefixes "You are not authorized to perform this operation." and S3 answers only "Access Denied".

export type DenialCause =
  | "no-identity-policy-allows"
  | "no-resource-policy-allows"
  | "no-permissions-boundary-allows"
  | "no-session-policy-allows"
  | "explicit-deny-scp"
  | "explicit-deny-rcp"
  | "explicit-deny-identity-policy"
  | "explicit-deny-permissions-boundary"
  | "explicit-deny-session-policy"
  | "explicit-deny-resource-policy"
  | "unknown";

export interface ParsedAccessDenied {
  /** The principal AWS names, e.g. arn:aws:sts::111122223333:assumed-role/RampartAudit/rampart-… */
  principalArn: string | null;
  /** The IAM action AWS names, e.g. backup:ListBackupPlans; null when the message does not say. */
  action: string | null;
  resource: string | null;
  cause: DenialCause;
  /** True when a Deny statement (SCP, RCP, identity policy, boundary…) refused it: adding an Allow cannot fix it. */
  explicitDeny: boolean;
}

const MESSAGE_PATTERN =
  /User: (\S+) is not authorized to perform: ([\w-]+:[\w*-]+)(?: on resource: (\S+))?(?: (because|with) (.+?))?\.?$/;

const CAUSES: [RegExp, DenialCause][] = [
  [/explicit deny in a service control policy/i, "explicit-deny-scp"],
  [/explicit deny in a resource control policy/i, "explicit-deny-rcp"],
  [/explicit deny in an identity-based policy/i, "explicit-deny-identity-policy"],
  [/explicit deny in a permissions boundary/i, "explicit-deny-permissions-boundary"],
  [/explicit deny in a session policy/i, "explicit-deny-session-policy"],
  [/explicit deny in a resource-based policy/i, "explicit-deny-resource-policy"],
  [/no identity-based policy allows/i, "no-identity-policy-allows"],
  [/no resource-based policy allows/i, "no-resource-policy-allows"],
  [/no permissions boundary allows/i, "no-permissions-boundary-allows"],
  [/no session policy allows/i, "no-session-policy-allows"],
];

export function parseAccessDeniedMessage(message: string): ParsedAccessDenied {
  const match = MESSAGE_PATTERN.exec(message.trim().split("\n")[0]);
  const reason = match?.[5] ?? message;
  const cause = CAUSES.find(([pattern]) => pattern.test(reason))?.[1] ?? "unknown";
  return {
    principalArn: match?.[1] ?? null,
    action: match?.[2] ?? null,
    resource: match?.[3]?.replace(/\.$/, "") ?? null,
    cause,
    explicitDeny: cause.startsWith("explicit-deny"),
  };
}

/** What to do about a denied action, in the consultant's words. */
export function describeDenial(action: string, denial: Pick<ParsedAccessDenied, "cause">): string {
  switch (denial.cause) {
    case "explicit-deny-scp":
      return `A service control policy of the AWS Organization explicitly denies ${action}: an Allow in the audit role cannot override it. Ask the organization's administrators to exempt the audit role (or this action) from that SCP.`;
    case "explicit-deny-rcp":
      return `A resource control policy of the AWS Organization explicitly denies ${action}. Ask the organization's administrators to exempt the audit role from it.`;
    case "explicit-deny-identity-policy":
      return `A policy attached to the audit role explicitly denies ${action}. Remove that Deny statement (an Allow cannot override it).`;
    case "explicit-deny-permissions-boundary":
      return `The audit role's permissions boundary explicitly denies ${action}. Remove that Deny from the boundary.`;
    case "explicit-deny-session-policy":
      return `A session policy explicitly denies ${action}.`;
    case "explicit-deny-resource-policy":
      return `A resource-based policy explicitly denies ${action} to the audit role.`;
    case "no-permissions-boundary-allows":
      return `The audit role's permissions boundary does not allow ${action}: add it to the boundary.`;
    case "no-resource-policy-allows":
      return `No resource-based policy allows ${action} to the audit role.`;
    default:
      return `Add ${action} to the audit role's inline policy (SecurityAudit alone does not grant it here).`;
  }
}
