import { fullAdminStatements, isRootRow } from "../controls/rules/iam";
import { DAY_MS } from "../dates";
import type { AttachedManagedPolicy, CredentialReportRow, IamEvidence, IamUser, InlinePolicy } from "../evidence/iam";

// The frozen copy of one IAM user (or the root user) that a review item carries: everything a reviewer
// needs to decide KEEP / REVOKE / MODIFY, taken from one account's IAM evidence (credential report rows
// joined with GetAccountAuthorizationDetails by ARN, then by name). Pure: no I/O, no clock.

export const SNAPSHOT_VERSION = 1;

export interface AccessKeySnapshot {
  /** 1 or 2, as in the credential report (the report carries no key id). */
  slot: 1 | 2;
  active: boolean;
  /** When the key was created or last rotated (its age runs from here). */
  lastRotatedAt: string | null;
  /** Whole days from lastRotatedAt to the snapshot's asOf; null when the date is unknown. */
  ageDays: number | null;
  lastUsedAt: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

export interface GroupGrant {
  group: string;
  attachedPolicies: AttachedManagedPolicy[];
  inlinePolicies: string[];
}

export interface UserSnapshot {
  version: typeof SNAPSHOT_VERSION;
  userName: string;
  userArn: string;
  isRoot: boolean;
  /** When the evidence was last confirmed by a sync; flags and ages are computed against it. */
  asOf: string;
  createdAt: string | null;
  /** null = unknown (the credential report did not list the user yet, or root's "not_supported"). */
  consoleAccess: boolean | null;
  lastSignInAt: string | null;
  passwordLastChangedAt: string | null;
  mfaActive: boolean | null;
  /** Keys that exist (active, or inactive but created once); slots never used for a key are left out. */
  accessKeys: AccessKeySnapshot[];
  groups: string[];
  /** Managed policies attached to the user itself (not through a group). */
  attachedPolicies: AttachedManagedPolicy[];
  /** Inline policies on the user itself. */
  inlinePolicies: string[];
  /** What the user's groups grant. */
  groupGrants: GroupGrant[];
  permissionsBoundaryArn: string | null;
  /** Full administrator, or able to make itself one (see ADMIN_EQUIVALENT_POLICY_ARNS). */
  adminEquivalent: boolean;
  /** Why, e.g. "AdministratorAccess attached", "group admins: inline policy ops allows *:*". */
  adminVia: string[];
  /** The user is in the credential report / in the authorization details (either may lag the other). */
  inCredentialReport: boolean;
  inAuthorizationDetails: boolean;
}

/**
 * AWS-managed policies that grant admin or let the holder grant itself admin. Authorization details
 * skip AWS-managed policy documents (lib/aws/iam.ts), so these are recognised by ARN.
 */
export const ADMIN_EQUIVALENT_POLICY_ARNS: Record<string, string> = {
  "arn:aws:iam::aws:policy/AdministratorAccess": "AdministratorAccess",
  // iam:* lets the holder attach AdministratorAccess to itself (privilege escalation).
  "arn:aws:iam::aws:policy/IAMFullAccess": "IAMFullAccess",
};

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Statements that Allow "iam:*" on "*": as good as admin (the holder can grant itself anything). */
function iamWildcardStatements(document: unknown): unknown[] {
  if (document === null || typeof document !== "object" || Array.isArray(document)) return [];
  return asList((document as { Statement?: unknown }).Statement).filter((statement) => {
    if (statement === null || typeof statement !== "object") return false;
    const { Effect, Action, Resource } = statement as { Effect?: unknown; Action?: unknown; Resource?: unknown };
    return (
      Effect === "Allow" &&
      asList(Action).some((action) => typeof action === "string" && action.toLowerCase() === "iam:*") &&
      asList(Resource).includes("*")
    );
  });
}

/** "*:*" or "iam:*" on "*" in a policy document; null when the document cannot be read. */
export function adminGrantOf(document: unknown): "*:*" | "iam:*" | null {
  const full = fullAdminStatements(document);
  if (full && full.length > 0) return "*:*";
  return iamWildcardStatements(document).length > 0 ? "iam:*" : null;
}

function adminReasons(
  iam: IamEvidence,
  attached: AttachedManagedPolicy[],
  inline: InlinePolicy[],
  prefix: string,
): string[] {
  const customerPolicies = new Map(iam.authorization.customerManagedPolicies.map((policy) => [policy.arn, policy]));
  const reasons: string[] = [];
  for (const policy of attached) {
    const awsManaged = ADMIN_EQUIVALENT_POLICY_ARNS[policy.arn];
    if (awsManaged) {
      reasons.push(`${prefix}${awsManaged} attached`);
      continue;
    }
    const grant = adminGrantOf(customerPolicies.get(policy.arn)?.defaultVersionDocument ?? null);
    if (grant) reasons.push(`${prefix}policy ${policy.name} allows ${grant}`);
  }
  for (const policy of inline) {
    const grant = adminGrantOf(policy.document);
    if (grant) reasons.push(`${prefix}inline policy ${policy.name} allows ${grant}`);
  }
  return reasons;
}

function ageInDays(from: string | null, asOf: Date): number | null {
  if (!from) return null;
  const time = Date.parse(from);
  return Number.isNaN(time) ? null : Math.floor((asOf.getTime() - time) / DAY_MS);
}

function keySnapshots(row: CredentialReportRow | undefined, asOf: Date): AccessKeySnapshot[] {
  if (!row) return [];
  return row.accessKeys.flatMap((key, index) => {
    // A slot never used for a key reads active=false with no rotation date.
    if (key.active !== true && !key.lastRotated) return [];
    return [
      {
        slot: (index + 1) as 1 | 2,
        active: key.active === true,
        lastRotatedAt: key.lastRotated,
        ageDays: ageInDays(key.lastRotated, asOf),
        lastUsedAt: key.lastUsedDate,
        lastUsedService: key.lastUsedService,
        lastUsedRegion: key.lastUsedRegion,
      },
    ];
  });
}

/** The root user's ARN as IAM reports it ("arn:aws:iam::<account>:root"). */
function rootArn(row: CredentialReportRow | undefined, accountNumber: string): string {
  return row?.arn || `arn:aws:iam::${accountNumber}:root`;
}

/**
 * One snapshot per IAM user and one for the root user, root first, then by user name. A user the
 * credential report does not list yet (it can be up to 4 h old) is still included from the
 * authorization details, with its credential fields unknown.
 */
export function buildUserSnapshots(iam: IamEvidence, options: { accountNumber: string; asOf: Date }): UserSnapshot[] {
  const asOf = options.asOf.toISOString();
  const rows = iam.credentialReport.rows;
  const rootRow = rows.find(isRootRow);
  const userRows = rows.filter((row) => !isRootRow(row));
  const details = iam.authorization.users;
  const groups = new Map(iam.authorization.groups.map((group) => [group.name, group]));

  const rowFor = (user: IamUser) =>
    userRows.find((row) => row.arn && row.arn === user.arn) ?? userRows.find((row) => row.user === user.name);
  const matchedRows = new Set<CredentialReportRow>();

  const fromUser = (user: IamUser | undefined, row: CredentialReportRow | undefined): UserSnapshot => {
    const groupGrants: GroupGrant[] = (user?.groups ?? []).map((name) => {
      const group = groups.get(name);
      return {
        group: name,
        attachedPolicies: group?.attachedManagedPolicies ?? [],
        inlinePolicies: (group?.inlinePolicies ?? []).map((policy) => policy.name),
      };
    });
    const adminVia = user
      ? [
          ...adminReasons(iam, user.attachedManagedPolicies, user.inlinePolicies, ""),
          ...user.groups.flatMap((name) => {
            const group = groups.get(name);
            return group
              ? adminReasons(iam, group.attachedManagedPolicies, group.inlinePolicies, `group ${group.name}: `)
              : [];
          }),
        ]
      : [];
    return {
      version: SNAPSHOT_VERSION,
      userName: user?.name ?? row?.user ?? "",
      userArn: user?.arn || row?.arn || "",
      isRoot: false,
      asOf,
      createdAt: user?.createDate ?? row?.userCreationTime ?? null,
      consoleAccess: row ? row.passwordEnabled : null,
      lastSignInAt: row?.passwordLastUsed ?? null,
      passwordLastChangedAt: row?.passwordLastChanged ?? null,
      mfaActive: row ? row.mfaActive : null,
      accessKeys: keySnapshots(row, options.asOf),
      groups: user?.groups ?? [],
      attachedPolicies: user?.attachedManagedPolicies ?? [],
      inlinePolicies: (user?.inlinePolicies ?? []).map((policy) => policy.name),
      groupGrants,
      permissionsBoundaryArn: user?.permissionsBoundaryArn ?? null,
      adminEquivalent: adminVia.length > 0,
      adminVia,
      inCredentialReport: row !== undefined,
      inAuthorizationDetails: user !== undefined,
    };
  };

  const users: UserSnapshot[] = details.map((user) => {
    const row = rowFor(user);
    if (row) matchedRows.add(row);
    return fromUser(user, row);
  });
  for (const row of userRows) if (!matchedRows.has(row)) users.push(fromUser(undefined, row));
  users.sort((a, b) => a.userName.localeCompare(b.userName));

  const root: UserSnapshot = {
    version: SNAPSHOT_VERSION,
    userName: "<root_account>",
    userArn: rootArn(rootRow, options.accountNumber),
    isRoot: true,
    asOf,
    createdAt: rootRow?.userCreationTime ?? null,
    // Root always has a password (the report says "not_supported"); it signs in to the console.
    consoleAccess: true,
    lastSignInAt: rootRow?.passwordLastUsed ?? null,
    passwordLastChangedAt: rootRow?.passwordLastChanged ?? null,
    mfaActive: rootRow ? rootRow.mfaActive : iam.accountMfaEnabled,
    accessKeys: keySnapshots(rootRow, options.asOf),
    groups: [],
    attachedPolicies: [],
    inlinePolicies: [],
    groupGrants: [],
    permissionsBoundaryArn: null,
    adminEquivalent: true,
    adminVia: ["root user: unrestricted access to the account"],
    inCredentialReport: rootRow !== undefined,
    inAuthorizationDetails: false,
  };
  return [root, ...users];
}

/** The most recent use of any credential (console sign-in or access key); null = never used. */
export function lastActivityAt(snapshot: UserSnapshot): Date | null {
  const dates = [snapshot.lastSignInAt, ...snapshot.accessKeys.map((key) => key.lastUsedAt)]
    .filter((value): value is string => Boolean(value))
    .map((value) => new Date(value))
    .filter((date) => !Number.isNaN(date.getTime()));
  if (dates.length === 0) return null;
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

/** What a user can do and how it signs in, for comparing a later evidence with the snapshot (MODIFY). */
export function accessFingerprint(snapshot: UserSnapshot): string {
  return JSON.stringify({
    consoleAccess: snapshot.consoleAccess,
    activeKeys: snapshot.accessKeys.filter((key) => key.active).map((key) => `${key.slot}:${key.lastRotatedAt}`),
    groups: [...snapshot.groups].sort(),
    attached: snapshot.attachedPolicies.map((policy) => policy.arn).sort(),
    inline: [...snapshot.inlinePolicies].sort(),
    boundary: snapshot.permissionsBoundaryArn,
    adminVia: [...snapshot.adminVia].sort(),
  });
}

/** Which of a user's access changed between two snapshots, in words (empty = nothing). */
export function describeAccessChanges(before: UserSnapshot, after: UserSnapshot): string[] {
  const changes: string[] = [];
  const diff = (label: string, a: string[], b: string[]) => {
    const removed = a.filter((value) => !b.includes(value));
    const added = b.filter((value) => !a.includes(value));
    if (removed.length) changes.push(`${label} removed: ${removed.join(", ")}`);
    if (added.length) changes.push(`${label} added: ${added.join(", ")}`);
  };
  if (before.consoleAccess !== after.consoleAccess) {
    changes.push(after.consoleAccess ? "console access enabled" : "console access removed");
  }
  const activeKeys = (snapshot: UserSnapshot) =>
    snapshot.accessKeys.filter((key) => key.active).map((key) => `key ${key.slot} (${key.lastRotatedAt ?? "?"})`);
  diff("active access keys", activeKeys(before), activeKeys(after));
  diff("groups", before.groups, after.groups);
  diff(
    "attached policies",
    before.attachedPolicies.map((policy) => policy.name),
    after.attachedPolicies.map((policy) => policy.name),
  );
  diff("inline policies", before.inlinePolicies, after.inlinePolicies);
  if (before.permissionsBoundaryArn !== after.permissionsBoundaryArn) changes.push("permissions boundary changed");
  if (before.adminEquivalent && !after.adminEquivalent) changes.push("no longer admin-equivalent");
  return changes;
}
