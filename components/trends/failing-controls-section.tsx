import { EmptyState } from "@/components/ui/empty-state";
import type { FailingControlsPoint, TrendWindow } from "@/lib/queries/trends";
import { ChartFigure } from "./chart-figure";
import { formatDayLong } from "./chart-format";
import { FailingControlsChart, type FailingControlsSeries } from "./failing-controls-chart";

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
      chart={<FailingControlsChart series={chartSeries(points)} title={title} />}
      table={{
        caption: `${title}: failing control results per day`,
        columns: ["Day", "Critical", "High", "Medium and low", "All failing"],
        rows: reported.map((point) => [
          formatDayLong(point.day),
          String(point.critical),
          String(point.high),
          String(Math.max(0, point.failed - point.critical - point.high)),
          String(point.failed),
        ]),
      }}
    />
  );
}

function describeDay(point: FailingControlsPoint): string {
  const results = `${point.failed} failing control result${point.failed === 1 ? "" : "s"}`;
  return point.failed === 0
    ? "no failing control results"
    : `${results}, ${point.critical} critical and ${point.high} high`;
}

/** The chart's data as plain arrays (one number per day), not an object per day with repeated keys. */
function chartSeries(points: FailingControlsPoint[]): FailingControlsSeries {
  const reported = (point: FailingControlsPoint, value: number) => (point.customers > 0 ? value : null);
  return {
    days: points.map((point) => point.day),
    critical: points.map((point) => reported(point, point.critical)),
    high: points.map((point) => reported(point, point.high)),
    other: points.map((point) => reported(point, Math.max(0, point.failed - point.critical - point.high))),
  };
}
