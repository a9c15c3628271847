import { isoDay } from "../../dates";
import {
  type CredentialReportAccessKey,
  type CredentialReportRow,
  type CustomerManagedPolicy,
  decodePolicyDocument,
  GLOBAL_SCOPE_LABEL,
  type IamEvidence,
  type PasswordPolicy,
  SUPPORT_ACCESS_POLICY_ARN,
} from "../../evidence/contract";
import {
  ageInDays,
  fail,
  isWithinDays,
  listForReason,
  missingEvidence,
  notApplicable,
  parseEvidenceDate,
  pass,
} from "../outcome";
import type { AccountContext, ControlOutcome, ControlRule, Offender } from "../types";

// IAM users and access (controls.md §3, SOP 000 §3, 003 §5, 001/002). All from the global IAM evidence.

/** Runs `judge` on the IAM evidence, or returns UNKNOWN when the IAM collector could not read it. */
export function judgeIamEvidence(
  context: AccountContext,
  judge: (iam: IamEvidence, asOf: Date) => ControlOutcome,
): ControlOutcome {
  const slot = context.evidence.get("iam", GLOBAL_SCOPE_LABEL);
  if (slot.state !== "COLLECTED") return missingEvidence(slot, "iam", GLOBAL_SCOPE_LABEL)!;
  return judge(slot.data, slot.asOf);
}

/** "1 user", "3 users" */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** How a credential-report key is named in reasons and offenders: the report has no key id. */
export function accessKeyName(user: string, index: number): string {
  return `${user} access key ${index + 1}`;
}

/** The credential report names root `<root_account>`; the collector also flags it. */
export function isRootRow(row: CredentialReportRow): boolean {
  return row.isRoot || row.user === "<root_account>";
}

function nonRootRows(iam: IamEvidence): CredentialReportRow[] {
  return iam.credentialReport.rows.filter((row) => !isRootRow(row));
}

function activeKeys(row: CredentialReportRow): { key: CredentialReportAccessKey; name: string }[] {
  return row.accessKeys.flatMap((key, index) =>
    key.active === true ? [{ key, name: accessKeyName(row.user, index) }] : [],
  );
}

// ---------- IAM-1–4: password policy ----------

const NO_PASSWORD_POLICY = "No account password policy is set (AWS default policy: 8 characters, no expiry)";

/** IAM-1–4 share this: no policy fails all four; otherwise `problem` returns what is wrong, or null. */
function judgePasswordPolicy(
  context: AccountContext,
  fix: string,
  problem: (policy: PasswordPolicy) => string | null,
  passReason: (policy: PasswordPolicy) => string,
): ControlOutcome {
  return judgeIamEvidence(context, (iam) => {
    const offender = (detail: string): Offender => ({
      kind: "password-policy",
      id: context.account.accountNumber,
      detail,
    });
    if (!iam.passwordPolicy) {
      return fail(`${NO_PASSWORD_POLICY}; ${fix}.`, [
        offender("no password policy: AWS default of 8 characters, no expiry"),
      ]);
    }
    const found = problem(iam.passwordPolicy);
    if (found === null) return pass(passReason(iam.passwordPolicy));
    return fail(`The password policy ${found}; ${fix}.`, [offender(found)]);
  });
}

const minimumPasswordLength: ControlRule = (context) => {
  const minimum = context.params.minimumPasswordLength;
  return judgePasswordPolicy(
    context,
    `set the minimum password length to ${minimum} or more`,
    (policy) => {
      if (policy.minimumPasswordLength === null) return "sets no minimum length";
      return policy.minimumPasswordLength >= minimum ? null : `minimum length is ${policy.minimumPasswordLength}`;
    },
    (policy) => `The password policy requires at least ${policy.minimumPasswordLength} characters (${minimum} needed).`,
  );
};

const CHARACTER_CLASSES: { flag: keyof PasswordPolicy; label: string }[] = [
  { flag: "requireUppercaseCharacters", label: "uppercase letters" },
  { flag: "requireLowercaseCharacters", label: "lowercase letters" },
  { flag: "requireNumbers", label: "numbers" },
  { flag: "requireSymbols", label: "symbols" },
];

const passwordComplexity: ControlRule = (context) =>
  judgePasswordPolicy(
    context,
    "require uppercase letters, lowercase letters, numbers and symbols",
    (policy) => {
      const missing = CHARACTER_CLASSES.filter(({ flag }) => policy[flag] !== true).map(({ label }) => label);
      return missing.length === 0 ? null : `does not require ${listForReason(missing)}`;
    },
    () => "The password policy requires uppercase letters, lowercase letters, numbers and symbols.",
  );

const passwordExpiry: ControlRule = (context) => {
  const maximum = context.params.maxPasswordAgeDays;
  return judgePasswordPolicy(
    context,
    `make passwords expire within ${maximum} days`,
    (policy) => {
      if (!policy.expirePasswords || policy.maxPasswordAge === null) return "does not make passwords expire";
      return policy.maxPasswordAge <= maximum ? null : `lets passwords live ${policy.maxPasswordAge} days`;
    },
    (policy) => `Passwords expire after ${policy.maxPasswordAge} days (${maximum} allowed).`,
  );
};

const passwordReuse: ControlRule = (context) => {
  const minimum = context.params.passwordReusePrevention;
  return judgePasswordPolicy(
    context,
    `prevent reuse of the last ${minimum} passwords`,
    (policy) => {
      if (policy.passwordReusePrevention === null) return "does not prevent password reuse";
      return policy.passwordReusePrevention >= minimum
        ? null
        : `prevents reuse of only the last ${policy.passwordReusePrevention} passwords`;
    },
    (policy) => `The password policy prevents reuse of the last ${policy.passwordReusePrevention} passwords.`,
  );
};

// ---------- IAM-5: MFA for console users ----------

const consoleUsersHaveMfa: ControlRule = (context) =>
  judgeIamEvidence(context, (iam) => {
    const consoleUsers = nonRootRows(iam).filter((row) => row.passwordEnabled === true);
    if (consoleUsers.length === 0) return notApplicable("No IAM user has a console password.");
    const withoutMfa = consoleUsers.filter((row) => row.mfaActive !== true).map((row) => row.user);
    if (withoutMfa.length === 0) {
      return pass(`All ${countOf(consoleUsers.length, "console user")} have MFA.`);
    }
    const verb = withoutMfa.length === 1 ? "has" : "have";
    return fail(
      `${countOf(withoutMfa.length, "user")} ${verb} a console password without MFA: ${listForReason(withoutMfa)}. Assign an MFA device or remove the password.`,
      withoutMfa.map((user) => ({ kind: "user", id: user, detail: "console password without MFA" })),
    );
  });

// ---------- IAM-6: unused credentials ----------

const unusedCredentials: ControlRule = (context) =>
  judgeIamEvidence(context, (iam, asOf) => {
    const days = context.params.unusedCredentialDays;
    let credentialCount = 0;
    const offenders: Offender[] = [];
    const names: string[] = [];

    /** `lastUsed`, or when never used `fallback`, must be within the window (controls.md IAM-6). */
    const judge = (
      offender: Omit<Offender, "detail">,
      label: string,
      lastUsed: string | null,
      fallback: string | null,
    ) => {
      credentialCount += 1;
      const usedAt = parseEvidenceDate(lastUsed);
      const since = usedAt ?? parseEvidenceDate(fallback);
      if (since && isWithinDays(since, asOf, days)) return;
      const when = since
        ? `${usedAt ? "last used" : "never used, set"} ${isoDay(since)} (${ageInDays(since, asOf)} days ago)`
        : "never used, and no date to measure from";
      names.push(label);
      offenders.push({ ...offender, detail: offender.kind === "user" ? `console password ${when}` : when });
    };

    for (const row of nonRootRows(iam)) {
      if (row.passwordEnabled === true) {
        const setAt = parseEvidenceDate(row.passwordLastChanged) ? row.passwordLastChanged : row.userCreationTime;
        judge({ kind: "user", id: row.user }, `${row.user}'s console password`, row.passwordLastUsed, setAt);
      }
      for (const { key, name } of activeKeys(row)) {
        judge({ kind: "access-key", id: name }, name, key.lastUsedDate, key.lastRotated);
      }
    }

    if (credentialCount === 0) return notApplicable("No IAM user has a console password or an active access key.");
    if (offenders.length === 0) {
      return pass(`All ${countOf(credentialCount, "credential")} were used within the last ${days} days.`);
    }
    return fail(
      `${countOf(offenders.length, "credential")} unused for ${days} days or more: ${listForReason(names)}. Remove the passwords and deactivate the keys that are not needed.`,
      offenders,
    );
  });

// ---------- IAM-7: access key rotation ----------

/** SOP: an active key older than a year is critical (controls.md IAM-7); not a parameter. */
const OVER_A_YEAR_DAYS = 365;

const accessKeysRotated: ControlRule = (context) =>
  judgeIamEvidence(context, (iam, asOf) => {
    const days = context.params.accessKeyMaxAgeDays;
    const keys = nonRootRows(iam).flatMap(activeKeys);
    if (keys.length === 0) return notApplicable("No IAM user has an active access key.");

    const offenders: Offender[] = [];
    const overAYear: string[] = [];
    for (const { key, name } of keys) {
      const rotatedAt = parseEvidenceDate(key.lastRotated);
      if (rotatedAt && isWithinDays(rotatedAt, asOf, days)) continue;
      if (!rotatedAt) {
        offenders.push({ kind: "access-key", id: name, detail: "no rotation date in the credential report" });
        continue;
      }
      const age = `last rotated ${isoDay(rotatedAt)} (${ageInDays(rotatedAt, asOf)} days ago)`;
      if (isWithinDays(rotatedAt, asOf, OVER_A_YEAR_DAYS)) {
        offenders.push({ kind: "access-key", id: name, detail: age });
      } else {
        overAYear.push(name);
        offenders.push({ kind: "access-key", id: name, detail: `over a year old: ${age}` });
      }
    }

    if (offenders.length === 0) {
      return pass(`All ${countOf(keys.length, "active access key")} were rotated within the last ${days} days.`);
    }
    const names = offenders.map((offender) => offender.id);
    const yearNote =
      overAYear.length === 0
        ? ""
        : ` ${overAYear.length === 1 ? "One is" : `${overAYear.length} are`} over a year old: ${listForReason(overAYear)}.`;
    return fail(
      `${countOf(offenders.length, "active access key")} not rotated within ${days} days: ${listForReason(names)}.${yearNote} Rotate or deactivate them.`,
      offenders,
    );
  });

// ---------- IAM-8: two active keys ----------

const singleActiveKey: ControlRule = (context) =>
  judgeIamEvidence(context, (iam) => {
    const users = nonRootRows(iam);
    if (users.length === 0) return notApplicable("The account has no IAM user.");
    const withTwo = users.filter((row) => activeKeys(row).length === 2).map((row) => row.user);
    if (withTwo.length === 0) return pass("No IAM user has two active access keys.");
    const verb = withTwo.length === 1 ? "has" : "have";
    return fail(
      `${countOf(withTwo.length, "user")} ${verb} two active access keys: ${listForReason(withTwo)}. Deactivate the key that is not in use.`,
      withTwo.map((user) => ({ kind: "user", id: user, detail: "access keys 1 and 2 both active" })),
    );
  });

// ---------- IAM-9: permissions through groups ----------

const permissionsThroughGroups: ControlRule = (context) =>
  judgeIamEvidence(context, (iam) => {
    const users = iam.authorization.users;
    if (users.length === 0) return notApplicable("The account has no IAM user.");
    const offenders: Offender[] = users.flatMap((user) => {
      const parts: string[] = [];
      if (user.attachedManagedPolicies.length > 0) {
        parts.push(`attached: ${user.attachedManagedPolicies.map((policy) => policy.name).join(", ")}`);
      }
      if (user.inlinePolicies.length > 0) {
        parts.push(`inline: ${user.inlinePolicies.map((policy) => policy.name).join(", ")}`);
      }
      return parts.length === 0 ? [] : [{ kind: "user", id: user.name, detail: parts.join("; ") }];
    });
    if (offenders.length === 0) return pass(`No IAM user has a policy of its own (${countOf(users.length, "user")}).`);
    const names = offenders.map((offender) => offender.id);
    const verb = names.length === 1 ? "has" : "have";
    return fail(
      `${countOf(names.length, "user")} ${verb} policies attached directly: ${listForReason(names)}. Grant these permissions through groups instead.`,
      offenders,
    );
  });

// ---------- IAM-10: no full-admin customer-managed policy ----------

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The statements that Allow Action "*" on Resource "*" (CIS 1.16); null when the document cannot be read. */
export function fullAdminStatements(document: unknown): unknown[] | null {
  // Evidence normally holds the decoded document; text (raw or URL-encoded JSON) is decoded here too.
  const parsed = typeof document === "string" ? decodePolicyDocument(document) : document;
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const statements = asList((parsed as { Statement?: unknown }).Statement);
  return statements.filter((statement) => {
    if (statement === null || typeof statement !== "object") return false;
    const { Effect, Action, Resource } = statement as { Effect?: unknown; Action?: unknown; Resource?: unknown };
    return Effect === "Allow" && asList(Action).includes("*") && asList(Resource).includes("*");
  });
}

/**
 * The policy's name; AWS may omit it, and then the ARN carries it as its last path segment
 * (arn:aws:iam::123456789012:policy/team/name → name), so a FAIL always names what to fix (issue 12 item 4).
 */
export function policyNameOf(policy: { name?: string | null; arn: string }): string {
  if (policy.name) return policy.name;
  const resource = policy.arn.split(":").slice(5).join(":");
  return resource.split("/").filter(Boolean).at(-1) ?? policy.arn;
}

/** Where each customer-managed policy is attached ("user alice", "role Admin"); boundaries are not attachments. */
function policyAttachments(iam: IamEvidence): Map<string, string[]> {
  const attachments = new Map<string, string[]>();
  const note = (arn: string, entity: string) => attachments.set(arn, [...(attachments.get(arn) ?? []), entity]);
  const { users, groups, roles } = iam.authorization;
  for (const user of users) for (const policy of user.attachedManagedPolicies) note(policy.arn, `user ${user.name}`);
  for (const group of groups)
    for (const policy of group.attachedManagedPolicies) note(policy.arn, `group ${group.name}`);
  for (const role of roles) for (const policy of role.attachedManagedPolicies) note(policy.arn, `role ${role.name}`);
  return attachments;
}

const noFullAdminPolicy: ControlRule = (context) =>
  judgeIamEvidence(context, (iam) => {
    const policies = iam.authorization.customerManagedPolicies;
    if (policies.length === 0) return notApplicable("The account has no customer-managed policy.");
    const attachments = policyAttachments(iam);
    const attachedPolicies = policies.filter(
      (policy) => policy.attachmentCount > 0 || (attachments.get(policy.arn)?.length ?? 0) > 0,
    );
    if (attachedPolicies.length === 0) {
      return notApplicable("No customer-managed policy is attached to a user, group or role.");
    }

    const attachedTo = (policy: CustomerManagedPolicy) => {
      const entities = attachments.get(policy.arn) ?? [];
      return entities.length > 0
        ? `attached to ${entities.join(", ")}`
        : `attached to ${policy.attachmentCount} entities`;
    };
    const version = (policy: CustomerManagedPolicy) => `default version ${policy.defaultVersionId ?? "(unknown)"}`;
    const admin: Offender[] = [];
    const unreadable: Offender[] = [];
    for (const policy of attachedPolicies) {
      const statements = fullAdminStatements(policy.defaultVersionDocument);
      if (statements === null) {
        unreadable.push({
          kind: "policy",
          id: policyNameOf(policy),
          detail: `${version(policy)} could not be read; ${attachedTo(policy)}`,
        });
      } else if (statements.length > 0) {
        admin.push({
          kind: "policy",
          id: policyNameOf(policy),
          detail: `${version(policy)} allows Action "*" on Resource "*"; ${attachedTo(policy)}`,
        });
      }
    }

    const policyCount = (count: number) => countOf(count, "customer-managed policy", "customer-managed policies");
    if (admin.length > 0) {
      const names = admin.map((offender) => offender.id);
      return fail(
        `${policyCount(admin.length)} ${admin.length === 1 ? "grants" : "grant"} full "*:*" admin: ${listForReason(names)}. Limit them to the actions and resources needed.`,
        admin,
      );
    }
    if (unreadable.length > 0) {
      // The document was collected but cannot be judged: a gap, not a pass.
      const names = unreadable.map((offender) => offender.id);
      return {
        status: "UNKNOWN",
        reason: `Evidence missing: the default version of ${listForReason(names)} could not be read as a policy document.`,
        offenders: unreadable,
      };
    }
    return pass(
      `None of the ${policyCount(attachedPolicies.length)} attached to users, groups or roles grants full "*:*" admin.`,
    );
  });

// ---------- IAM-11: support role ----------

const supportRoleExists: ControlRule = (context) =>
  judgeIamEvidence(context, (iam) => {
    const roles = iam.supportAccessRoles;
    if (roles.length > 0) {
      return pass(`AWSSupportAccess is attached to ${roles.length === 1 ? "role" : "roles"} ${listForReason(roles)}.`);
    }
    return fail(
      "No role has AWSSupportAccess attached; create a support role for incident handling with AWS Support.",
      [{ kind: "policy", id: SUPPORT_ACCESS_POLICY_ARN, detail: "not attached to any role" }],
    );
  });

// ---------- IAM-12: quarterly access review ----------

const accessReviewCurrent: ControlRule = (context) => {
  const days = context.params.accessReviewMaxAgeDays;
  const signedOffAt = context.records.lastAccessReviewSignOffAt;
  const offender = (detail: string): Offender => ({ kind: "account", id: context.account.accountNumber, detail });
  if (!signedOffAt) {
    return fail(`No access review signed off yet; review the account's users and permissions and sign it off.`, [
      offender("no access review signed off yet"),
    ]);
  }
  const age = ageInDays(signedOffAt, context.evaluatedAt);
  const when = `${isoDay(signedOffAt)} (${age} days ago)`;
  if (isWithinDays(signedOffAt, context.evaluatedAt, days)) {
    return pass(`The last access review was signed off on ${when}, within ${days} days.`);
  }
  return fail(
    `The last access review was signed off on ${when}, ${days} days or more ago; review users and permissions again and sign it off.`,
    [offender(`last access review signed off ${when}`)],
  );
};

export const IAM_RULES: Record<string, ControlRule> = {
  "IAM-1": minimumPasswordLength,
  "IAM-2": passwordComplexity,
  "IAM-3": passwordExpiry,
  "IAM-4": passwordReuse,
  "IAM-5": consoleUsersHaveMfa,
  "IAM-6": unusedCredentials,
  "IAM-7": accessKeysRotated,
  "IAM-8": singleActiveKey,
  "IAM-9": permissionsThroughGroups,
  "IAM-10": noFullAdminPolicy,
  "IAM-11": supportRoleExists,
  "IAM-12": accessReviewCurrent,
};
