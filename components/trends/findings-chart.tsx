"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { FindingsWeek } from "@/lib/queries/trends";
import { AXIS_TICK, FINDING_COLOURS, formatDay, formatDayLong, GRID_STROKE } from "./chart-format";

/** Findings opened and resolved per ISO week, side by side. */
export function FindingsChart({ weeks, title }: { weeks: FindingsWeek[]; title: string }) {
  return (
    <BarChart
      responsive
      data={weeks}
      title={title}
      style={{ width: "100%", height: 260 }}
      margin={{ top: 8, right: 28, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="week" tickFormatter={formatDay} minTickGap={16} tick={AXIS_TICK} tickLine={false} />
      <YAxis allowDecimals={false} width={44} tick={AXIS_TICK} tickLine={false} />
      <Tooltip
        labelFormatter={(label, payload) => {
          const week = payload[0]?.payload as FindingsWeek | undefined;
          return `Week of ${formatDayLong(String(label))}${week?.partial ? " (so far)" : ""}`;
        }}
        itemSorter="dataKey"
      />
      <Legend iconType="square" itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
      <Bar dataKey="opened" name="Opened" fill={FINDING_COLOURS.opened} isAnimationActive={false} />
      <Bar dataKey="resolved" name="Resolved" fill={FINDING_COLOURS.resolved} isAnimationActive={false} />
    </BarChart>
  );
}
