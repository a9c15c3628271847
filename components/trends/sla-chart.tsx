"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { SlaWeek } from "@/lib/queries/trends";
import { AXIS_TICK, formatDay, formatDayLong, GRID_STROKE, SLA_COLOURS } from "./chart-format";

/** Per ISO week: the share of resolved alerts within SLA (bars, %) and the median hours to resolve (line). */
export function SlaChart({ weeks, title }: { weeks: SlaWeek[]; title: string }) {
  const data = weeks.map((week) => ({
    week: week.week,
    partial: week.partial,
    resolved: week.resolved,
    share: week.share === null ? null : Math.round(week.share * 1000) / 10,
    medianHours: week.medianHours === null ? null : Math.round(week.medianHours * 10) / 10,
  }));
  return (
    <ComposedChart
      responsive
      data={data}
      title={title}
      style={{ width: "100%", height: 260 }}
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="week" tickFormatter={formatDay} minTickGap={16} tick={AXIS_TICK} tickLine={false} />
      <YAxis yAxisId="share" domain={[0, 100]} unit="%" width={48} tick={AXIS_TICK} tickLine={false} />
      <YAxis yAxisId="hours" orientation="right" unit=" h" width={52} tick={AXIS_TICK} tickLine={false} />
      <Tooltip
        labelFormatter={(label, payload) => {
          const week = payload[0]?.payload as (typeof data)[number] | undefined;
          return `Week of ${formatDayLong(String(label))}${week?.partial ? " (so far)" : ""}: ${week?.resolved ?? 0} resolved`;
        }}
        formatter={(value, name) =>
          value == null ? "none resolved" : name === "Within SLA" ? `${value}%` : `${value} h`
        }
      />
      <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
      <Bar yAxisId="share" dataKey="share" name="Within SLA" fill={SLA_COLOURS.share} isAnimationActive={false} />
      <Line
        yAxisId="hours"
        dataKey="medianHours"
        name="Median time to resolve"
        stroke={SLA_COLOURS.median}
        strokeWidth={2}
        connectNulls={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
