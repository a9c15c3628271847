import { type Caller, callerAccountId, callerArn, callerPrincipalArn } from "../auth/identities";

// Just enough IAM policy evaluation for role trust policies: an Allow statement for sts:AssumeRole
// whose Principal.AWS names the caller (its ARN, its account's root, or "*") and whose
// StringEquals sts:ExternalId condition, if any, matches.

type Statement = {
  Effect?: string;
  Action?: string | string[];
  Principal?: string | { AWS?: string | string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
};

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function principalMatches(principal: string, caller: Caller): boolean {
  if (principal === "*") return true;
  const account = callerAccountId(caller);
  if (principal === account || principal === `arn:aws:iam::${account}:root`) return true;
  return principal === callerPrincipalArn(caller) || principal === callerArn(caller);
}

function actionMatches(action: string): boolean {
  return action === "*" || action === "sts:*" || action.toLowerCase() === "sts:assumerole";
}

export function parsePolicyDocument(document: string | Record<string, unknown>): Record<string, unknown> {
  return typeof document === "string" ? (JSON.parse(document) as Record<string, unknown>) : document;
}

export function trustPolicyAllows(
  document: string | Record<string, unknown>,
  caller: Caller,
  externalId: string | undefined,
): boolean {
  const statements = asList(parsePolicyDocument(document).Statement as Statement | Statement[] | undefined);
  const allows = (statement: Statement) => {
    if (!asList(statement.Action).some(actionMatches)) return false;
    const principals =
      typeof statement.Principal === "string" ? [statement.Principal] : asList(statement.Principal?.AWS);
    if (!principals.some((principal) => principalMatches(principal, caller))) return false;
    const required = statement.Condition?.StringEquals?.["sts:ExternalId"];
    return required === undefined || asList(required).includes(externalId ?? "\u0000none");
  };
  const denied = statements.some(
    (statement) => statement.Effect === "Deny" && allows({ ...statement, Condition: statement.Condition }),
  );
  return !denied && statements.some((statement) => statement.Effect === "Allow" && allows(statement));
}
