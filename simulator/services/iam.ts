import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";
import type { Estate } from "../estate/schema";
import { findAwsManagedPolicy, type ResolvedAwsManagedPolicy, unknownAwsManagedPolicy } from "./aws-managed-policies";
import { buildCredentialReport } from "./credential-report";

// IAM (awsQuery, global). Marker/MaxItems/IsTruncated paging; policy documents URL-encoded as IAM
// sends them; NoSuchEntity (404) for a missing password policy or policy ARN.

const REPORT_REUSE_MS = 4 * 3_600_000; // A report newer than 4 h is reused (IAM User Guide, credential reports).
const REPORT_BUILD_WALL_MS = 500;

type PolicyDocument = string | Record<string, unknown>;

/** IAM returns policy documents URL-encoded (RFC 3986), e.g. %7B%22Version%22… */
export function encodePolicyDocument(document: PolicyDocument): string {
  return encodeURIComponent(typeof document === "string" ? document : JSON.stringify(document));
}

function noSuchEntity(message: string): AwsError {
  return new AwsError("NoSuchEntity", message, 404);
}

function iamPage<T>(context: OperationContext, items: readonly T[], input: OperationInput, scope: unknown) {
  const size = pageSize(input.MaxItems, { defaultSize: 100, maximum: 1000, parameter: "maxItems" });
  const page = context.paginate(items, input.Marker, size, scope);
  return { items: page.items, truncation: { IsTruncated: page.nextToken !== undefined, Marker: page.nextToken } };
}

interface ResolvedPolicy {
  name: string;
  arn: string;
  id: string;
  path: string;
  versionId: string;
  document: PolicyDocument;
  /** Non-default versions (customer-managed policies only). */
  otherVersions?: { id: string; document: PolicyDocument; createdAt: Date }[];
  awsManaged: boolean;
  description?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

function resolvePolicy(context: OperationContext, reference: string): ResolvedPolicy {
  const local = context.index.policies.find((entry) => entry.arn === reference || entry.policy.name === reference);
  if (local) {
    return {
      name: local.policy.name,
      arn: local.arn,
      id: local.id,
      path: local.policy.path,
      versionId: local.policy.defaultVersion ?? `v${local.policy.versions.length + 1}`,
      document: local.policy.document,
      otherVersions: local.policy.versions.map((version) => ({
        id: version.id,
        document: version.document,
        createdAt: context.date(version.createdAt ?? local.policy.createdAt),
      })),
      awsManaged: false,
      description: local.policy.description,
      createdAt: context.date(local.policy.createdAt),
      updatedAt: context.date(local.policy.updatedAt ?? local.policy.createdAt),
    };
  }
  const arn = reference.startsWith("arn:") ? reference : `arn:aws:iam::aws:policy/${reference}`;
  const managed: ResolvedAwsManagedPolicy = findAwsManagedPolicy(arn) ?? unknownAwsManagedPolicy(arn);
  return {
    ...managed,
    awsManaged: true,
    createdAt: new Date("2015-02-06T18:39:46Z"),
    updatedAt: new Date("2015-02-06T18:39:46Z"),
  };
}

/** Users and roles whose permissions boundary is this policy (AWS counts them apart from attachments). */
function boundaryUsage(context: OperationContext, arn: string): number {
  const users = context.index.users.filter(
    ({ user }) => user.permissionsBoundary && resolvePolicy(context, user.permissionsBoundary).arn === arn,
  );
  const roles = context.estate.iam.roles.filter(
    (role) => role.permissionsBoundary && resolvePolicy(context, role.permissionsBoundary).arn === arn,
  );
  return users.length + roles.length;
}

function attachedPolicies(context: OperationContext, references: string[]) {
  return references.map((reference) => {
    const policy = resolvePolicy(context, reference);
    return { PolicyName: policy.name, PolicyArn: policy.arn };
  });
}

function inlinePolicies(list: { name: string; document: PolicyDocument }[]) {
  return list.map((policy) => ({ PolicyName: policy.name, PolicyDocument: encodePolicyDocument(policy.document) }));
}

function tagList(tags: Record<string, string>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Every policy attached anywhere, keyed by ARN, with the entities attached to it. */
function policyAttachments(context: OperationContext) {
  const attachments = new Map<string, { users: string[]; groups: string[]; roles: string[] }>();
  const add = (reference: string, kind: "users" | "groups" | "roles", name: string) => {
    const arn = resolvePolicy(context, reference).arn;
    const entry = attachments.get(arn) ?? { users: [], groups: [], roles: [] };
    entry[kind].push(name);
    attachments.set(arn, entry);
  };
  for (const { user } of context.index.users)
    for (const reference of user.attachedPolicies) add(reference, "users", user.name);
  for (const { group } of context.index.groups)
    for (const reference of group.attachedPolicies) add(reference, "groups", group.name);
  for (const { role } of context.index.roles)
    for (const reference of role.attachedPolicies) add(reference, "roles", role.name);
  return attachments;
}

function summaryMap(estate: Estate, context: OperationContext): Record<string, number> {
  const users = estate.iam.users;
  const virtualDevices =
    users.filter((user) => user.mfa === "virtual").length + (estate.root.mfa === "virtual" ? 1 : 0);
  const devicesInUse = users.filter((user) => user.mfa !== "none").length + (estate.root.mfa !== "none" ? 1 : 0);
  const attachments = [...policyAttachments(context).values()].reduce(
    (total, entry) => total + entry.users.length + entry.groups.length + entry.roles.length,
    0,
  );
  return {
    Users: users.length,
    UsersQuota: 5000,
    Groups: estate.iam.groups.length,
    GroupsQuota: 300,
    Roles: context.index.roles.length,
    RolesQuota: 1000,
    Policies: estate.iam.policies.length,
    PoliciesQuota: 1500,
    PolicyVersionsInUse: attachments,
    PolicyVersionsInUseQuota: 10000,
    VersionsPerPolicyQuota: 5,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    InstanceProfiles: 0,
    InstanceProfilesQuota: 1000,
    Providers: 0,
    MFADevices:
      virtualDevices + estate.iam.unassignedVirtualMfaDevices + users.filter((user) => user.mfa === "hardware").length,
    MFADevicesInUse: devicesInUse,
    AccountMFAEnabled: estate.root.mfa === "none" ? 0 : 1,
    AccountAccessKeysPresent: estate.root.accessKeys.length > 0 ? 1 : 0,
    AccountPasswordPresent: 1,
    AccountSigningCertificatesPresent: estate.root.signingCertificates.length > 0 ? 1 : 0,
    AccessKeysPerUserQuota: 2,
    SigningCertificatesPerUserQuota: 2,
    GroupsPerUserQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    UserPolicySizeQuota: 2048,
    GroupPolicySizeQuota: 5120,
    RolePolicySizeQuota: 10240,
    PolicySizeQuota: 6144,
    AssumeRolePolicySizeQuota: 2048,
    GlobalEndpointTokenVersion: estate.iam.globalEndpointTokenVersion,
  };
}

function generateCredentialReport(_input: OperationInput, context: OperationContext): Output {
  const reports = context.runtime.credentialReports;
  const state = reports.get(context.accountId);
  const nowMs = context.now.getTime();
  if (state && state.estateVersion === context.record.version && nowMs - state.startedAtSimulatorMs < REPORT_REUSE_MS) {
    if (!state.generated) completeReport(context);
    return { State: "COMPLETE" };
  }
  reports.set(context.accountId, {
    startedAtSimulatorMs: nowMs,
    startedAtWallMs: Date.now(),
    estateVersion: context.record.version,
  });
  return { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
}

function completeReport(context: OperationContext) {
  const state = context.runtime.credentialReports.get(context.accountId);
  if (!state) return undefined;
  state.generated ??= {
    content: buildCredentialReport(context.estate, context.index, context.date),
    generatedAt: context.now,
  };
  return state.generated;
}

function getCredentialReport(_input: OperationInput, context: OperationContext): Output {
  const state = context.runtime.credentialReports.get(context.accountId);
  if (!state) {
    throw new AwsError("ReportNotPresent", "Credential report not present. Call GenerateCredentialReport first.", 410);
  }
  if (!state.generated && Date.now() - state.startedAtWallMs < REPORT_BUILD_WALL_MS) {
    throw new AwsError("ReportInProgress", "Credential report generation is in progress.", 404);
  }
  const report = completeReport(context);
  if (!report) throw new AwsError("ReportNotPresent", "Credential report not present.", 410);
  return { Content: Buffer.from(report.content, "utf8"), ReportFormat: "text/csv", GeneratedTime: report.generatedAt };
}

function getAccountPasswordPolicy(_input: OperationInput, context: OperationContext): Output {
  const policy = context.estate.iam.passwordPolicy;
  if (!policy) throw noSuchEntity(`The Password Policy with domain name ${context.accountId} cannot be found.`);
  return {
    PasswordPolicy: {
      MinimumPasswordLength: policy.minimumPasswordLength,
      RequireSymbols: policy.requireSymbols,
      RequireNumbers: policy.requireNumbers,
      RequireUppercaseCharacters: policy.requireUppercaseCharacters,
      RequireLowercaseCharacters: policy.requireLowercaseCharacters,
      AllowUsersToChangePassword: policy.allowUsersToChangePassword,
      ExpirePasswords: policy.maxPasswordAge !== undefined,
      MaxPasswordAge: policy.maxPasswordAge,
      PasswordReusePrevention: policy.passwordReusePrevention,
      HardExpiry: policy.hardExpiry,
    },
  };
}

const AUTHORIZATION_FILTERS = ["User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"] as const;

function getAccountAuthorizationDetails(input: OperationInput, context: OperationContext): Output {
  const filters: string[] = input.Filter ?? [...AUTHORIZATION_FILTERS];
  const attachments = policyAttachments(context);
  const entries: { kind: "user" | "group" | "role" | "policy"; detail: Output }[] = [];
  if (filters.includes("User")) {
    for (const { user, id, arn } of context.index.users) {
      entries.push({
        kind: "user",
        detail: {
          Path: user.path,
          UserName: user.name,
          UserId: id,
          Arn: arn,
          CreateDate: context.date(user.createdAt),
          UserPolicyList: inlinePolicies(user.inlinePolicies),
          GroupList: user.groups,
          AttachedManagedPolicies: attachedPolicies(context, user.attachedPolicies),
          PermissionsBoundary: user.permissionsBoundary
            ? {
                PermissionsBoundaryType: "Policy",
                PermissionsBoundaryArn: resolvePolicy(context, user.permissionsBoundary).arn,
              }
            : undefined,
          Tags: tagList(user.tags),
        },
      });
    }
  }
  if (filters.includes("Group")) {
    for (const { group, id, arn } of context.index.groups) {
      entries.push({
        kind: "group",
        detail: {
          Path: group.path,
          GroupName: group.name,
          GroupId: id,
          Arn: arn,
          CreateDate: context.date(group.createdAt),
          GroupPolicyList: inlinePolicies(group.inlinePolicies),
          AttachedManagedPolicies: attachedPolicies(context, group.attachedPolicies),
        },
      });
    }
  }
  if (filters.includes("Role")) {
    for (const { role, id, arn } of context.index.roles) {
      entries.push({
        kind: "role",
        detail: {
          Path: role.path,
          RoleName: role.name,
          RoleId: id,
          Arn: arn,
          CreateDate: context.date(role.createdAt),
          AssumeRolePolicyDocument: encodePolicyDocument(role.trustPolicy),
          InstanceProfileList: [],
          RolePolicyList: inlinePolicies(role.inlinePolicies),
          AttachedManagedPolicies: attachedPolicies(context, role.attachedPolicies),
          PermissionsBoundary: role.permissionsBoundary
            ? {
                PermissionsBoundaryType: "Policy",
                PermissionsBoundaryArn: resolvePolicy(context, role.permissionsBoundary).arn,
              }
            : undefined,
          Tags: tagList(role.tags),
          RoleLastUsed: role.lastUsed
            ? { LastUsedDate: context.date(role.lastUsed.date), Region: role.lastUsed.region }
            : {},
        },
      });
    }
  }
  const policyDetail = (policy: ResolvedPolicy) => {
    const usage = attachments.get(policy.arn);
    return {
      PolicyName: policy.name,
      PolicyId: policy.id,
      Arn: policy.arn,
      Path: policy.path,
      DefaultVersionId: policy.versionId,
      AttachmentCount: usage ? usage.users.length + usage.groups.length + usage.roles.length : 0,
      PermissionsBoundaryUsageCount: boundaryUsage(context, policy.arn),
      IsAttachable: true,
      Description: policy.description,
      CreateDate: policy.createdAt,
      UpdateDate: policy.updatedAt,
      PolicyVersionList: [
        {
          Document: encodePolicyDocument(policy.document),
          VersionId: policy.versionId,
          IsDefaultVersion: true,
          CreateDate: policy.updatedAt,
        },
        ...(policy.otherVersions ?? []).map((version) => ({
          Document: encodePolicyDocument(version.document),
          VersionId: version.id,
          IsDefaultVersion: false,
          CreateDate: version.createdAt,
        })),
      ],
    };
  };
  if (filters.includes("LocalManagedPolicy")) {
    for (const { arn } of context.index.policies)
      entries.push({ kind: "policy", detail: policyDetail(resolvePolicy(context, arn)) });
  }
  if (filters.includes("AWSManagedPolicy")) {
    // AWS lists the AWS managed policies that are attached to something in the account.
    for (const arn of attachments.keys()) {
      const policy = resolvePolicy(context, arn);
      if (policy.awsManaged) entries.push({ kind: "policy", detail: policyDetail(policy) });
    }
  }
  const { items, truncation } = iamPage(context, entries, input, filters);
  const pick = (kind: string) => items.filter((entry) => entry.kind === kind).map((entry) => entry.detail);
  return {
    UserDetailList: pick("user"),
    GroupDetailList: pick("group"),
    RoleDetailList: pick("role"),
    Policies: pick("policy"),
    ...truncation,
  };
}

function listVirtualMfaDevices(input: OperationInput, context: OperationContext): Output {
  const status: string = input.AssignmentStatus ?? "Any";
  const { estate, accountId } = context;
  const devices: Output[] = [];
  if (status !== "Unassigned") {
    if (estate.root.mfa === "virtual") {
      devices.push({
        SerialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`,
        User: { UserId: accountId, Arn: `arn:aws:iam::${accountId}:root`, CreateDate: context.date(estate.createdAt) },
        EnableDate: context.date(estate.createdAt),
      });
    }
    for (const { user, id, arn } of context.index.users) {
      if (user.mfa !== "virtual") continue;
      devices.push({
        SerialNumber: `arn:aws:iam::${accountId}:mfa/${user.name}`,
        User: {
          Path: user.path,
          UserName: user.name,
          UserId: id,
          Arn: arn,
          CreateDate: context.date(user.createdAt),
          PasswordLastUsed: user.password?.lastUsed ? context.date(user.password.lastUsed) : undefined,
        },
        EnableDate: context.date(user.mfaEnabledAt ?? user.createdAt),
      });
    }
  }
  if (status !== "Assigned") {
    for (let position = 1; position <= estate.iam.unassignedVirtualMfaDevices; position++) {
      devices.push({ SerialNumber: `arn:aws:iam::${accountId}:mfa/unassigned-${position}` });
    }
  }
  const { items, truncation } = iamPage(context, devices, input, status);
  return { VirtualMFADevices: items, ...truncation };
}

function listAccountAliases(_input: OperationInput, context: OperationContext): Output {
  return { AccountAliases: context.estate.alias ? [context.estate.alias] : [], IsTruncated: false };
}

function listEntitiesForPolicy(input: OperationInput, context: OperationContext): Output {
  const policyArn = String(input.PolicyArn ?? "");
  const known =
    context.index.policies.some((entry) => entry.arn === policyArn) ||
    (policyArn.startsWith("arn:aws:iam::aws:policy/") &&
      (findAwsManagedPolicy(policyArn) || policyAttachments(context).has(policyArn)));
  if (!known) throw noSuchEntity(`Policy ${policyArn} does not exist or is not attachable.`);
  const usage = policyAttachments(context).get(policyArn) ?? { users: [], groups: [], roles: [] };
  const filter: string | undefined = input.EntityFilter;
  const entities: { kind: string; detail: Output }[] = [];
  if (!filter || filter === "Group") {
    for (const name of usage.groups) {
      const group = context.index.groups.find((entry) => entry.group.name === name);
      entities.push({ kind: "group", detail: { GroupName: name, GroupId: group?.id } });
    }
  }
  if (!filter || filter === "User") {
    for (const name of usage.users)
      entities.push({ kind: "user", detail: { UserName: name, UserId: context.index.usersByName.get(name)?.id } });
  }
  if (!filter || filter === "Role") {
    for (const name of usage.roles) {
      const role = context.index.roles.find((entry) => entry.role.name === name);
      entities.push({ kind: "role", detail: { RoleName: name, RoleId: role?.id } });
    }
  }
  const { items, truncation } = iamPage(context, entities, input, [policyArn, filter]);
  const pick = (kind: string) => items.filter((entry) => entry.kind === kind).map((entry) => entry.detail);
  return { PolicyGroups: pick("group"), PolicyUsers: pick("user"), PolicyRoles: pick("role"), ...truncation };
}

export const iamService: ServiceDefinition = {
  key: "iam",
  protocol: "query",
  signingName: "iam",
  actionPrefix: "iam",
  global: true,
  errorCodes: {
    serverError: { code: "ServiceFailure", status: 500 },
    invalidPaginationToken: { code: "InvalidInput", status: 400 },
  },
  operations: {
    GetAccountSummary: (_input, context) => ({ SummaryMap: summaryMap(context.estate, context) }),
    GenerateCredentialReport: generateCredentialReport,
    GetCredentialReport: getCredentialReport,
    GetAccountPasswordPolicy: getAccountPasswordPolicy,
    GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
    ListVirtualMFADevices: listVirtualMfaDevices,
    ListAccountAliases: listAccountAliases,
    ListEntitiesForPolicy: listEntitiesForPolicy,
  },
};
