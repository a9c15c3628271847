import type { SimDate } from "../estate/dates";
import type { EstateIndex } from "../estate/indexed";
import type { AccessKey, Estate } from "../estate/schema";

// The IAM credential report: 22 columns in AWS's order, with its value conventions
// (aws-api-map.md §3): N/A, no_information, not_supported and lowercase booleans.

export const CREDENTIAL_REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

/** Report timestamps look like 2015-08-14T10:14:20+00:00. */
export function reportTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** IAM user names may contain commas ([\w+=,.@-]). */
function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

type Resolve = (value: SimDate) => Date;

function accessKeyColumns(key: AccessKey | undefined, resolve: Resolve): string[] {
  if (!key) return ["false", "N/A", "N/A", "N/A", "N/A"];
  const used = key.lastUsed;
  return [
    String(key.active),
    reportTimestamp(resolve(key.lastRotated)),
    used ? reportTimestamp(resolve(used.date)) : "N/A",
    used?.region ?? "N/A",
    used?.service ?? "N/A",
  ];
}

function certificateColumns(
  certificate: { active: boolean; lastRotated: SimDate } | undefined,
  resolve: Resolve,
): string[] {
  return certificate
    ? [String(certificate.active), reportTimestamp(resolve(certificate.lastRotated))]
    : ["false", "N/A"];
}

export function buildCredentialReport(estate: Estate, index: EstateIndex, resolve: Resolve): string {
  const rows: string[][] = [];
  const root = estate.root;
  rows.push([
    "<root_account>",
    `arn:aws:iam::${estate.accountId}:root`,
    reportTimestamp(resolve(estate.createdAt)),
    "not_supported",
    root.passwordLastUsed ? reportTimestamp(resolve(root.passwordLastUsed)) : "no_information",
    "not_supported",
    "not_supported",
    String(root.mfa !== "none"),
    ...accessKeyColumns(root.accessKeys[0], resolve),
    ...accessKeyColumns(root.accessKeys[1], resolve),
    ...certificateColumns(root.signingCertificates[0], resolve),
    ...certificateColumns(root.signingCertificates[1], resolve),
  ]);
  const maxPasswordAge = estate.iam.passwordPolicy?.maxPasswordAge;
  for (const { user, arn } of index.users) {
    const password = user.password;
    const lastChanged = password ? resolve(password.lastChanged ?? user.createdAt) : undefined;
    let lastUsed = "N/A";
    if (password)
      lastUsed =
        password.lastUsed && !password.usedBeforeTracking
          ? reportTimestamp(resolve(password.lastUsed))
          : "no_information";
    const nextRotation =
      lastChanged && maxPasswordAge
        ? reportTimestamp(new Date(lastChanged.getTime() + maxPasswordAge * 86_400_000))
        : "N/A";
    rows.push([
      user.name,
      arn,
      reportTimestamp(resolve(user.createdAt)),
      String(password !== null),
      lastUsed,
      lastChanged ? reportTimestamp(lastChanged) : "N/A",
      nextRotation,
      String(user.mfa !== "none"),
      ...accessKeyColumns(user.accessKeys[0], resolve),
      ...accessKeyColumns(user.accessKeys[1], resolve),
      ...certificateColumns(user.signingCertificates[0], resolve),
      ...certificateColumns(user.signingCertificates[1], resolve),
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(","), ...rows.map((row) => row.map(csvCell).join(","))].join("\n");
}
