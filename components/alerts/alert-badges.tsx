import { Badge, type Tone } from "@/components/ui/badge";
import { formatDuration, type SlaState } from "@/lib/alerts/sla";
import { type AlertStatus, STATUS_LABELS } from "@/lib/alerts/workflow";

const SEVERITY_TONES: Record<string, Tone> = {
  CRITICAL: "critical",
  HIGH: "bad",
  MEDIUM: "warn",
  LOW: "neutral",
  INFORMATIONAL: "neutral",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={SEVERITY_TONES[severity] ?? "neutral"}>{severity.toLowerCase()}</Badge>;
}

const STATUS_TONES: Record<AlertStatus, Tone> = {
  NEW: "info",
  ACKNOWLEDGED: "warn",
  IN_PROGRESS: "warn",
  RESOLVED: "good",
  SUPPRESSED: "neutral",
};

export function AlertStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONES[status as AlertStatus] ?? "neutral"}>
      {STATUS_LABELS[status as AlertStatus] ?? status}
    </Badge>
  );
}

/** "Past SLA by 3 h", "Due in 5 h", "SLA met": the text for an alert's SLA state at `now`. */
export function slaText(state: SlaState, dueAt: Date, now: Date): string {
  const delta = dueAt.getTime() - now.getTime();
  switch (state) {
    case "breached":
      return `Past SLA by ${formatDuration(-delta)}`;
    case "due-soon":
    case "on-track":
      return `Due in ${formatDuration(delta)}`;
    case "met":
      return "SLA met";
    case "missed":
      return "Resolved after its SLA";
    case "paused":
      return "SLA paused (suppressed)";
  }
}

const SLA_TONES: Record<SlaState, Tone> = {
  breached: "critical",
  "due-soon": "warn",
  "on-track": "neutral",
  met: "good",
  missed: "bad",
  paused: "neutral",
};

/** The SLA state as a badge; breached and due-soon stand out (colour and words, never colour alone). */
export function SlaBadge({ state, text, dueAt }: { state: SlaState; text: string; dueAt: string }) {
  return (
    <span title={`Due ${dueAt.replace("T", " ").slice(0, 16)} UTC`}>
      <Badge tone={SLA_TONES[state]}>
        {state === "breached" ? "⚠ " : ""}
        {text}
      </Badge>
    </span>
  );
}
