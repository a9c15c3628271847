import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { FailingControlsPoint, TrendWindow } from "@/lib/queries/trends";
import { ChartFigure } from "./chart-figure";
import { formatDayLong } from "./chart-format";
import { FailingControlsChart } from "./failing-controls-chart";

/** Failing control results over the range, for one customer or summed over the customers in view. */
export function FailingControlsSection({
  points,
  window,
  subject,
}: {
  points: FailingControlsPoint[];
  window: TrendWindow;
  /** Whose controls: "Bluefin Logistics", "all customers", "your 2 customers". */
  subject: string;
}) {
  const title = `Failing controls over the last ${window.days} days`;
  const reported = points.filter((point) => point.customers > 0);
  const first = reported[0];
  const last = reported.at(-1);
  if (!first || !last) {
    return (
      <section aria-labelledby="failing-title" className="mb-6">
        <h2 id="failing-title" className="sr-only">
          {title}
        </h2>
        <EmptyState title="No failing-control history yet">
          Failing controls are counted from the same daily snapshots as the score; none has been recorded for {subject}{" "}
          up to today. They appear here after the first evaluated sync.
        </EmptyState>
      </section>
    );
  }
  return (
    <ChartFigure
      id="failing"
      title={title}
      summary={
        <>
          For {subject}, on {formatDayLong(last.day)}: {describeDay(last)}.
          {first.day === last.day ? null : (
            <>
              {" "}
              On {formatDayLong(first.day)}: {describeDay(first)}.
            </>
          )}
        </>
      }
      note={<p>Failing results by severity, stacked; a control failing in two AWS accounts counts twice.</p>}
      chart={<FailingControlsChart points={points} title={title} />}
      table={
        <Table caption={`${title}: failing control results per day`}>
          <thead>
            <tr>
              <Th>Day</Th>
              <Th>Critical</Th>
              <Th>High</Th>
              <Th>Medium and low</Th>
              <Th>All failing</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {reported.map((point) => (
              <Tr key={point.day}>
                <Td className="whitespace-nowrap">{formatDayLong(point.day)}</Td>
                <Td className="tabular-nums">{point.critical}</Td>
                <Td className="tabular-nums">{point.high}</Td>
                <Td className="tabular-nums">{Math.max(0, point.failed - point.critical - point.high)}</Td>
                <Td className="tabular-nums font-medium">{point.failed}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      }
    />
  );
}

function describeDay(point: FailingControlsPoint): string {
  const results = `${point.failed} failing control result${point.failed === 1 ? "" : "s"}`;
  return point.failed === 0
    ? "no failing control results"
    : `${results}, ${point.critical} critical and ${point.high} high`;
}
