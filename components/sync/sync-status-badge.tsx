import { Badge, type Tone } from "../ui/badge";

const TONE: Record<string, Tone> = {
  QUEUED: "info",
  RUNNING: "info",
  SUCCEEDED: "good",
  PARTIAL: "warn",
  FAILED: "critical",
};

const LABEL: Record<string, string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  SUCCEEDED: "Succeeded",
  PARTIAL: "Partial",
  FAILED: "Failed",
};

export function SyncStatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <Badge>Never synced</Badge>;
  return <Badge tone={TONE[status] ?? "neutral"}>{LABEL[status] ?? status}</Badge>;
}
