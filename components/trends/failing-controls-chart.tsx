"use client";

import { useMemo } from "react";
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, formatDay, formatDayLong, GRID_STROKE, SEVERITY_COLOURS } from "./chart-format";

const SEVERITY_ORDER = ["critical", "high", "other"] as const;

/** Per day of `days`: failing results by severity; null where no customer had reported yet. */
export interface FailingControlsSeries {
  days: string[];
  critical: (number | null)[];
  high: (number | null)[];
  other: (number | null)[];
}

/** Failing control results per day, stacked by severity so the top edge is every failing result. */
export function FailingControlsChart({ series, title }: { series: FailingControlsSeries; title: string }) {
  const data = useMemo(
    () =>
      series.days.map((day, index) => ({
        day,
        critical: series.critical[index] ?? null,
        high: series.high[index] ?? null,
        other: series.other[index] ?? null,
      })),
    [series],
  );
  return (
    <AreaChart
      responsive
      data={data}
      title={title}
      style={{ width: "100%", height: 260 }}
      margin={{ top: 8, right: 28, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={28} tick={AXIS_TICK} tickLine={false} />
      <YAxis allowDecimals={false} width={36} tick={AXIS_TICK} tickLine={false} />
      <Tooltip
        labelFormatter={(label) => formatDayLong(String(label))}
        itemSorter={(item) => SEVERITY_ORDER.indexOf(item.dataKey as (typeof SEVERITY_ORDER)[number])}
      />
      <Legend iconType="square" itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
      {(
        [
          ["critical", "Critical"],
          ["high", "High"],
          ["other", "Medium and low"],
        ] as const
      ).map(([key, name]) => (
        <Area
          key={key}
          dataKey={key}
          name={name}
          stackId="failing"
          type="stepAfter"
          stroke={SEVERITY_COLOURS[key]}
          fill={SEVERITY_COLOURS[key]}
          fillOpacity={0.35}
          isAnimationActive={false}
        />
      ))}
    </AreaChart>
  );
}
