import { DAY_MS } from "../dates";
import { lastActivityAt, type UserSnapshot } from "./snapshot";

// Risk flags of one IAM user in an access review, computed from its frozen snapshot against the
// snapshot's own time (asOf), so the same snapshot always gives the same flags. They mirror the IAM
// controls (controls.md §3: IAM-5 MFA, IAM-7 rotation, IAM-8 one key, IAM-9 permissions through groups);
// inactivity uses the review's 90 days (SOP 000 §3), not IAM-6's 45.

export const RISK_FLAGS = [
  "NO_MFA_CONSOLE",
  "ADMIN_EQUIVALENT",
  "KEY_OLDER_THAN_1_YEAR",
  "KEY_OLDER_THAN_90_DAYS",
  "TWO_ACTIVE_KEYS",
  "INACTIVE_90_DAYS",
  "NEVER_USED",
  "DIRECT_POLICIES",
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

export const RISK_FLAG_INFO: Record<RiskFlag, { label: string; description: string; severity: "high" | "medium" }> = {
  NO_MFA_CONSOLE: {
    label: "No MFA",
    description: "Signs in to the console without MFA (IAM-5).",
    severity: "high",
  },
  ADMIN_EQUIVALENT: {
    label: "Admin-equivalent",
    description: "Holds administrator rights, or can grant them to itself.",
    severity: "high",
  },
  KEY_OLDER_THAN_1_YEAR: {
    label: "Key older than 1 year",
    description: "An active access key was created or rotated more than 365 days ago (IAM-7).",
    severity: "high",
  },
  KEY_OLDER_THAN_90_DAYS: {
    label: "Key older than 90 days",
    description: "An active access key was created or rotated more than 90 days ago (IAM-7).",
    severity: "medium",
  },
  TWO_ACTIVE_KEYS: {
    label: "Two active keys",
    description: "Both access keys are active (IAM-8).",
    severity: "medium",
  },
  INACTIVE_90_DAYS: {
    label: "Inactive 90+ days",
    description: "No console sign-in and no access-key use for 90 days or more.",
    severity: "medium",
  },
  NEVER_USED: {
    label: "Never used",
    description: "Has never signed in or used an access key.",
    severity: "medium",
  },
  DIRECT_POLICIES: {
    label: "Policies attached directly",
    description: "Has managed or inline policies on the user instead of through groups (IAM-9).",
    severity: "medium",
  },
};

export const INACTIVE_DAYS = 90;
export const KEY_AGE_DAYS = 90;
export const KEY_AGE_LONG_DAYS = 365;
/** A user created this recently has not had the chance to be used: NEVER_USED waits for it. */
export const NEW_USER_GRACE_DAYS = 7;

function daysBetween(from: string | Date, to: Date): number | null {
  const date = typeof from === "string" ? new Date(from) : from;
  if (Number.isNaN(date.getTime())) return null;
  return (to.getTime() - date.getTime()) / DAY_MS;
}

/** The flags of one user, most serious first (the order of RISK_FLAGS). */
export function computeRiskFlags(snapshot: UserSnapshot): RiskFlag[] {
  const asOf = new Date(snapshot.asOf);
  const flags = new Set<RiskFlag>();

  if (snapshot.consoleAccess === true && snapshot.mfaActive === false) flags.add("NO_MFA_CONSOLE");
  if (snapshot.adminEquivalent) flags.add("ADMIN_EQUIVALENT");

  const activeKeys = snapshot.accessKeys.filter((key) => key.active);
  for (const key of activeKeys) {
    const age = key.lastRotatedAt ? daysBetween(key.lastRotatedAt, asOf) : null;
    if (age === null) continue;
    if (age > KEY_AGE_LONG_DAYS) flags.add("KEY_OLDER_THAN_1_YEAR");
    else if (age > KEY_AGE_DAYS) flags.add("KEY_OLDER_THAN_90_DAYS");
  }
  // One flag per age band: a 1-year-old key is not also listed as "older than 90 days".
  if (flags.has("KEY_OLDER_THAN_1_YEAR")) flags.delete("KEY_OLDER_THAN_90_DAYS");
  if (activeKeys.length >= 2) flags.add("TWO_ACTIVE_KEYS");

  // Root should sit unused (ROOT-3, CIS 1.7): its inactivity is the goal, not a risk.
  if (!snapshot.isRoot && (snapshot.inCredentialReport || snapshot.accessKeys.length > 0)) {
    const last = lastActivityAt(snapshot);
    if (last) {
      const idle = daysBetween(last, asOf);
      if (idle !== null && idle >= INACTIVE_DAYS) flags.add("INACTIVE_90_DAYS");
    } else {
      const age = snapshot.createdAt ? daysBetween(snapshot.createdAt, asOf) : null;
      if (age === null || age >= NEW_USER_GRACE_DAYS) flags.add("NEVER_USED");
    }
  }

  if (!snapshot.isRoot && (snapshot.attachedPolicies.length > 0 || snapshot.inlinePolicies.length > 0)) {
    flags.add("DIRECT_POLICIES");
  }
  return RISK_FLAGS.filter((flag) => flags.has(flag));
}

/** A user with any flag is risky: deciding on it needs a justification. */
export function isRisky(flags: readonly string[]): boolean {
  return flags.length > 0;
}

/** Sort key: high-severity flags first, then the number of flags. Higher = shown earlier. */
export function riskWeight(flags: readonly string[]): number {
  return flags.reduce((sum, flag) => {
    const info = RISK_FLAG_INFO[flag as RiskFlag];
    return sum + (info ? (info.severity === "high" ? 10 : 1) : 0);
  }, 0);
}
