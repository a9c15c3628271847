"use client";

import { useMemo } from "react";
import { CartesianGrid, type DotItemDotProps, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatScore } from "@/lib/controls/scoring";
import { AXIS_TICK, formatDay, formatDayLong, GRID_STROKE } from "./chart-format";

export interface ScoreSeries {
  /** Data key: "portfolio" or a customer id. */
  key: string;
  name: string;
  colour: string;
  emphasis?: boolean;
  /** One value per day of `days`; null = no score that day. */
  values: (number | null)[];
}

/**
 * Scores over time, one line per series, 0–100. Plain data in, so the server page decides what is drawn;
 * the text alternative (caption and table) is rendered beside it on the server.
 */
export function ScoreChart({ days, series, title }: { days: string[]; series: ScoreSeries[]; title: string }) {
  const data = useMemo(
    () =>
      days.map((day, index) => {
        const row: Record<string, string | number | null> = { day };
        for (const line of series) row[line.key] = line.values[index] ?? null;
        return row;
      }),
    [days, series],
  );
  return (
    <LineChart
      responsive
      data={data}
      title={title}
      style={{ width: "100%", height: 300 }}
      margin={{ top: 8, right: 28, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={28} tick={AXIS_TICK} tickLine={false} />
      <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} width={36} tick={AXIS_TICK} tickLine={false} />
      <Tooltip
        labelFormatter={(label) => formatDayLong(String(label))}
        formatter={(value) => (typeof value === "number" ? formatScore(value) : "no score")}
        itemSorter={(item) => (item.dataKey === "portfolio" ? "" : String(item.name))}
      />
      <Legend iconType="plainline" itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
      {series.map((line) => (
        <Line
          key={line.key}
          dataKey={line.key}
          name={line.name}
          type="linear"
          stroke={line.colour}
          strokeWidth={line.emphasis ? 3 : 1.75}
          dot={renderIsolatedDot}
          activeDot={{ r: 4 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}

/** A dot only where a value has no neighbour to draw a line to (a single day of history, say). */
function renderIsolatedDot({ cx, cy, index, points, stroke, dataKey }: DotItemDotProps) {
  const key = `${String(dataKey)}-${index}`;
  const isolated = points[index]?.value != null && points[index - 1]?.value == null && points[index + 1]?.value == null;
  if (!isolated || cx == null || cy == null) return <g key={key} />;
  return <circle key={key} cx={cx} cy={cy} r={3.5} fill={stroke} stroke="white" />;
}
