// The iam evidence as its collector (lib/aws/iam.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface CredentialReportAccessKey {
  active: boolean | null;
  lastRotated: string | null;
  lastUsedDate: string | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

export interface CredentialReportCertificate {
  active: boolean | null;
  lastRotated: string | null;
}

export interface CredentialReportRow {
  user: string;
  arn: string;
  isRoot: boolean;
  userCreationTime: string | null;
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  passwordNextRotation: string | null;
  mfaActive: boolean | null;
  accessKeys: [CredentialReportAccessKey, CredentialReportAccessKey];
  certificates: [CredentialReportCertificate, CredentialReportCertificate];
}

export interface CredentialReport {
  generatedAt: string | null;
  rows: CredentialReportRow[];
}

export interface PasswordPolicy {
  minimumPasswordLength: number | null;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  expirePasswords: boolean;
  maxPasswordAge: number | null;
  passwordReusePrevention: number | null;
  hardExpiry: boolean;
}

export interface VirtualMfaDevice {
  serialNumber: string;
  userArn: string | null;
  enableDate: string | null;
}

/**
 * IAM returns policy documents URL-encoded (RFC 3986) JSON (api-map §1). Decodes and parses;
 * a document that is already JSON (starts with "{", which encodes as %7B) is parsed as is.
 * Returns null when the text is not a JSON policy.
 */
export function decodePolicyDocument(document: string | undefined): unknown {
  if (!document) return null;
  const trimmed = document.trim();
  try {
    return JSON.parse(trimmed.startsWith("{") ? trimmed : decodeURIComponent(trimmed));
  } catch {
    return null;
  }
}

export interface InlinePolicy {
  name: string;
  document: unknown;
}

export interface AttachedManagedPolicy {
  name: string;
  arn: string;
}

export interface IamUser {
  name: string;
  arn: string;
  path: string;
  createDate: string | null;
  groups: string[];
  attachedManagedPolicies: AttachedManagedPolicy[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn: string | null;
  tags: Record<string, string>;
}

export interface IamGroup {
  name: string;
  arn: string;
  attachedManagedPolicies: AttachedManagedPolicy[];
  inlinePolicies: InlinePolicy[];
}

export interface IamRole {
  name: string;
  arn: string;
  path: string;
  createDate: string | null;
  assumeRolePolicyDocument: unknown;
  attachedManagedPolicies: AttachedManagedPolicy[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn: string | null;
  lastUsedDate: string | null;
  lastUsedRegion: string | null;
}

export interface CustomerManagedPolicy {
  name: string;
  arn: string;
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
  isAttachable: boolean;
  defaultVersionId: string | null;
  /** The default version's document, decoded (IAM-10 judges only the default version). */
  defaultVersionDocument: unknown;
}

export interface AuthorizationDetails {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  customerManagedPolicies: CustomerManagedPolicy[];
}

/** CIS 1.17 / IAM-11 looks for this AWS-managed policy on a role. */
export const SUPPORT_ACCESS_POLICY_ARN = "arn:aws:iam::aws:policy/AWSSupportAccess";

export interface IamEvidence {
  /** GetAccountSummary SummaryMap, e.g. AccountMFAEnabled, AccountAccessKeysPresent, Users. */
  accountSummary: Record<string, number>;
  /** SummaryMap.AccountMFAEnabled = 1 (ROOT-1); null when the key is absent. */
  accountMfaEnabled: boolean | null;
  /** SummaryMap.AccountAccessKeysPresent = 1 (ROOT-2). */
  accountAccessKeysPresent: boolean | null;
  credentialReport: CredentialReport;
  /** null = no password policy set: the AWS default applies (IAM-1–4 fail). */
  passwordPolicy: PasswordPolicy | null;
  virtualMfaDevices: VirtualMfaDevice[];
  /** A virtual MFA device is assigned to root (ROOT-4: then root's MFA is not hardware). */
  rootHasVirtualMfa: boolean;
  accountAliases: string[];
  /** Roles with AWSSupportAccess attached (IAM-11). */
  supportAccessRoles: string[];
  authorization: AuthorizationDetails;
}
