import { Table, Td, Th, Tr } from "@/components/ui/table";
import { FINDING_AGE_BUCKETS } from "@/lib/findings/age-buckets";
import type { FindingSummary } from "@/lib/queries/scorecard";
import { type ConfigRuleRow, ConfigRulesTable } from "./config-rules-table";

const SEVERITY_LABEL: Record<string, string> = {
  CRITICAL: "Critical",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
  INFORMATIONAL: "Informational",
};

export function InspectorFindingsByAge({ rows }: { rows: FindingSummary["inspector"] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No open Inspector findings.</p>;
  return (
    <Table caption="Open Inspector findings by severity and age">
      <thead>
        <tr>
          <Th>Severity</Th>
          {FINDING_AGE_BUCKETS.map((bucket) => (
            <Th key={bucket} className="text-right">
              {bucket}
            </Th>
          ))}
          <Th className="text-right">Total</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <Tr key={row.severity}>
            <Td>{SEVERITY_LABEL[row.severity] ?? row.severity}</Td>
            {FINDING_AGE_BUCKETS.map((bucket) => (
              <Td key={bucket} className="text-right tabular-nums">
                {row.buckets[bucket] || "–"}
              </Td>
            ))}
            <Td className="text-right font-medium tabular-nums">{row.total}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

export function NonCompliantConfigRules({ rows }: { rows: FindingSummary["configRules"] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No AWS Config rule is non-compliant.</p>;
  return (
    <ConfigRulesTable
      rows={rows.map((row): ConfigRuleRow => [row.rule, row.accountAlias, row.region, row.resources])}
    />
  );
}
