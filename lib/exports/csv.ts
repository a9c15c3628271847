import { stringify } from "csv-stringify/sync";
import { formatScore } from "../controls/scoring";
import type { AlertQueueRow } from "../queries/alerts";
import type { PortfolioRow } from "../queries/portfolio";
import type { CustomerScorecard } from "../queries/scorecard";

// CSV exports where people expect them (issue 19 §8), built from the same read models as the pages, so
// an export holds exactly what its page may show. A cell that starts like a formula is prefixed with a
// quote so a spreadsheet shows it as text (OWASP "CSV injection").

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((row) => row.map(cell))]);
}

/** "bluefin-logistics-results-2026-12-06.csv" */
export function exportFileName(subject: string, kind: string, now = new Date()): string {
  const slug = subject
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug || "rampart"}-${kind}-${now.toISOString().slice(0, 10)}.csv`;
}

/** One row per control and account, as the scorecard's results table shows them. */
export function scorecardResultsCsv(scorecard: CustomerScorecard): string {
  const rows = scorecard.areas.flatMap((area) =>
    area.controls.flatMap((control) =>
      control.accounts.map((account) => [
        control.id,
        control.title,
        area.name,
        control.severity,
        account.accountAlias,
        account.accountNumber,
        account.suppressed ? "SUPPRESSED" : account.status,
        account.needsAttestation ? "yes" : "no",
        account.reason,
        account.offenders.length,
        account.evaluatedAt,
      ]),
    ),
  );
  return csv(
    [
      "Control",
      "Title",
      "SOP area",
      "Severity",
      "Account",
      "Account ID",
      "Result",
      "Needs attestation",
      "Reason",
      "Resources named",
      "Evaluated at",
    ],
    rows,
  );
}

export function portfolioCsv(rows: readonly PortfolioRow[]): string {
  return csv(
    [
      "Customer",
      "Accounts",
      "Score",
      "Grade",
      "30-day change",
      "Failing critical",
      "Failing high",
      "Unknown",
      "Needs attestation",
      "Last sync",
      "Last sync status",
      "Open findings critical",
      "Open findings high",
    ],
    rows.map((row) => [
      row.name,
      row.accountCount,
      formatScore(row.score),
      row.grade ?? "",
      row.delta ? row.delta.change.toFixed(1) : "",
      row.failingCritical,
      row.failingHigh,
      row.unknown,
      row.needsAttestation,
      row.lastSync?.finishedAt ?? row.lastSync?.queuedAt ?? "",
      row.lastSync?.status ?? "never",
      row.openFindings.CRITICAL.count,
      row.openFindings.HIGH.count,
    ]),
  );
}

export function alertQueueCsv(rows: readonly AlertQueueRow[]): string {
  return csv(
    [
      "Title",
      "Severity",
      "Status",
      "Customer",
      "Account",
      "Region",
      "Resource",
      "Rule",
      "Assignee",
      "Occurrences",
      "First seen",
      "Last seen",
      "Due",
    ],
    rows.map((row) => [
      row.title,
      row.severity,
      row.status,
      row.customer.name,
      row.awsAccount ? `${row.awsAccount.alias} (${row.awsAccount.accountNumber})` : "",
      row.region,
      row.resource,
      row.rule,
      row.assignee?.name ?? "",
      row.occurrences,
      row.firstSeenAt,
      row.lastSeenAt,
      row.dueAt,
    ]),
  );
}

export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
