import { formatAge } from "@/components/ui/relative-time";
import { type AlertSeverity, type SlaState, slaStateOf } from "@/lib/alerts/sla";
import { type AlertSource, SOURCE_LABELS } from "@/lib/alerts/source-names";
import type { AlertStatus } from "@/lib/alerts/workflow";
import type { AlertQueueRow } from "@/lib/queries/alerts";
import { slaText } from "./alert-badges";

/** A queue row as the client table shows it: plain strings, times already worded on the server. */
export interface QueueRowView {
  id: string;
  title: string;
  severity: string;
  status: string;
  sourceLabel: string;
  rule: string;
  customer: { id: string; name: string };
  account: { alias: string; accountNumber: string } | null;
  region: string | null;
  resource: string | null;
  assignee: string | null;
  assigneeId: string | null;
  occurrences: number;
  openedAt: string;
  openedText: string;
  lastSeenText: string;
  dueAt: string;
  slaState: SlaState;
  slaText: string;
}

export function toQueueRowView(row: AlertQueueRow, now: Date): QueueRowView {
  const slaState = slaStateOf(
    {
      status: row.status as AlertStatus,
      severity: row.severity as AlertSeverity,
      dueAt: row.dueAt,
      resolvedAt: row.resolvedAt,
    },
    now,
  );
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    sourceLabel: SOURCE_LABELS[row.source as AlertSource] ?? row.source,
    rule: row.rule,
    customer: row.customer,
    account: row.awsAccount ? { alias: row.awsAccount.alias, accountNumber: row.awsAccount.accountNumber } : null,
    region: row.region,
    resource: row.resource,
    assignee: row.assignee?.name ?? null,
    assigneeId: row.assignee?.id ?? null,
    occurrences: row.occurrences,
    openedAt: row.firstSeenAt.toISOString(),
    openedText: formatAge(now.getTime() - row.firstSeenAt.getTime()),
    lastSeenText: formatAge(now.getTime() - row.lastSeenAt.getTime()),
    dueAt: row.dueAt.toISOString(),
    slaState,
    slaText: slaText(slaState, row.dueAt, now),
  };
}
