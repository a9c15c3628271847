import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatScore } from "@/lib/controls/scoring";
import type { CustomerScoreChange, ScorePoint, TrendWindow } from "@/lib/queries/trends";
import { formatDayLong, formatPoints } from "./chart-format";
import { trendsHref } from "./trend-filters";

/** Each customer's score at the start of the range and now, biggest drop first; a name opens its trend. */
export function ScoreChangeTable({ changes, window }: { changes: CustomerScoreChange[]; window: TrendWindow }) {
  return (
    <Card aria-labelledby="score-changes-title" className="mb-6">
      <h2 id="score-changes-title" className="text-base font-semibold text-slate-900">
        Score change per customer, last {window.days} days
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        Each customer&apos;s score when the range starts and its latest, biggest drop first. Choose a customer to draw
        its line.
      </p>
      <Table caption={`Score change per customer over the last ${window.days} days, biggest drop first`}>
        <thead>
          <tr>
            <Th>Customer</Th>
            <Th>At the start</Th>
            <Th>Latest</Th>
            <Th>Change</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {changes.map((change) => (
            <Tr key={change.customerId}>
              <Td>
                <Link
                  href={trendsHref(window.days, change.customerId)}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {change.name}
                </Link>
              </Td>
              <Td>
                <PointCell point={change.start} />
              </Td>
              <Td>
                <PointCell point={change.latest} />
              </Td>
              <Td className="tabular-nums">
                {change.change === null ? (
                  <span className="text-slate-500">—</span>
                ) : (
                  <span
                    className={
                      change.change <= -0.05
                        ? "font-semibold text-red-700"
                        : change.change >= 0.05
                          ? "text-emerald-700"
                          : undefined
                    }
                  >
                    {formatPoints(change.change)}
                  </span>
                )}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

function PointCell({ point }: { point: ScorePoint | null }) {
  if (!point) return <span className="text-slate-500">no history</span>;
  return (
    <span className="whitespace-nowrap">
      <span className={point.score === null ? "text-slate-500" : "font-medium tabular-nums"}>
        {formatScore(point.score)}
      </span>{" "}
      <span className="text-xs text-slate-500">({formatDayLong(point.day)})</span>
    </span>
  );
}
