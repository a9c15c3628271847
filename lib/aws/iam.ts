import {
  type AttachedPolicy,
  EntityType,
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  type ManagedPolicyDetail,
  type PolicyDetail,
  paginateGetAccountAuthorizationDetails,
  paginateListAccountAliases,
  paginateListEntitiesForPolicy,
  paginateListVirtualMFADevices,
  type RoleDetail,
  type UserDetail,
} from "@aws-sdk/client-iam";
import { parse } from "csv-parse/sync";
import type {
  AttachedManagedPolicy,
  AuthorizationDetails,
  CredentialReport,
  CredentialReportAccessKey,
  CredentialReportCertificate,
  CredentialReportRow,
  CustomerManagedPolicy,
  IamEvidence,
  IamRole,
  IamUser,
  InlinePolicy,
  PasswordPolicy,
  VirtualMfaDevice,
} from "../evidence/iam";
import { decodePolicyDocument, SUPPORT_ACCESS_POLICY_ARN } from "../evidence/iam";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { GLOBAL_REGION, GLOBAL_SCOPE_LABEL, withSessionClient } from "./clients";
import {
  type AwsCallContext,
  AwsCallError,
  callAws,
  hasAwsErrorCode,
  requireReadable,
  toAwsCallError,
  unreadableResponse,
} from "./errors";
import { collectPages, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "iam";
const context = (operation: string): AwsCallContext => ({ service: SERVICE, operation, region: GLOBAL_REGION });

// ---------- Credential report (api-map §3) ----------

const ROOT_USER = "<root_account>";
// "N/A", "no_information" and "not_supported" all mean "no value" (api-map §3, controls.md conventions).
const NO_VALUE = new Set(["n/a", "no_information", "not_supported", ""]);

function reportText(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return NO_VALUE.has(trimmed.toLowerCase()) ? null : trimmed;
}

function reportDate(value: string | undefined): string | null {
  return toIsoString(reportText(value));
}

/** Real reports say true/false, the documentation TRUE/FALSE: compare case-insensitively. */
function reportBoolean(value: string | undefined): boolean | null {
  const text = reportText(value)?.toLowerCase();
  if (text === "true") return true;
  if (text === "false") return false;
  return null;
}

/** Parses the credential report CSV (22 columns, header row first) into typed rows. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  return records.map((record) => {
    const accessKey = (n: 1 | 2): CredentialReportAccessKey => ({
      active: reportBoolean(record[`access_key_${n}_active`]),
      lastRotated: reportDate(record[`access_key_${n}_last_rotated`]),
      lastUsedDate: reportDate(record[`access_key_${n}_last_used_date`]),
      lastUsedRegion: reportText(record[`access_key_${n}_last_used_region`]),
      lastUsedService: reportText(record[`access_key_${n}_last_used_service`]),
    });
    const certificate = (n: 1 | 2): CredentialReportCertificate => ({
      active: reportBoolean(record[`cert_${n}_active`]),
      lastRotated: reportDate(record[`cert_${n}_last_rotated`]),
    });
    return {
      user: record.user ?? "",
      arn: record.arn ?? "",
      isRoot: record.user === ROOT_USER,
      userCreationTime: reportDate(record.user_creation_time),
      passwordEnabled: reportBoolean(record.password_enabled),
      passwordLastUsed: reportDate(record.password_last_used),
      passwordLastChanged: reportDate(record.password_last_changed),
      passwordNextRotation: reportDate(record.password_next_rotation),
      mfaActive: reportBoolean(record.mfa_active),
      accessKeys: [accessKey(1), accessKey(2)],
      certificates: [certificate(1), certificate(2)],
    };
  });
}

export interface CredentialReportWait {
  maxWaitMs: number;
  /** First pause between polls; it doubles up to maxPollIntervalMs. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
}

const DEFAULT_REPORT_WAIT: CredentialReportWait = { maxWaitMs: 60_000, pollIntervalMs: 250, maxPollIntervalMs: 4_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GenerateCredentialReport → State (STARTED, INPROGRESS, COMPLETE). */
export async function generateCredentialReport(client: IAMClient): Promise<string | undefined> {
  const response = await callAws(context("GenerateCredentialReport"), () =>
    client.send(new GenerateCredentialReportCommand({})),
  );
  return response.State;
}

/**
 * Generates the report until COMPLETE (bounded wait), then reads it. AWS reuses a report younger
 * than 4 h, so the first Generate usually answers COMPLETE at once.
 */
export async function getCredentialReport(
  client: IAMClient,
  wait: CredentialReportWait = DEFAULT_REPORT_WAIT,
): Promise<CredentialReport> {
  const deadline = Date.now() + wait.maxWaitMs;
  let pause = wait.pollIntervalMs;
  for (;;) {
    const state = await generateCredentialReport(client);
    if (state === "COMPLETE") {
      try {
        const response = await client.send(new GetCredentialReportCommand({}));
        // The SDK base64-decodes <Content> into bytes of CSV (api-map §3). A report always has its header
        // row and root's row: no content is no report, never "no users" (issue 12 item 3).
        const csv = response.Content ? Buffer.from(response.Content).toString("utf8") : "";
        if (!csv.startsWith("user,") && !csv.startsWith("\uFEFFuser,"))
          throw unreadableResponse(
            context("GetCredentialReport"),
            response.$metadata.httpStatusCode,
            "a credential report CSV",
          );
        return { generatedAt: toIsoString(response.GeneratedTime), rows: parseCredentialReport(csv) };
      } catch (error) {
        // ReportInProgress / ReportExpired / ReportNotPresent: generate again within the wait budget.
        const retryable = hasAwsErrorCode(
          error,
          "ReportInProgress",
          "ReportExpired",
          "ReportNotPresent",
          "CredentialReportNotReadyException",
          "CredentialReportExpiredException",
          "CredentialReportNotPresentException",
        );
        if (!retryable || Date.now() >= deadline) throw toAwsCallError(error, context("GetCredentialReport"));
      }
    }
    if (Date.now() >= deadline) {
      throw new AwsCallError(context("GenerateCredentialReport"), {
        awsErrorCode: "ReportInProgress",
        awsErrorName: "CredentialReportTimeout",
        kind: "timeout",
        awsMessage: `credential report still ${state ?? "not started"} after ${Math.round(wait.maxWaitMs / 1000)} s`,
      });
    }
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    pause = Math.min(pause * 2, wait.maxPollIntervalMs);
  }
}

// ---------- Account summary, password policy, MFA devices, aliases ----------

export async function getAccountSummary(client: IAMClient): Promise<Record<string, number>> {
  const response = await callAws(context("GetAccountSummary"), () => client.send(new GetAccountSummaryCommand({})));
  requireReadable(context("GetAccountSummary"), response, (answer) => answer.SummaryMap !== undefined, "SummaryMap");
  return { ...(response.SummaryMap ?? {}) } as Record<string, number>;
}

/** null = no policy set (NoSuchEntity): the AWS default of 8 characters and no expiry applies (IAM-1–4). */
export async function getAccountPasswordPolicy(client: IAMClient): Promise<PasswordPolicy | null> {
  try {
    const response = await client.send(new GetAccountPasswordPolicyCommand({}));
    const policy = response.PasswordPolicy;
    // No policy is NoSuchEntity (below); a 200 without one was not a password-policy answer (issue 12 item 3).
    if (!policy)
      throw unreadableResponse(
        context("GetAccountPasswordPolicy"),
        response.$metadata.httpStatusCode,
        "PasswordPolicy",
      );
    return {
      minimumPasswordLength: policy.MinimumPasswordLength ?? null,
      requireSymbols: policy.RequireSymbols ?? false,
      requireNumbers: policy.RequireNumbers ?? false,
      requireUppercaseCharacters: policy.RequireUppercaseCharacters ?? false,
      requireLowercaseCharacters: policy.RequireLowercaseCharacters ?? false,
      allowUsersToChangePassword: policy.AllowUsersToChangePassword ?? false,
      expirePasswords: policy.ExpirePasswords ?? false,
      maxPasswordAge: policy.MaxPasswordAge ?? null,
      passwordReusePrevention: policy.PasswordReusePrevention ?? null,
      hardExpiry: policy.HardExpiry ?? false,
    };
  } catch (error) {
    if (hasAwsErrorCode(error, "NoSuchEntity", "NoSuchEntityException")) return null;
    throw toAwsCallError(error, context("GetAccountPasswordPolicy"));
  }
}

export async function listVirtualMfaDevices(client: IAMClient): Promise<VirtualMfaDevice[]> {
  const devices = await collectPages(
    context("ListVirtualMFADevices"),
    () => paginateListVirtualMFADevices({ client }, { AssignmentStatus: "Assigned" }),
    (page) => page.VirtualMFADevices,
  );
  return devices.map((device) => ({
    serialNumber: device.SerialNumber ?? "",
    userArn: device.User?.Arn ?? null,
    enableDate: toIsoString(device.EnableDate),
  }));
}

export async function listAccountAliases(client: IAMClient): Promise<string[]> {
  return collectPages(
    context("ListAccountAliases"),
    () => paginateListAccountAliases({ client }, {}),
    (page) => page.AccountAliases,
  );
}

export interface PolicyEntities {
  roles: string[];
  users: string[];
  groups: string[];
}

export async function listEntitiesForPolicy(client: IAMClient, policyArn: string): Promise<PolicyEntities> {
  const pages = await collectPages(
    context("ListEntitiesForPolicy"),
    () => paginateListEntitiesForPolicy({ client }, { PolicyArn: policyArn }),
    (page) => [page],
  );
  return {
    roles: pages.flatMap((page) => page.PolicyRoles ?? []).map((role) => role.RoleName ?? ""),
    users: pages.flatMap((page) => page.PolicyUsers ?? []).map((user) => user.UserName ?? ""),
    groups: pages.flatMap((page) => page.PolicyGroups ?? []).map((group) => group.GroupName ?? ""),
  };
}

// ---------- Authorization details (users, groups, roles, customer-managed policies) ----------

function mapAttached(policies: AttachedPolicy[] | undefined): AttachedManagedPolicy[] {
  return (policies ?? []).map((policy) => ({ name: policy.PolicyName ?? "", arn: policy.PolicyArn ?? "" }));
}

function mapInline(policies: PolicyDetail[] | undefined): InlinePolicy[] {
  return (policies ?? []).map((policy) => ({
    name: policy.PolicyName ?? "",
    document: decodePolicyDocument(policy.PolicyDocument),
  }));
}

function mapTags(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
}

export function mapUserDetail(user: UserDetail): IamUser {
  return {
    name: user.UserName ?? "",
    arn: user.Arn ?? "",
    path: user.Path ?? "/",
    createDate: toIsoString(user.CreateDate),
    groups: user.GroupList ?? [],
    attachedManagedPolicies: mapAttached(user.AttachedManagedPolicies),
    inlinePolicies: mapInline(user.UserPolicyList),
    permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    tags: mapTags(user.Tags),
  };
}

export function mapRoleDetail(role: RoleDetail): IamRole {
  return {
    name: role.RoleName ?? "",
    arn: role.Arn ?? "",
    path: role.Path ?? "/",
    createDate: toIsoString(role.CreateDate),
    assumeRolePolicyDocument: decodePolicyDocument(role.AssumeRolePolicyDocument),
    attachedManagedPolicies: mapAttached(role.AttachedManagedPolicies),
    inlinePolicies: mapInline(role.RolePolicyList),
    permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    lastUsedDate: toIsoString(role.RoleLastUsed?.LastUsedDate),
    lastUsedRegion: role.RoleLastUsed?.Region ?? null,
  };
}

export function mapManagedPolicyDetail(policy: ManagedPolicyDetail): CustomerManagedPolicy {
  const defaultVersion =
    policy.PolicyVersionList?.find((version) => version.IsDefaultVersion) ??
    policy.PolicyVersionList?.find((version) => version.VersionId === policy.DefaultVersionId);
  return {
    name: policy.PolicyName ?? "",
    arn: policy.Arn ?? "",
    attachmentCount: policy.AttachmentCount ?? 0,
    permissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount ?? 0,
    isAttachable: policy.IsAttachable ?? true,
    defaultVersionId: policy.DefaultVersionId ?? null,
    defaultVersionDocument: decodePolicyDocument(defaultVersion?.Document),
  };
}

/** One paginated call instead of a List* per entity; AWS-managed policies are skipped (not judged by IAM-10). */
export async function getAccountAuthorizationDetails(client: IAMClient): Promise<AuthorizationDetails> {
  const pages = await collectPages(
    context("GetAccountAuthorizationDetails"),
    () =>
      paginateGetAccountAuthorizationDetails(
        { client },
        { Filter: [EntityType.User, EntityType.Group, EntityType.Role, EntityType.LocalManagedPolicy] },
      ),
    (page) => [page],
  );
  return {
    users: pages.flatMap((page) => page.UserDetailList ?? []).map(mapUserDetail),
    groups: pages
      .flatMap((page) => page.GroupDetailList ?? [])
      .map((group) => ({
        name: group.GroupName ?? "",
        arn: group.Arn ?? "",
        attachedManagedPolicies: mapAttached(group.AttachedManagedPolicies),
        inlinePolicies: mapInline(group.GroupPolicyList),
      })),
    roles: pages.flatMap((page) => page.RoleDetailList ?? []).map(mapRoleDetail),
    customerManagedPolicies: pages.flatMap((page) => page.Policies ?? []).map(mapManagedPolicyDetail),
  };
}

// ---------- Collector ----------

function summaryFlag(summary: Record<string, number>, key: string): boolean | null {
  return key in summary ? summary[key] === 1 : null;
}

/** What a failed call leaves in its place: never read as evidence (the row names the failed call). */
const EMPTY_AUTHORIZATION: AuthorizationDetails = { users: [], groups: [], roles: [], customerManagedPolicies: [] };

export async function collectIam(
  client: IAMClient,
  reportWait: CredentialReportWait = DEFAULT_REPORT_WAIT,
): Promise<{ evidence: IamEvidence; failedCalls: FailedCall[] }> {
  // Per-call evidence (issue 12 item 1): each read answers or fails on its own; rules name what they need
  // (lib/controls/evidence-needs.ts), so a failed password-policy read leaves ROOT-1 and IAM-5 judged.
  const calls = new CallRecorder();
  const [accountSummary, credentialReport, passwordPolicy, virtualMfaDevices, accountAliases, support, authorization] =
    await Promise.all([
      calls.attempt(getAccountSummary(client), {}),
      calls.attempt(getCredentialReport(client, reportWait), { generatedAt: null, rows: [] }),
      calls.attempt(getAccountPasswordPolicy(client), null),
      calls.attempt(listVirtualMfaDevices(client), []),
      calls.attempt(listAccountAliases(client), []),
      calls.attempt(listEntitiesForPolicy(client, SUPPORT_ACCESS_POLICY_ARN), { roles: [], users: [], groups: [] }),
      calls.attempt(getAccountAuthorizationDetails(client), EMPTY_AUTHORIZATION),
    ]);
  calls.throwIfNothingAnswered();
  return {
    evidence: {
      accountSummary,
      accountMfaEnabled: summaryFlag(accountSummary, "AccountMFAEnabled"),
      accountAccessKeysPresent: summaryFlag(accountSummary, "AccountAccessKeysPresent"),
      credentialReport,
      passwordPolicy,
      virtualMfaDevices,
      rootHasVirtualMfa: virtualMfaDevices.some((device) => device.userArn?.endsWith(":root") ?? false),
      accountAliases,
      supportAccessRoles: support.roles,
      authorization,
    },
    failedCalls: calls.failedCalls,
  };
}

export const iamCollector: CollectorDefinition<IamEvidence> = {
  key: "iam",
  service: SERVICE,
  scope: "global",
  async collect(session) {
    const { evidence, failedCalls } = await withSessionClient(IAMClient, session, GLOBAL_SCOPE_LABEL, (client) =>
      collectIam(client),
    );
    const itemCount =
      evidence.credentialReport.rows.length +
      evidence.authorization.roles.length +
      evidence.authorization.groups.length +
      evidence.authorization.customerManagedPolicies.length;
    return { evidence, failedCalls, itemCount };
  },
};
