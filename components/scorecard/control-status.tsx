import { Badge, type Tone } from "@/components/ui/badge";
import type { ControlSeverity, ResultStatus } from "@/lib/controls/types";

const STATUS: Record<ResultStatus | "SUPPRESSED", { label: string; tone: Tone }> = {
  PASS: { label: "Pass", tone: "good" },
  FAIL: { label: "Fail", tone: "critical" },
  UNKNOWN: { label: "Unknown", tone: "warn" },
  NOT_APPLICABLE: { label: "N/A", tone: "neutral" },
  SUPPRESSED: { label: "Suppressed", tone: "info" },
};

/** A control result; "needs attestation" is shown apart from an evidence failure, as the spec asks. */
export function ControlStatusBadge({
  status,
  needsAttestation = false,
}: {
  status: ResultStatus | "SUPPRESSED";
  needsAttestation?: boolean;
}) {
  if (status === "FAIL" && needsAttestation) return <Badge tone="bad">Needs attestation</Badge>;
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

const SEVERITY: Record<ControlSeverity, { label: string; tone: Tone }> = {
  CRITICAL: { label: "Critical", tone: "critical" },
  HIGH: { label: "High", tone: "bad" },
  MEDIUM: { label: "Medium", tone: "warn" },
  LOW: { label: "Low", tone: "neutral" },
};

export function SeverityBadge({ severity }: { severity: ControlSeverity }) {
  const { label, tone } = SEVERITY[severity];
  return <Badge tone={tone}>{label}</Badge>;
}

const STATUS_IN_A_SENTENCE: Record<ResultStatus, string> = {
  PASS: "passing",
  FAIL: "failing",
  UNKNOWN: "unknown (the evidence could not decide it)",
  NOT_APPLICABLE: "not applicable",
};

/** A control result inside a sentence ("NET-1 is failing"), never its enum value ("NET-1 is fail"). */
export function controlStatusInWords(status: string): string {
  return STATUS_IN_A_SENTENCE[status as ResultStatus] ?? status.toLowerCase().replaceAll("_", " ");
}
