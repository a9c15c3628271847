import { DAY_MS } from "../../../dates";
import {
  type AccountEvidence,
  type AlternateContactEvidence,
  type CollectorKey,
  type CredentialReportAccessKey,
  type CredentialReportRow,
  type CustomerManagedPolicy,
  type EvidenceOf,
  GLOBAL_SCOPE_LABEL,
  type IamEvidence,
  type IamGroup,
  type IamRole,
  type IamUser,
  type PasswordPolicy,
  type VirtualMfaDevice,
} from "../../../evidence/contract";
import { type ControlParams, DEFAULT_CONTROL_PARAMS } from "../../params";
import type { AccountContext, EvidenceGap, EvidenceLookup, EvidenceSlot, RampartRecords } from "../../types";

// Test builders for ROOT and IAM rules: a fake EvidenceLookup over a map of slots (any collector),
// an AccountContext builder, and IAM/Account evidence typed against the collectors' own interfaces.

/** Collection time used by every builder unless a test says otherwise. */
export const AS_OF = new Date("2025-06-30T12:00:00.000Z");

/** ISO timestamp `days` (may be fractional) before `from`, as evidence stores dates. */
export function daysBefore(days: number, from: Date = AS_OF): string {
  return new Date(from.getTime() - days * DAY_MS).toISOString();
}

type SlotKey = `${CollectorKey}@${string}`;

/** An EvidenceLookup over explicit slots; any (collector, region) not set is MISSING. */
export class FakeEvidence implements EvidenceLookup {
  private readonly slots = new Map<SlotKey, EvidenceSlot<unknown>>();

  collected<K extends CollectorKey>(collector: K, region: string, data: EvidenceOf<K>, asOf: Date = AS_OF): this {
    this.slots.set(`${collector}@${region}`, { state: "COLLECTED", data, asOf });
    return this;
  }

  failed<K extends CollectorKey>(collector: K, region: string, gap: Partial<EvidenceGap> = {}): this {
    this.slots.set(`${collector}@${region}`, {
      state: "UNKNOWN",
      gap: {
        service: collector,
        operation: "GetSomething",
        region,
        code: "AccessDenied",
        message: "User is not authorized",
        ...gap,
      },
    });
    return this;
  }

  get<K extends CollectorKey>(collector: K, region: string): EvidenceSlot<EvidenceOf<K>> {
    return (this.slots.get(`${collector}@${region}`) ?? { state: "MISSING" }) as EvidenceSlot<EvidenceOf<K>>;
  }
}

export function emptyRecords(overrides: Partial<RampartRecords> = {}): RampartRecords {
  return {
    lastAccessReviewSignOffAt: null,
    lastAlertReviewAt: null,
    openCriticalOrHighAlertsPastSla: [],
    acknowledgedEndpointKeys: new Set(),
    attestations: [],
    ...overrides,
  };
}

export interface ContextOptions {
  evidence?: EvidenceLookup;
  params?: Partial<ControlParams>;
  records?: Partial<RampartRecords>;
  evaluatedAt?: Date;
  regions?: string[];
}

export function buildContext(options: ContextOptions = {}): AccountContext {
  return {
    account: { accountNumber: "111122223333", alias: "acme-prod", regions: options.regions ?? ["eu-west-1"] },
    evaluatedAt: options.evaluatedAt ?? AS_OF,
    params: { ...DEFAULT_CONTROL_PARAMS, ...options.params },
    evidence: options.evidence ?? new FakeEvidence(),
    records: emptyRecords(options.records),
  };
}

/** A context whose IAM evidence (global) is `iam`, collected at `asOf`. */
export function iamContext(iam: IamEvidence, options: Omit<ContextOptions, "evidence"> & { asOf?: Date } = {}) {
  return buildContext({
    ...options,
    evidence: new FakeEvidence().collected("iam", GLOBAL_SCOPE_LABEL, iam, options.asOf),
  });
}

/** A context whose IAM collector failed with AccessDenied. */
export function failedIamContext(operation = "GetCredentialReport"): AccountContext {
  return buildContext({
    evidence: new FakeEvidence().failed("iam", GLOBAL_SCOPE_LABEL, { service: "iam", operation }),
  });
}

// ---------- Credential report ----------

export function accessKey(overrides: Partial<CredentialReportAccessKey> = {}): CredentialReportAccessKey {
  return {
    active: false,
    lastRotated: null,
    lastUsedDate: null,
    lastUsedRegion: null,
    lastUsedService: null,
    ...overrides,
  };
}

/** An active key rotated and last used `rotatedDaysAgo` / `usedDaysAgo` days before AS_OF. */
export function activeKey(rotatedDaysAgo: number, usedDaysAgo: number | null = 1): CredentialReportAccessKey {
  return accessKey({
    active: true,
    lastRotated: daysBefore(rotatedDaysAgo),
    lastUsedDate: usedDaysAgo === null ? null : daysBefore(usedDaysAgo),
    lastUsedRegion: usedDaysAgo === null ? null : "eu-west-1",
    lastUsedService: usedDaysAgo === null ? null : "s3",
  });
}

type RowOverrides = Partial<Omit<CredentialReportRow, "accessKeys">> & {
  accessKeys?: [CredentialReportAccessKey?, CredentialReportAccessKey?];
};

/** A non-root user with no password and no keys, created 400 days before AS_OF. */
export function userRow(user: string, overrides: RowOverrides = {}): CredentialReportRow {
  const { accessKeys, ...rest } = overrides;
  return {
    user,
    arn: `arn:aws:iam::111122223333:user/${user}`,
    isRoot: false,
    userCreationTime: daysBefore(400),
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    passwordNextRotation: null,
    mfaActive: false,
    accessKeys: [accessKeys?.[0] ?? accessKey(), accessKeys?.[1] ?? accessKey()],
    certificates: [
      { active: false, lastRotated: null },
      { active: false, lastRotated: null },
    ],
    ...rest,
  };
}

/** A console user with MFA who signed in `usedDaysAgo` days before AS_OF. */
export function consoleUserRow(user: string, usedDaysAgo = 1, overrides: RowOverrides = {}): CredentialReportRow {
  return userRow(user, {
    passwordEnabled: true,
    passwordLastUsed: daysBefore(usedDaysAgo),
    passwordLastChanged: daysBefore(300),
    mfaActive: true,
    ...overrides,
  });
}

/** The `<root_account>` row: MFA on, no keys, last signed in 200 days before AS_OF. */
export function rootRow(overrides: RowOverrides = {}): CredentialReportRow {
  return userRow("<root_account>", {
    arn: "arn:aws:iam::111122223333:root",
    isRoot: true,
    userCreationTime: daysBefore(2000),
    passwordEnabled: null,
    passwordLastUsed: daysBefore(200),
    passwordLastChanged: null,
    mfaActive: true,
    ...overrides,
  });
}

// ---------- Password policy, MFA devices, authorization details ----------

/** A policy that satisfies IAM-1–4 with the default parameters. */
export function strongPasswordPolicy(overrides: Partial<PasswordPolicy> = {}): PasswordPolicy {
  return {
    minimumPasswordLength: 14,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
    allowUsersToChangePassword: true,
    expirePasswords: true,
    maxPasswordAge: 180,
    passwordReusePrevention: 24,
    hardExpiry: false,
    ...overrides,
  };
}

export function virtualMfaDevice(userArn: string | null, serialNumber?: string): VirtualMfaDevice {
  return {
    serialNumber: serialNumber ?? `arn:aws:iam::111122223333:mfa/${userArn?.split("/").pop() ?? "unassigned"}`,
    userArn,
    enableDate: daysBefore(100),
  };
}

export function iamUser(name: string, overrides: Partial<IamUser> = {}): IamUser {
  return {
    name,
    arn: `arn:aws:iam::111122223333:user/${name}`,
    path: "/",
    createDate: daysBefore(400),
    groups: [],
    attachedManagedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    tags: {},
    ...overrides,
  };
}

export function iamGroup(name: string, overrides: Partial<IamGroup> = {}): IamGroup {
  return {
    name,
    arn: `arn:aws:iam::111122223333:group/${name}`,
    attachedManagedPolicies: [],
    inlinePolicies: [],
    ...overrides,
  };
}

export function iamRole(name: string, overrides: Partial<IamRole> = {}): IamRole {
  return {
    name,
    arn: `arn:aws:iam::111122223333:role/${name}`,
    path: "/",
    createDate: daysBefore(400),
    assumeRolePolicyDocument: null,
    attachedManagedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    lastUsedDate: null,
    lastUsedRegion: null,
    ...overrides,
  };
}

export function customerPolicyArn(name: string): string {
  return `arn:aws:iam::111122223333:policy/${name}`;
}

/** A customer-managed policy whose default version is `document` (an object, or raw/URL-encoded text). */
export function customerPolicy(
  name: string,
  document: unknown,
  overrides: Partial<CustomerManagedPolicy> = {},
): CustomerManagedPolicy {
  return {
    name,
    arn: customerPolicyArn(name),
    attachmentCount: 0,
    permissionsBoundaryUsageCount: 0,
    isAttachable: true,
    defaultVersionId: "v1",
    defaultVersionDocument: document,
    ...overrides,
  };
}

export function attached(name: string): { name: string; arn: string } {
  return { name, arn: customerPolicyArn(name) };
}

// ---------- Whole evidence ----------

type IamOverrides = Partial<Omit<IamEvidence, "authorization">> & {
  authorization?: Partial<IamEvidence["authorization"]>;
};

/**
 * A well-configured account: root with hardware MFA and no keys, one console user with MFA who is in a
 * group, a strong password policy and a support role. Tests override what they judge.
 */
export function iamEvidence(overrides: IamOverrides = {}): IamEvidence {
  const { authorization, ...rest } = overrides;
  return {
    accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1 },
    accountMfaEnabled: true,
    accountAccessKeysPresent: false,
    credentialReport: { generatedAt: daysBefore(0.1), rows: [rootRow(), consoleUserRow("alice")] },
    passwordPolicy: strongPasswordPolicy(),
    virtualMfaDevices: [virtualMfaDevice("arn:aws:iam::111122223333:user/alice")],
    rootHasVirtualMfa: false,
    accountAliases: ["acme-prod"],
    supportAccessRoles: ["aws-support"],
    ...rest,
    authorization: {
      users: [iamUser("alice", { groups: ["admins"] })],
      groups: [iamGroup("admins")],
      roles: [iamRole("aws-support")],
      customerManagedPolicies: [],
      ...authorization,
    },
  };
}

/** Replaces the credential report rows, keeping the rest of `iamEvidence(overrides)`. */
export function withRows(rows: CredentialReportRow[], overrides: IamOverrides = {}): IamEvidence {
  return iamEvidence({ ...overrides, credentialReport: { generatedAt: daysBefore(0.1), rows } });
}

export function securityContact(overrides: Partial<AlternateContactEvidence> = {}): AlternateContactEvidence {
  return {
    name: "Security Team",
    title: "CISO",
    emailAddress: "security@acme.com",
    phoneNumber: "+34 600 000 000",
    ...overrides,
  };
}

/** A context whose Account evidence (global) holds `contact` (null = no SECURITY contact). */
export function accountContext(
  contact: AlternateContactEvidence | null,
  options: Omit<ContextOptions, "evidence"> = {},
): AccountContext {
  const evidence: AccountEvidence = { securityContact: contact };
  return buildContext({ ...options, evidence: new FakeEvidence().collected("account", GLOBAL_SCOPE_LABEL, evidence) });
}
