import type { Grade } from "@/lib/controls/scoring";
import type { PortfolioRow, TrendWindow } from "@/lib/queries/portfolio";
import { describeReason } from "./attention-reasons";
import { type SparklineShape, sparklineShape } from "./sparkline";

const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;

/**
 * One portfolio row as the client component draws it: only what the cells show, with the sparkline already
 * computed and the attention reasons already worded, small groups as tuples (no key names on the wire). A
 * fraction of the row's read model (issue 13).
 */
export interface PortfolioRowData {
  id: string;
  name: string;
  score: number | null;
  grade: Grade | null;
  /** The 30-day change and the day it is measured from. */
  delta: readonly [change: number, since: string] | null;
  spark: SparklineShape;
  /** null before the customer's first evaluation ("—"). */
  scored: readonly [failingCritical: number, failingHigh: number, unknown: number, needsAttestation: number] | null;
  /** Open findings per severity, critical first; a capped count (more are open) is negative. */
  open: number[];
  accounts: number;
  /** The latest run's status and when it finished (or was queued), epoch ms. */
  sync: readonly [status: string, at: number] | null;
  attention: string[];
}

export function toPortfolioRowData(row: PortfolioRow, window: TrendWindow): PortfolioRowData {
  return {
    id: row.id,
    name: row.name,
    score: row.score,
    grade: row.grade,
    // Shown to one decimal: two are plenty, and keep "−3.1000000000000014" off the wire.
    delta: row.delta ? [Math.round(row.delta.change * 100) / 100, row.delta.since] : null,
    spark: sparklineShape(row.trend, window.from, window.to),
    scored: row.scoredAt ? [row.failingCritical, row.failingHigh, row.unknown, row.needsAttestation] : null,
    open: SEVERITIES.map((severity) =>
      row.openFindings[severity].capped ? -row.openFindings[severity].count : row.openFindings[severity].count,
    ),
    accounts: row.accountCount,
    sync: row.lastSync ? [row.lastSync.status, (row.lastSync.finishedAt ?? row.lastSync.queuedAt).getTime()] : null,
    attention: row.attention.map((reason) => describeReason(reason)),
  };
}
