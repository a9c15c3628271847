import { EmptyState } from "@/components/ui/empty-state";
import { formatScore } from "@/lib/controls/scoring";
import type { ScorePoint, Trends } from "@/lib/queries/trends";
import { MAX_CHARTED_CUSTOMERS } from "@/lib/trends/score-chart";
import { ChartFigure } from "./chart-figure";
import { CUSTOMER_COLOURS, formatDayLong, formatPoints, PORTFOLIO_COLOUR } from "./chart-format";
import { type ExplainedStep, ScoreChart, type ScoreSeries } from "./score-chart";

/** The portfolio line's name: the recorded portfolio, or the mean of the actor's own customers. */
export function portfolioLineName(trends: Trends): string {
  return trends.portfolio.basis === "portfolio" ? "Portfolio" : "Your customers (mean)";
}

export function ScoreSection({ trends, canSync }: { trends: Trends; canSync: boolean }) {
  const { window, portfolio, charted, selected } = trends;
  const title = `Score over the last ${window.days} days`;
  const series: ScoreSeries[] = [
    {
      key: "portfolio",
      name: portfolioLineName(trends),
      colour: PORTFOLIO_COLOUR,
      emphasis: true,
      values: portfolio.points.map((point) => point.score),
    },
    ...charted.map((customer, index) => ({
      key: `customer${index}`,
      name: customer.name,
      colour: CUSTOMER_COLOURS[index % CUSTOMER_COLOURS.length]!,
      values: customer.points.map((point) => point.score),
    })),
  ];
  const anyScore = series.some((line) => line.values.some((value) => value !== null));
  if (!anyScore) {
    return (
      <section aria-labelledby="score-title" className="mb-6">
        <h2 id="score-title" className="sr-only">
          {title}
        </h2>
        <EmptyState title="No score history yet">
          Rampart records each customer&apos;s score once a day after its AWS accounts are synced and its controls
          evaluated; {selected ? `${selected.name} has` : "your customers have"} no score recorded up to today.{" "}
          {canSync
            ? "Run Sync now on a customer's page, or wait for the scheduled sync, and the first point appears here."
            : "Scores appear here after the next scheduled sync."}
        </EmptyState>
      </section>
    );
  }

  const withoutHistory = trends.changes.filter((change) => change.latest === null).map((change) => change.name);
  const tooMany = !selected && trends.customers.length > MAX_CHARTED_CUSTOMERS;
  const days = portfolio.points.map((point) => point.day);
  const steps = trends.steps;
  const explained: ExplainedStep[] = steps.map((step) => ({ day: step.day, lines: stepLines(step) }));
  const rows = days
    .map((day, index) => ({ day, values: series.map((line) => line.values[index] ?? null) }))
    .filter((row) => row.values.some((value) => value !== null));

  return (
    <ChartFigure
      id="score"
      title={title}
      summary={series.map((line, index) => (
        <span key={line.key} className="block">
          <span className="font-medium text-slate-800">{line.name}:</span>{" "}
          {describeLine(index === 0 ? portfolio.points : charted[index - 1]!.points)}
        </span>
      ))}
      note={
        <>
          {portfolio.basis === "assigned" ? (
            <p>
              The dark line is the mean of the {portfolio.customers} customer{portfolio.customers === 1 ? "" : "s"} you
              look after, each day from its latest daily score.
            </p>
          ) : null}
          {tooMany ? (
            <p>
              There are {trends.customers.length} customers, too many lines to read: choose one under “Trends for”, or
              in the table below, to draw its line beside the {portfolio.basis === "portfolio" ? "portfolio" : "mean"}.
            </p>
          ) : null}
          {!tooMany && withoutHistory.length > 0 ? <p>No score history yet: {withoutHistory.join(", ")}.</p> : null}
        </>
      }
      chart={<ScoreChart days={days} series={series} title={title} steps={explained} />}
      footer={
        <section aria-labelledby="score-steps-title" className="mt-4">
          <h3 id="score-steps-title" className="text-sm font-semibold text-slate-900">
            {trends.portfolio.basis === "portfolio"
              ? "What moved the portfolio line"
              : "What moved your customers' mean"}
          </h3>
          {steps.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">
              No step in this range: no customer joined or left, and no sync moved a score.
            </p>
          ) : (
            <ol className="mt-2 space-y-2 text-sm">
              {steps.map((step) => (
                <li key={step.day} className="break-words">
                  <span className="font-medium text-slate-900">{formatDayLong(step.day)}</span>
                  <span className="text-slate-600"> · {describeStep(step)}</span>
                  {step.reasons.length > 0 ? (
                    <ul className="mt-0.5 list-disc pl-5 text-slate-700">
                      {stepLines(step).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {steps.length > 0 ? (
            <p className="mt-2 text-xs text-slate-500">
              The largest steps of the range; hover or tap a ringed point on the chart for the same explanation.
            </p>
          ) : null}
        </section>
      }
      table={{
        caption: `${title}: daily scores`,
        columns: ["Day", ...series.map((line) => line.name)],
        rows: rows.map((row) => [
          formatDayLong(row.day),
          ...row.values.map((value) => (value === null ? "—" : formatScore(value))),
        ]),
      }}
    />
  );
}

/** "65.8 → 53.6 (−12.2 points)", or how the line started or stopped. */
function describeStep(step: Trends["steps"][number]): string {
  if (step.from === null && step.to !== null) return `first score ${formatScore(step.to)}`;
  if (step.to === null) return "no score from this day";
  if (step.from === null) return formatScore(step.to);
  return `${formatScore(step.from)} → ${formatScore(step.to)} (${formatPoints(step.to - step.from)} points)`;
}

/** "Bluefin Logistics: a sync with 3 failures fixed: 84.1 → 86.3", one per customer event. */
function stepLines(step: Trends["steps"][number]): string[] {
  return [
    ...step.reasons.map((reason) => `${reason.customer}: ${reason.text}`),
    ...(step.more > 0 ? [`and ${step.more} more customer${step.more === 1 ? "" : "s"}`] : []),
  ];
}

/** "78.1 on 18 Mar 2026, from 72.3 on 19 Dec 2025 (+5.8 points)", in words a screen reader can read out. */
function describeLine(points: ScorePoint[]): string {
  const scored = points.filter((point): point is { day: string; score: number } => point.score !== null);
  const first = scored[0];
  const last = scored.at(-1);
  if (!first || !last) return "no score in this range.";
  const latest = `${formatScore(last.score)} on ${formatDayLong(last.day)}`;
  if (first.day === last.day) return `${latest}, the only day with a score in this range.`;
  const change = last.score - first.score;
  const low = scored.reduce((lowest, point) => (point.score < lowest.score ? point : lowest));
  return `${latest}, from ${formatScore(first.score)} on ${formatDayLong(first.day)} (${formatPoints(change)} points; lowest ${formatScore(low.score)} on ${formatDayLong(low.day)}).`;
}
