import type { FindingsWeek, TrendWindow } from "@/lib/queries/trends";
import { ChartFigure } from "./chart-figure";
import { formatDayLong } from "./chart-format";
import { FindingsChart } from "./findings-chart";

/** Inspector, Config and other findings opened vs resolved per ISO week. */
export function FindingsSection({
  weeks,
  window,
  subject,
}: {
  weeks: FindingsWeek[];
  window: TrendWindow;
  subject: string;
}) {
  const title = `Findings opened and resolved per week, last ${window.days} days`;
  const opened = weeks.reduce((sum, week) => sum + week.opened, 0);
  const resolved = weeks.reduce((sum, week) => sum + week.resolved, 0);
  const first = weeks[0];
  const current = weeks.at(-1);
  const net = opened - resolved;
  return (
    <ChartFigure
      id="findings"
      title={title}
      summary={
        opened + resolved === 0 ? (
          <>
            No finding of {subject} was opened or resolved in these {weeks.length} weeks. New Inspector and Config
            findings are counted here when a sync first sees them, and resolved when a complete collection no longer
            does.
          </>
        ) : (
          <>
            For {subject}, in the {weeks.length} weeks from the week of {first ? formatDayLong(first.week) : ""}:{" "}
            {opened} opened and {resolved} resolved (
            {net === 0
              ? "no net change"
              : `${Math.abs(net)} ${net > 0 ? "more opened than resolved" : "more resolved than opened"}`}
            ).{current ? ` This week so far: ${current.opened} opened, ${current.resolved} resolved.` : null}
          </>
        )
      }
      note={<p>Weeks start on Monday (UTC); the first week may begin before the range does.</p>}
      chart={<FindingsChart weeks={weeks} title={title} />}
      table={{
        caption: `${title}: findings per week`,
        columns: ["Week of", "Opened", "Resolved", "Opened − resolved"],
        rows: weeks.map((week) => [
          `${formatDayLong(week.week)}${week.partial ? " (so far)" : ""}`,
          String(week.opened),
          String(week.resolved),
          String(week.opened - week.resolved),
        ]),
      }}
    />
  );
}
