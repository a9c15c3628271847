import { Badge, type Tone } from "@/components/ui/badge";
import { reviewStatusLabel } from "@/lib/access-reviews/labels";
import { RISK_FLAG_INFO, type RiskFlag } from "@/lib/access-reviews/risk-flags";

const TONES: Record<string, Tone> = { OPEN: "info", COMPLETED: "warn", SIGNED_OFF: "good", ENDED: "neutral" };

export function ReviewStatusBadge({ status, overdue = false }: { status: string; overdue?: boolean }) {
  const info = { label: reviewStatusLabel(status), tone: TONES[status] ?? ("neutral" as Tone) };
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={info.tone}>{info.label}</Badge>
      {overdue ? <Badge tone="critical">Overdue</Badge> : null}
    </span>
  );
}

const DECISION: Record<string, { label: string; tone: Tone }> = {
  KEEP: { label: "Keep", tone: "good" },
  REVOKE: { label: "Revoke", tone: "critical" },
  MODIFY: { label: "Modify", tone: "warn" },
};

export function DecisionBadge({ decision }: { decision: string | null }) {
  if (!decision) return <Badge tone="neutral">Undecided</Badge>;
  const info = DECISION[decision] ?? { label: decision, tone: "neutral" as Tone };
  return <Badge tone={info.tone}>{info.label}</Badge>;
}

export function RiskFlagBadges({ flags }: { flags: readonly string[] }) {
  if (flags.length === 0) return <span className="text-xs text-slate-500">No flag</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Risk flags">
      {flags.map((flag) => {
        const info = RISK_FLAG_INFO[flag as RiskFlag];
        return (
          <li key={flag}>
            <Badge tone={info?.severity === "high" ? "critical" : "bad"} title={info?.description}>
              {info?.label ?? flag}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}
