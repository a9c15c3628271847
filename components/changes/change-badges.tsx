import { Badge, type Tone } from "@/components/ui/badge";
import { CHANGE_STATUS_LABELS, type ChangeOutcome, type ChangeStatus, OUTCOME_LABELS } from "@/lib/changes/workflow";

const STATUS_TONES: Record<ChangeStatus, Tone> = {
  DRAFT: "neutral",
  ASSESSED: "info",
  APPROVED: "info",
  REJECTED: "critical",
  IN_PROGRESS: "warn",
  VALIDATED: "info",
  CLOSED: "good",
  CANCELLED: "neutral",
};

const OUTCOME_TONES: Record<ChangeOutcome, Tone> = { SUCCESSFUL: "good", ROLLED_BACK: "bad", FAILED: "critical" };

export function ChangeStatusBadge({ status }: { status: ChangeStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{CHANGE_STATUS_LABELS[status]}</Badge>;
}

export function ChangeOutcomeBadge({ outcome }: { outcome: ChangeOutcome | null }) {
  return outcome ? <Badge tone={OUTCOME_TONES[outcome]}>{OUTCOME_LABELS[outcome]}</Badge> : null;
}
