import { formatAge } from "@/components/ui/relative-time";
import type { AttentionReason } from "@/lib/queries/portfolio";
import { formatDelta } from "./score-delta";

export function describeReason(reason: AttentionReason): string {
  switch (reason.kind) {
    case "no-accounts":
      return "No AWS account connected";
    case "never-synced":
      return "Never synced";
    case "sync-gaps":
      return `${reason.accounts} account${reason.accounts > 1 ? "s" : ""} with gaps`;
    case "stale-sync":
      return `No sync for ${formatAge(reason.hours * 3_600_000).replace(" ago", "")}`;
    case "critical-failing":
      return `${reason.controls} critical control${reason.controls > 1 ? "s" : ""} failing`;
    case "score-drop":
      return `Score ${formatDelta(-reason.points)} in 30 days`;
  }
}
