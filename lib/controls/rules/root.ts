import { isoDay } from "../../dates";
import { type CredentialReportRow, GLOBAL_SCOPE_LABEL, type IamEvidence } from "../../evidence/contract";
import { ageInDays, fail, isWithinDays, listForReason, missingEvidence, parseEvidenceDate, pass } from "../outcome";
import type { AccountContext, ControlOutcome, ControlRule, Offender } from "../types";
import { accessKeyName, isRootRow, judgeIamEvidence } from "./iam";

// Root account (controls.md §1; SOP 000 §1, 003 §3, 004 §2–4). ROOT-6 is attested, not evaluated here.

const ROOT_USER = "<root_account>";

/** CIS 1.7: root must not have signed in or used a key in this window (controls.md ROOT-3; not a parameter). */
const ROOT_USE_WINDOW_DAYS = 90;

function rootRow(iam: IamEvidence): CredentialReportRow | undefined {
  return iam.credentialReport.rows.find(isRootRow);
}

/** Collected IAM evidence that still does not say (no summary flag and no `<root_account>` row): a gap. */
function rootEvidenceGap(what: string): ControlOutcome {
  return {
    status: "UNKNOWN",
    reason: `Evidence missing: ${what}.`,
    offenders: [{ kind: "region", id: GLOBAL_SCOPE_LABEL, region: GLOBAL_SCOPE_LABEL, detail: what }],
  };
}

const NO_ROOT_ROW = "the IAM credential report has no row for the root user";

/** ROOT-1's judgement, shared with ROOT-4 (which needs ROOT-1 to pass). */
function judgeRootMfa(iam: IamEvidence): ControlOutcome {
  const noMfa = fail("The root user has no MFA; enable MFA on the root user (a hardware device is preferred).", [
    { kind: "user", id: ROOT_USER, detail: "no MFA device" },
  ]);
  if (iam.accountMfaEnabled !== null) {
    return iam.accountMfaEnabled ? pass("The root user has MFA enabled (AccountMFAEnabled = 1).") : noMfa;
  }
  // Fallback when GetAccountSummary has no AccountMFAEnabled key (controls.md ROOT-1).
  const root = rootRow(iam);
  if (!root || root.mfaActive === null) {
    return rootEvidenceGap(`GetAccountSummary has no AccountMFAEnabled and ${NO_ROOT_ROW} with mfa_active`);
  }
  return root.mfaActive ? pass("The root user has MFA enabled (credential report mfa_active).") : noMfa;
}

const rootMfaEnabled: ControlRule = (context) => judgeIamEvidence(context, (iam) => judgeRootMfa(iam));

const rootHasNoAccessKeys: ControlRule = (context) =>
  judgeIamEvidence(context, (iam) => {
    const root = rootRow(iam);
    // A key exists when it is active or has a rotation date (an inactive key still counts as present).
    const rootKeys = (root?.accessKeys ?? []).flatMap((key, index) => {
      if (key.active !== true && parseEvidenceDate(key.lastRotated) === null) return [];
      return [{ name: `access key ${index + 1}`, index, active: key.active === true }];
    });
    const failure = (keys: typeof rootKeys) => {
      const offenders: Offender[] =
        keys.length > 0
          ? keys.map((key) => ({
              kind: "access-key",
              id: accessKeyName(ROOT_USER, key.index),
              detail: key.active ? "active root access key" : "inactive root access key",
            }))
          : [{ kind: "user", id: ROOT_USER, detail: "GetAccountSummary reports root access keys present" }];
      const named = keys.length > 0 ? ` (${listForReason(keys.map((key) => key.name))})` : "";
      return fail(
        `The root user has access keys${named}; delete them and use IAM users or roles for programmatic access.`,
        offenders,
      );
    };
    if (iam.accountAccessKeysPresent !== null) {
      return iam.accountAccessKeysPresent
        ? failure(rootKeys)
        : pass("The root user has no access keys (AccountAccessKeysPresent = 0).");
    }
    // Fallback when GetAccountSummary has no AccountAccessKeysPresent key: root row has no active key (ROOT-2).
    if (!root) return rootEvidenceGap(`GetAccountSummary has no AccountAccessKeysPresent and ${NO_ROOT_ROW}`);
    const active = rootKeys.filter((key) => key.active);
    return active.length > 0 ? failure(active) : pass("The root user has no active access key (credential report).");
  });

const rootNotUsedDaily: ControlRule = (context) =>
  judgeIamEvidence(context, (iam, asOf) => {
    const root = rootRow(iam);
    if (!root) return rootEvidenceGap(NO_ROOT_ROW);
    const uses: { offender: Offender; summary: string }[] = [];
    const recent = (date: Date | null): date is Date => date !== null && isWithinDays(date, asOf, ROOT_USE_WINDOW_DAYS);
    const dated = (date: Date) => `${isoDay(date)} (${ageInDays(date, asOf)} days ago)`;

    const signedInAt = parseEvidenceDate(root.passwordLastUsed);
    if (recent(signedInAt)) {
      uses.push({
        offender: { kind: "user", id: ROOT_USER, detail: `root console sign-in ${dated(signedInAt)}` },
        summary: `a console sign-in on ${isoDay(signedInAt)}`,
      });
    }
    root.accessKeys.forEach((key, index) => {
      const usedAt = parseEvidenceDate(key.lastUsedDate);
      if (!recent(usedAt)) return;
      const name = accessKeyName(ROOT_USER, index);
      uses.push({
        offender: { kind: "access-key", id: name, detail: `used ${dated(usedAt)}` },
        summary: `access key ${index + 1} used on ${isoDay(usedAt)}`,
      });
    });

    if (uses.length === 0) {
      return pass(`The root user has not signed in or used an access key in the last ${ROOT_USE_WINDOW_DAYS} days.`);
    }
    return fail(
      `The root user was used in the last ${ROOT_USE_WINDOW_DAYS} days (${listForReason(uses.map((use) => use.summary))}); do daily work with IAM users or roles and keep root for the tasks that need it.`,
      uses.map((use) => use.offender),
    );
  });

const rootHasHardwareMfa: ControlRule = (context) =>
  judgeIamEvidence(context, (iam) => {
    const mfa = judgeRootMfa(iam);
    if (mfa.status !== "PASS") return mfa;
    const virtual = iam.virtualMfaDevices.filter((device) => device.userArn?.endsWith(":root") ?? false);
    if (virtual.length === 0) return pass("The root user's MFA is not a virtual device, so it is a hardware device.");
    return fail(
      "The root user's MFA is a virtual device; replace it with a hardware MFA device kept in the vault.",
      virtual.map((device) => ({ kind: "mfa-device", id: device.serialNumber, detail: "virtual MFA device on root" })),
    );
  });

/** "@Corp.com." → "corp.com": admins type domains in many shapes. */
function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^[@.]+/, "")
    .replace(/\.+$/, "");
}

/** The address's domain is one of `domains` or a subdomain of one, compared case-insensitively. */
export function isCorporateAddress(address: string, domains: readonly string[]): boolean {
  const at = address.lastIndexOf("@");
  if (at < 0) return false;
  const domain = normalizeDomain(address.slice(at + 1));
  if (!domain) return false;
  return domains
    .map(normalizeDomain)
    .filter((corporate) => corporate.length > 0)
    .some((corporate) => domain === corporate || domain.endsWith(`.${corporate}`));
}

const securityContactIsCorporate: ControlRule = (context: AccountContext) => {
  const slot = context.evidence.get("account", GLOBAL_SCOPE_LABEL);
  if (slot.state !== "COLLECTED") return missingEvidence(slot, "account", GLOBAL_SCOPE_LABEL)!;
  const contact = slot.data.securityContact;
  if (!contact) {
    return fail("No SECURITY alternate contact is set; add one with a corporate e-mail address.", [
      { kind: "alternate-contact", id: "SECURITY", detail: "not set" },
    ]);
  }
  const domains = context.params.corporateEmailDomains;
  const address = contact.emailAddress?.trim() ?? "";
  if (domains.length === 0) {
    return pass(`A SECURITY alternate contact is set${address ? ` (${address})` : ""}.`);
  }
  if (address && isCorporateAddress(address, domains)) {
    return pass(`The SECURITY alternate contact uses a corporate address (${address}).`);
  }
  const shown = address || "no e-mail address";
  return fail(
    `The SECURITY alternate contact (${shown}) is not in a corporate domain (${listForReason(domains)}); set it to a corporate address.`,
    [{ kind: "alternate-contact", id: "SECURITY", detail: `${shown} is outside ${domains.join(", ")}` }],
  );
};

export const ROOT_RULES: Record<string, ControlRule> = {
  "ROOT-1": rootMfaEnabled,
  "ROOT-2": rootHasNoAccessKeys,
  "ROOT-3": rootNotUsedDaily,
  "ROOT-4": rootHasHardwareMfa,
  "ROOT-5": securityContactIsCorporate,
};
