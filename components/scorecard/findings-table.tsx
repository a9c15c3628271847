import { Badge, type Tone } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { wholeDaysBetween } from "@/lib/dates";
import type { FindingRow, FindingsPage } from "@/lib/queries/findings";

const SEVERITY: Record<FindingRow["severity"], { label: string; tone: Tone }> = {
  CRITICAL: { label: "Critical", tone: "critical" },
  HIGH: { label: "High", tone: "bad" },
  MEDIUM: { label: "Medium", tone: "warn" },
  LOW: { label: "Low", tone: "neutral" },
  INFORMATIONAL: { label: "Informational", tone: "info" },
};
const STATUS: Record<FindingRow["status"], string> = { OPEN: "Open", RESOLVED: "Resolved", SUPPRESSED: "Suppressed" };
const SOURCE: Record<string, string> = { INSPECTOR: "Inspector", CONFIG: "AWS Config", GUARDDUTY: "GuardDuty" };

/** Whole days between two instants, as the table's "Age" column shows them. */
function days(from: Date, to: Date): string {
  const count = Math.max(0, wholeDaysBetween(from, to));
  return `${count} day${count === 1 ? "" : "s"}`;
}

/**
 * One page of findings: a table that scrolls inside its own box on a narrow screen (the page never does),
 * most severe first, the oldest first within a severity.
 */
export function FindingsTable({ findings, now }: { findings: FindingsPage; now: Date }) {
  return (
    <Table
      caption={`Findings of ${findings.customer.name}, page ${findings.page} of ${findings.pageCount}, ${findings.total} in all`}
    >
      <thead>
        <tr>
          <Th>Severity</Th>
          <Th>Finding</Th>
          <Th>Resource</Th>
          <Th>Account</Th>
          <Th>Age</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {findings.rows.map((row) => (
          <Tr key={row.id}>
            <Td>
              <Badge tone={SEVERITY[row.severity].tone}>{SEVERITY[row.severity].label}</Badge>
            </Td>
            <Td className="min-w-48 max-w-md break-words">
              <span className="font-medium text-slate-900">{row.title}</span>
              <span className="block text-xs text-slate-600">
                {SOURCE[row.source] ?? row.source}
                {row.rule && !row.title.includes(row.rule) ? ` · ${row.rule}` : ""}
              </span>
            </Td>
            <Td className="min-w-40 max-w-xs break-all text-xs">
              {row.resourceId ?? "—"}
              {row.resourceType ? <span className="block text-slate-500">{row.resourceType}</span> : null}
            </Td>
            <Td className="text-xs">
              {row.accountAlias}
              <span className="block text-slate-500">{row.region}</span>
            </Td>
            <Td className="whitespace-nowrap text-xs tabular-nums">
              <time dateTime={row.observedAt.toISOString()} title={`First observed ${row.observedAt.toISOString()}`}>
                {days(row.observedAt, row.resolvedAt ?? now)}
              </time>
            </Td>
            <Td className="whitespace-nowrap text-xs">
              {STATUS[row.status]}
              {row.resolvedAt ? (
                <span className="block text-slate-500">{row.resolvedAt.toISOString().slice(0, 10)}</span>
              ) : null}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
