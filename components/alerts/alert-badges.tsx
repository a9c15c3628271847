import type { ReactNode } from "react";
import { BADGE_TONES, Badge, type Tone } from "@/components/ui/badge";
import { formatDuration, type SlaState } from "@/lib/alerts/sla";
import { type AlertStatus, STATUS_LABELS } from "@/lib/alerts/workflow";

const SEVERITY_TONES: Record<string, Tone> = {
  CRITICAL: "critical",
  HIGH: "bad",
  MEDIUM: "warn",
  LOW: "neutral",
  INFORMATIONAL: "neutral",
};

/**
 * In the queue, 50 rows × 3 badges: the shape comes from the table body (`[&_[data-badge]]:…`, the
 * classes of BADGE_SHAPE) and each badge carries only its colours.
 */
function QueueBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span data-badge="" className={BADGE_TONES[tone]}>
      {children}
    </span>
  );
}

export function SeverityBadge({ severity, inQueue = false }: { severity: string; inQueue?: boolean }) {
  const Shown = inQueue ? QueueBadge : Badge;
  return <Shown tone={SEVERITY_TONES[severity] ?? "neutral"}>{severity.toLowerCase()}</Shown>;
}

const STATUS_TONES: Record<AlertStatus, Tone> = {
  NEW: "info",
  ACKNOWLEDGED: "warn",
  IN_PROGRESS: "warn",
  RESOLVED: "good",
  SUPPRESSED: "neutral",
};

export function AlertStatusBadge({ status, inQueue = false }: { status: string; inQueue?: boolean }) {
  const Shown = inQueue ? QueueBadge : Badge;
  return (
    <Shown tone={STATUS_TONES[status as AlertStatus] ?? "neutral"}>
      {STATUS_LABELS[status as AlertStatus] ?? status}
    </Shown>
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
export function SlaBadge({
  state,
  text,
  dueAt,
  inQueue = false,
}: {
  state: SlaState;
  text: string;
  dueAt: string;
  inQueue?: boolean;
}) {
  const Shown = inQueue ? QueueBadge : Badge;
  return (
    <span title={`Due ${dueAt.replace("T", " ").slice(0, 16)} UTC`}>
      <Shown tone={SLA_TONES[state]}>
        {state === "breached" ? "⚠ " : ""}
        {text}
      </Shown>
    </span>
  );
}
