import { Badge, type Tone } from "@/components/ui/badge";
import type { OpenFindingCount } from "@/lib/queries/portfolio";

const ORDER = [
  ["CRITICAL", "critical", "critical"],
  ["HIGH", "high", "bad"],
  ["MEDIUM", "medium", "warn"],
  ["LOW", "low", "neutral"],
] as const satisfies readonly (readonly [string, string, Tone])[];

/** Open-finding counts by severity, zero counts omitted; a count past the cap shows as "999+". */
export function OpenFindingCounts({ counts }: { counts: Record<(typeof ORDER)[number][0], OpenFindingCount> }) {
  const shown = ORDER.filter(([key]) => counts[key].count > 0);
  if (shown.length === 0) return <span className="text-slate-500">none open</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {shown.map(([key, label, tone]) => (
        <Badge key={key} tone={tone} title={counts[key].capped ? `More than ${counts[key].count} open` : undefined}>
          {counts[key].count}
          {counts[key].capped ? "+" : ""} {label}
        </Badge>
      ))}
    </span>
  );
}
