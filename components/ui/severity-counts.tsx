import { Badge, type Tone } from "./badge";

const ORDER = [
  ["CRITICAL", "Critical", "critical"],
  ["HIGH", "High", "bad"],
  ["MEDIUM", "Medium", "warn"],
  ["LOW", "Low", "neutral"],
] as const satisfies readonly (readonly [string, string, Tone])[];

/** Compact open-finding counts by severity; zero counts are omitted. */
export function SeverityCounts({ counts }: { counts: Partial<Record<string, number>> }) {
  const shown = ORDER.filter(([key]) => (counts[key] ?? 0) > 0);
  if (shown.length === 0) return <span className="text-slate-500">none open</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {shown.map(([key, label, tone]) => (
        <Badge key={key} tone={tone}>
          {counts[key]} {label.toLowerCase()}
        </Badge>
      ))}
    </span>
  );
}
