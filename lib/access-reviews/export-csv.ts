import { stringify } from "csv-stringify/sync";
import { RISK_FLAG_INFO, type RiskFlag } from "./risk-flags";
import type { AccessKeySnapshot, UserSnapshot } from "./snapshot";

// The evidence export of one campaign: one CSV row per reviewed user, with the campaign's scope, snapshot
// time, sign-off and end repeated on each row so any row stands on its own in a spreadsheet or an
// auditor's tool. Cells that a spreadsheet would run as a formula (=, +, -, @ first) are escaped.

export interface ExportableReview {
  period: string;
  status: string;
  customer: { name: string };
  accounts: { alias: string; accountNumber: string }[];
  snapshotAt: Date;
  dueAt: Date;
  createdAt: Date;
  createdBy: string;
  reviewers: { name: string }[];
  signedOffBy: string | null;
  signedOffAt: Date | null;
  endedAt: Date | null;
  endedReason: string | null;
  items: {
    account: string;
    userName: string;
    userArn: string;
    snapshot: UserSnapshot;
    riskFlags: string[];
    decision: string | null;
    modification: string | null;
    justification: string | null;
    decidedBy: string | null;
    decidedAt: Date | null;
    verificationStatus: string | null;
    verifiedAt: Date | null;
  }[];
}

const iso = (value: Date | string | null | undefined): string =>
  value ? (typeof value === "string" ? value : value.toISOString()) : "";

const yesNo = (value: boolean | null): string => (value === null ? "unknown" : value ? "yes" : "no");

function keyColumns(key: AccessKeySnapshot | undefined): string[] {
  if (!key) return ["none", "", "", "", "", ""];
  return [
    key.active ? "active" : "inactive",
    iso(key.lastRotatedAt),
    key.ageDays === null || key.ageDays === undefined ? "" : String(key.ageDays),
    iso(key.lastUsedAt),
    key.lastUsedService ?? "",
    key.lastUsedRegion ?? "",
  ];
}

export const EXPORT_COLUMNS = [
  "customer",
  "period",
  "campaign status",
  "scope (accounts)",
  "snapshot at",
  "due at",
  "started at",
  "started by",
  "reviewers",
  "signed off by",
  "signed off at",
  "ended at",
  "ended reason",
  "account",
  "user",
  "user ARN",
  "root user",
  "created at",
  "console access",
  "last console sign-in",
  "MFA active",
  "key 1 status",
  "key 1 created or rotated",
  "key 1 age (days)",
  "key 1 last used",
  "key 1 last used service",
  "key 1 last used region",
  "key 2 status",
  "key 2 created or rotated",
  "key 2 age (days)",
  "key 2 last used",
  "key 2 last used service",
  "key 2 last used region",
  "groups",
  "attached policies",
  "inline policies",
  "admin-equivalent",
  "admin through",
  "risk flags",
  "decision",
  "modification",
  "justification",
  "decided by",
  "decided at",
  "verification",
  "verified at",
] as const;

export function accessReviewCsv(review: ExportableReview): string {
  const campaign = [
    review.customer.name,
    review.period,
    review.status,
    review.accounts.map((account) => `${account.alias} (${account.accountNumber})`).join("; "),
    iso(review.snapshotAt),
    iso(review.dueAt),
    iso(review.createdAt),
    review.createdBy,
    review.reviewers.map((reviewer) => reviewer.name).join("; "),
    review.signedOffBy ?? "",
    iso(review.signedOffAt),
    iso(review.endedAt),
    review.endedReason ?? "",
  ];
  const rows = review.items.map((item) => {
    const user = item.snapshot;
    const key = (slot: 1 | 2) => user.accessKeys.find((candidate) => candidate.slot === slot);
    return [
      ...campaign,
      item.account,
      item.userName,
      item.userArn,
      user.isRoot ? "yes" : "no",
      iso(user.createdAt),
      yesNo(user.consoleAccess),
      iso(user.lastSignInAt),
      yesNo(user.mfaActive),
      ...keyColumns(key(1)),
      ...keyColumns(key(2)),
      user.groups.join("; "),
      user.attachedPolicies.map((policy) => policy.name).join("; "),
      user.inlinePolicies.join("; "),
      user.adminEquivalent ? "yes" : "no",
      user.adminVia.join("; "),
      item.riskFlags.map((flag) => RISK_FLAG_INFO[flag as RiskFlag]?.label ?? flag).join("; "),
      item.decision ?? "undecided",
      item.modification ?? "",
      item.justification ?? "",
      item.decidedBy ?? "",
      iso(item.decidedAt),
      item.verificationStatus ?? "",
      iso(item.verifiedAt),
    ];
  });
  return stringify(rows, { header: true, columns: [...EXPORT_COLUMNS], escape_formulas: true, bom: true });
}

/** "access-review-bluefin-logistics-2026-Q4.csv" */
export function accessReviewFileName(review: { customer: { name: string }; period: string }, extension: string) {
  const slug = `${review.customer.name}-${review.period}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `access-review-${slug}.${extension}`;
}
