import type { SimDate } from "../estate/dates";
import type { EstateIndex } from "../estate/indexed";
import type { AccessKey, Estate } from "../estate/schema";
import { CREDENTIAL_REPORT_COLUMNS } from "./credential-report-columns";

// The IAM credential report: 22 columns in AWS's order, with its value conventions
// (aws-api-map.md §3): N/A, no_information, not_supported and lowercase booleans.

export { CREDENTIAL_REPORT_COLUMNS };

/** Report timestamps look like 2015-08-14T10:14:20+00:00. */
export function reportTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** IAM user names may contain commas ([\w+=,.@-]). */
function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

type Resolve = (value: SimDate) => Date;
type Spell = (value: boolean) => string;

/** How the estate spells the report's booleans (iam.credentialReportBooleans). */
function speller(estate: Estate): Spell {
  return estate.iam.credentialReportBooleans === "uppercase"
    ? (value) => String(value).toUpperCase()
    : (value) => String(value);
}

/** Entries in their report slots: an explicit slot first, the others fill the free slots in order. */
function inReportSlots<T extends { slot?: 1 | 2 }>(entries: readonly T[]): [T | undefined, T | undefined] {
  const slots: [T | undefined, T | undefined] = [undefined, undefined];
  for (const entry of entries) if (entry.slot) slots[entry.slot - 1] = entry;
  for (const entry of entries) {
    if (entry.slot) continue;
    const free = slots.indexOf(undefined);
    if (free >= 0) slots[free] = entry;
  }
  return slots;
}

function accessKeyColumns(key: AccessKey | undefined, resolve: Resolve, spell: Spell): string[] {
  if (!key) return [spell(false), "N/A", "N/A", "N/A", "N/A"];
  const used = key.lastUsed;
  return [
    spell(key.active),
    reportTimestamp(resolve(key.lastRotated)),
    used ? reportTimestamp(resolve(used.date)) : "N/A",
    used?.region ?? "N/A",
    used?.service ?? "N/A",
  ];
}

function certificateColumns(
  certificate: { active: boolean; lastRotated: SimDate } | undefined,
  resolve: Resolve,
  spell: Spell,
): string[] {
  return certificate
    ? [spell(certificate.active), reportTimestamp(resolve(certificate.lastRotated))]
    : [spell(false), "N/A"];
}

/** The row's cells with the estate's own spellings (reportCells) in place of the derived ones. */
function withCells(row: string[], cells: Record<string, string> | undefined): string[] {
  if (!cells) return row;
  return row.map((value, index) => cells[CREDENTIAL_REPORT_COLUMNS[index]] ?? value);
}

export function buildCredentialReport(estate: Estate, index: EstateIndex, resolve: Resolve): string {
  const rows: string[][] = [];
  const spell = speller(estate);
  const root = estate.root;
  const rootKeys = inReportSlots(root.accessKeys);
  const rootCertificates = inReportSlots(root.signingCertificates);
  rows.push(
    withCells(
      [
        "<root_account>",
        `arn:aws:iam::${estate.accountId}:root`,
        reportTimestamp(resolve(estate.createdAt)),
        "not_supported",
        root.passwordLastUsed ? reportTimestamp(resolve(root.passwordLastUsed)) : "no_information",
        "not_supported",
        "not_supported",
        spell(root.mfa !== "none"),
        ...accessKeyColumns(rootKeys[0], resolve, spell),
        ...accessKeyColumns(rootKeys[1], resolve, spell),
        ...certificateColumns(rootCertificates[0], resolve, spell),
        ...certificateColumns(rootCertificates[1], resolve, spell),
      ],
      root.reportCells,
    ),
  );
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
    const keys = inReportSlots(user.accessKeys);
    const certificates = inReportSlots(user.signingCertificates);
    rows.push(
      withCells(
        [
          user.name,
          arn,
          reportTimestamp(resolve(user.createdAt)),
          spell(password !== null),
          lastUsed,
          lastChanged ? reportTimestamp(lastChanged) : "N/A",
          nextRotation,
          spell(user.mfa !== "none"),
          ...accessKeyColumns(keys[0], resolve, spell),
          ...accessKeyColumns(keys[1], resolve, spell),
          ...certificateColumns(certificates[0], resolve, spell),
          ...certificateColumns(certificates[1], resolve, spell),
        ],
        user.reportCells,
      ),
    );
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(","), ...rows.map((row) => row.map(csvCell).join(","))].join("\n");
}
