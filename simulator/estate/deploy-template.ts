import YAML from "yaml";
import type { EstateInput } from "./schema";
import type { EstateRecord, EstateStore } from "./store";

// "Deploying" a generated audit-role CloudFormation template into the simulator: the template's
// AWS::IAM::Role becomes the estate's audit role (name, path, trust principal and ExternalId,
// managed and inline policies, tags, MaxSessionDuration) with evaluatePolicies on, so the role can
// do exactly what its policies grant. A StackSet template deploys its embedded TemplateBody, as the
// StackSet would in each member account. Only the intrinsic functions the generated templates use
// are resolved: Ref (parameters, AWS::AccountId/Partition/Region), Fn::Sub, Fn::Join.

export class TemplateDeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateDeployError";
  }
}

export interface DeployTemplateOptions {
  accountId: string;
  /** Parameter overrides (like --parameter-overrides); the rest take their Default. */
  parameters?: Record<string, string>;
  /** Regions of a new estate (an existing estate keeps its own). Default us-east-1. */
  regions?: string[];
  region?: string;
}

type AuditRoleInput = EstateInput["auditRole"];
type Template = {
  Parameters?: Record<string, { Default?: unknown }>;
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
};

const SHORT_TAGS = ["Ref", "Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or"].map(
  (name) => ({
    tag: `!${name}`,
    resolve: (value: unknown) => (name === "Ref" ? { Ref: value } : { [`Fn::${name}`]: value }),
  }),
);

/** The template text (YAML or JSON, short-form tags allowed) as an object. */
export function parseTemplate(text: string): Template {
  let parsed: unknown;
  try {
    parsed = YAML.parse(text, {
      customTags: SHORT_TAGS.flatMap((tag) => [
        { ...tag, collection: "seq" as const },
        { ...tag, collection: "map" as const },
        tag,
      ]),
    });
  } catch (error) {
    throw new TemplateDeployError(`The template is not valid YAML or JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || !("Resources" in parsed)) {
    throw new TemplateDeployError("The template has no Resources section.");
  }
  return parsed as Template;
}

function resolver(template: Template, options: DeployTemplateOptions) {
  const values: Record<string, string> = {
    "AWS::AccountId": options.accountId,
    "AWS::Partition": "aws",
    "AWS::Region": options.region ?? options.regions?.[0] ?? "us-east-1",
    "AWS::URLSuffix": "amazonaws.com",
  };
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const value = options.parameters?.[name] ?? parameter.Default;
    if (value !== undefined) values[name] = String(value);
  }
  for (const name of Object.keys(options.parameters ?? {})) {
    if (!(name in (template.Parameters ?? {})))
      throw new TemplateDeployError(`Parameter ${name} is not declared in the template.`);
  }
  const ref = (name: string) => {
    if (!(name in values)) throw new TemplateDeployError(`Parameter ${name} has no value and no Default.`);
    return values[name];
  };
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (!node || typeof node !== "object") return node;
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, argument] = entries[0];
      if (key === "Ref") return ref(String(argument));
      if (key === "Fn::Sub") {
        const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
        return String(text).replace(/\$\{([^}!]+)\}/g, (_, name: string) =>
          name in (variables as Record<string, unknown>)
            ? String(resolve((variables as Record<string, unknown>)[name]))
            : ref(name),
        );
      }
      if (key === "Fn::Join") {
        const [separator, parts] = argument as [string, unknown[]];
        return (resolve(parts) as unknown[]).map(String).join(separator);
      }
    }
    return Object.fromEntries(entries.map(([key, value]) => [key, resolve(value)]));
  };
  return resolve;
}

type Statement = {
  Effect?: string;
  Action?: string | string[];
  Principal?: string | { AWS?: string | string[] };
  Condition?: { StringEquals?: Record<string, string | string[]> };
};

function trustOf(document: unknown): Pick<AuditRoleInput, "trustedPrincipals" | "externalId"> {
  const statements = [(document as { Statement?: Statement | Statement[] })?.Statement ?? []].flat();
  const assume = statements.find(
    (statement) =>
      statement.Effect === "Allow" &&
      [statement.Action ?? []].flat().some((action) => action.toLowerCase() === "sts:assumerole"),
  );
  if (!assume) throw new TemplateDeployError("The role's AssumeRolePolicyDocument allows no sts:AssumeRole.");
  const principals =
    typeof assume.Principal === "string" ? [assume.Principal] : [assume.Principal?.AWS ?? []].flat().map(String);
  if (principals.length === 0) throw new TemplateDeployError("The role's trust policy names no AWS principal.");
  const externalId = assume.Condition?.StringEquals?.["sts:ExternalId"];
  return { trustedPrincipals: principals, externalId: Array.isArray(externalId) ? externalId[0] : externalId };
}

/** The audit role a CloudFormation (or StackSet) template creates in the given account. */
export function auditRoleFromTemplate(text: string, options: DeployTemplateOptions): AuditRoleInput {
  const template = parseTemplate(text);
  const resources = Object.values(template.Resources ?? {});
  const stackSet = resources.find((resource) => resource.Type === "AWS::CloudFormation::StackSet");
  if (stackSet) {
    const body = stackSet.Properties?.TemplateBody;
    if (typeof body !== "string") throw new TemplateDeployError("The StackSet has no TemplateBody to deploy.");
    const resolve = resolver(template, { ...options, parameters: pickDeclared(template, options.parameters) });
    const stackSetParameters = Object.fromEntries(
      (
        (resolve(stackSet.Properties?.Parameters ?? []) as { ParameterKey: string; ParameterValue: string }[]) ?? []
      ).map((parameter) => [parameter.ParameterKey, String(parameter.ParameterValue)]),
    );
    return auditRoleFromTemplate(body, { ...options, parameters: stackSetParameters });
  }
  const roles = resources.filter((resource) => resource.Type === "AWS::IAM::Role");
  if (roles.length !== 1) {
    throw new TemplateDeployError(`The template must create exactly one AWS::IAM::Role (found ${roles.length}).`);
  }
  const properties = resolver(template, options)(roles[0].Properties ?? {}) as Record<string, unknown>;
  const name = properties.RoleName;
  if (typeof name !== "string" || name === "") throw new TemplateDeployError("The role has no RoleName.");
  const policies = (properties.Policies ?? []) as { PolicyName: string; PolicyDocument: Record<string, unknown> }[];
  const tags = (properties.Tags ?? []) as { Key: string; Value: string }[];
  return {
    name,
    path: typeof properties.Path === "string" ? properties.Path : "/",
    ...trustOf(properties.AssumeRolePolicyDocument),
    maxSessionDuration: typeof properties.MaxSessionDuration === "number" ? properties.MaxSessionDuration : 3600,
    attachedPolicies: ((properties.ManagedPolicyArns ?? []) as unknown[]).map(String),
    inlinePolicies: policies.map((policy) => ({ name: policy.PolicyName, document: policy.PolicyDocument })),
    evaluatePolicies: true,
    tags: Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])),
  };
}

function pickDeclared(template: Template, parameters: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(parameters).filter(([name]) => name in (template.Parameters ?? {})));
}

/**
 * Deploys the template's audit role into the account's estate (created with only that role when the
 * account has none yet), replacing the estate's previous audit role.
 */
export function deployTemplate(store: EstateStore, text: string, options: DeployTemplateOptions): EstateRecord {
  const auditRole = auditRoleFromTemplate(text, options);
  const existing = store.get(options.accountId);
  const base = existing
    ? (existing.raw as Record<string, unknown>)
    : { accountId: options.accountId, regions: options.regions ?? ["us-east-1"] };
  return store.put({ ...base, accountId: options.accountId, auditRole }, existing?.source ?? "admin:deploy");
}
