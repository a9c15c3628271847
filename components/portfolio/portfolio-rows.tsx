"use client";

import Link from "next/link";
import { GradeMark } from "@/components/scorecard/score-summary";
import { SyncStatusBadge } from "@/components/sync/sync-status-badge";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatAge } from "@/components/ui/relative-time";
import { formatScore } from "@/lib/controls/scoring";
import type { PortfolioRowData } from "./portfolio-row-data";
import { ScoreDelta } from "./score-delta";
import { SparklineSvg } from "./sparkline";

const SEVERITIES = [
  ["critical", "critical"],
  ["high", "bad"],
  ["medium", "warn"],
  ["low", "neutral"],
] as const satisfies readonly (readonly [string, Tone])[];

const DASH = <span className="text-slate-500">—</span>;

/**
 * The portfolio table's rows, drawn from compact row data (portfolio-row-data.ts) so that the page's RSC
 * payload carries a few hundred bytes per customer instead of the rows' whole markup a second time. The
 * cells' look comes from the table's `plain-cells` class. `now` is the server's clock, so the relative
 * times read the same on the server and after hydration.
 */
export function PortfolioRows({ rows, now }: { rows: PortfolioRowData[]; now: number }) {
  return (
    <tbody className="divide-y divide-slate-100">
      {rows.map((row) => (
        <tr key={row.id}>
          <td>
            <Link href={`/customers/${row.id}`} className="link">
              {row.name}
            </Link>
          </td>
          <td className={row.score === null ? "whitespace-nowrap text-slate-500" : "font-semibold tabular-nums"}>
            {formatScore(row.score)}
          </td>
          <td>
            <GradeMark grade={row.grade} />
          </td>
          <td>
            <div className="flex items-center gap-3">
              <ScoreDelta delta={row.delta ? { change: row.delta[0], since: row.delta[1] } : null} />
              <SparklineSvg shape={row.spark} />
            </div>
          </td>
          <td className="tabular-nums">
            {row.scored ? (
              <span className="whitespace-nowrap">
                <span className={row.scored[0] > 0 ? "font-semibold text-red-700" : undefined}>{row.scored[0]}</span>
                <span className="sr-only"> critical</span>
                <span aria-hidden="true"> / </span>
                <span className={row.scored[1] > 0 ? "font-semibold text-orange-700" : undefined}>{row.scored[1]}</span>
                <span className="sr-only"> high</span>
              </span>
            ) : (
              DASH
            )}
          </td>
          <td className="tabular-nums">{row.scored ? row.scored[2] : DASH}</td>
          <td className="tabular-nums">{row.scored ? row.scored[3] : DASH}</td>
          <td>
            <OpenFindings open={row.open} />
          </td>
          <td className="tabular-nums">{row.accounts}</td>
          <td>
            <span className="flex items-center gap-2">
              <SyncStatusBadge status={row.sync?.[0]} />
              {row.sync ? <SyncTime at={row.sync[1]} now={now} /> : null}
            </span>
          </td>
          <td>
            {row.attention.length === 0 ? (
              DASH
            ) : (
              <ul className="space-y-0.5 text-xs">
                {row.attention.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/** Open-finding counts by severity, zero counts omitted; a count past the cap shows as "999+". */
function OpenFindings({ open }: { open: PortfolioRowData["open"] }) {
  const shown = SEVERITIES.map((severity, index) => [severity, open[index]!] as const).filter(
    ([, count]) => count !== 0,
  );
  if (shown.length === 0) return <span className="text-slate-500">none open</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {shown.map(([[label, tone], count]) => (
        <Badge key={label} tone={tone} title={count < 0 ? `More than ${-count} open` : undefined}>
          {count < 0 ? `${-count}+ ${label}` : `${count} ${label}`}
        </Badge>
      ))}
    </span>
  );
}

function SyncTime({ at, now }: { at: number; now: number }) {
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {formatAge(now - at)}
    </time>
  );
}
