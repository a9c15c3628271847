import type { SlaWeek, TrendWindow } from "@/lib/queries/trends";
import { ChartFigure } from "./chart-figure";
import { formatDayLong } from "./chart-format";
import { SlaChart } from "./sla-chart";

/** "3 h", "2.5 days": a duration in hours as a manager reads it. */
function formatHours(hours: number): string {
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} days`;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Alerts resolved per week: the share within SLA and the median time to resolve (issue 19 §10). */
export function SlaSection({ weeks, window, subject }: { weeks: SlaWeek[]; window: TrendWindow; subject: string }) {
  const title = `Alerts resolved within SLA and time to resolve, last ${window.days} days`;
  const resolved = weeks.reduce((sum, week) => sum + week.resolved, 0);
  const within = weeks.reduce((sum, week) => sum + week.withinSla, 0);
  const latest = [...weeks].reverse().find((week) => week.resolved > 0);
  return (
    <ChartFigure
      id="sla"
      title={title}
      summary={
        resolved === 0 ? (
          <>
            No alert of {subject} was resolved in these {weeks.length} weeks, so there is no SLA record yet. An alert
            counts here in the week it is resolved: within SLA when resolved by its due time.
          </>
        ) : (
          <>
            For {subject}: {resolved} alert{resolved === 1 ? "" : "s"} resolved in {weeks.length} weeks,{" "}
            {percent(within / resolved)} within SLA.
            {latest?.share != null && latest.medianHours != null
              ? ` Latest week with resolutions (${formatDayLong(latest.week)}): ${percent(latest.share)} within SLA, median ${formatHours(latest.medianHours)} to resolve.`
              : null}
          </>
        )
      }
      note={
        <p>
          Bars: the share of the week&apos;s resolved alerts closed by their due time (the SLA for their severity).
          Line: the median time from an alert&apos;s first sighting to its resolution. Suppressed alerts are left out.
        </p>
      }
      chart={<SlaChart weeks={weeks} title={title} />}
      table={{
        caption: `${title}: per week`,
        columns: ["Week of", "Resolved", "Within SLA", "Median time to resolve"],
        rows: weeks.map((week) => [
          `${formatDayLong(week.week)}${week.partial ? " (so far)" : ""}`,
          String(week.resolved),
          week.share === null ? "—" : `${week.withinSla} (${percent(week.share)})`,
          week.medianHours === null ? "—" : formatHours(week.medianHours),
        ]),
      }}
    />
  );
}
