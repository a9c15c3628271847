import { RelativeTime } from "../ui/relative-time";
import { SyncStatusBadge } from "./sync-status-badge";

/** A run's status badge and how long ago it finished (or was queued). */
export function LastSync({
  run,
}: {
  run: { status: string; finishedAt: Date | null; queuedAt: Date } | null | undefined;
}) {
  return (
    <span className="flex items-center gap-2">
      <SyncStatusBadge status={run?.status} />
      {run ? <RelativeTime date={run.finishedAt ?? run.queuedAt} /> : null}
    </span>
  );
}
