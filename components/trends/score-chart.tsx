"use client";

import { useMemo } from "react";
import {
  CartesianGrid,
  type DotItemDotProps,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
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

/** A day the first line (the portfolio) moved, with what moved it, in words. */
export interface ExplainedStep {
  day: string;
  lines: string[];
}

/**
 * Scores over time, one line per series, 0–100. Plain data in, so the server page decides what is drawn;
 * the text alternative (caption and table) is rendered beside it on the server.
 */
export function ScoreChart({
  days,
  series,
  title,
  steps = [],
}: {
  days: string[];
  series: ScoreSeries[];
  title: string;
  steps?: ExplainedStep[];
}) {
  const stepsByDay = useMemo(() => new Map(steps.map((step) => [step.day, step.lines])), [steps]);
  const first = series[0];
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
        content={({ active, payload, label }) => (
          <ScoreTooltip active={active} payload={payload} label={label} stepsByDay={stepsByDay} />
        )}
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
      {first
        ? steps.map((step) => {
            const value = first.values[days.indexOf(step.day)];
            return value == null ? null : (
              <ReferenceDot
                key={step.day}
                x={step.day}
                y={value}
                r={4}
                fill="white"
                stroke={first.colour}
                strokeWidth={2}
                ifOverflow="extendDomain"
              />
            );
          })
        : null}
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

/** The day, each line's score, and for a step of the portfolio line what moved it. */
function ScoreTooltip({
  active,
  payload,
  label,
  stepsByDay,
}: {
  active?: boolean;
  payload?: readonly { dataKey?: unknown; name?: unknown; value?: unknown; color?: string }[];
  label?: unknown;
  stepsByDay: Map<string, string[]>;
}) {
  if (!active || !payload?.length) return null;
  const day = String(label);
  const reasons = stepsByDay.get(day);
  const items = [...payload].sort((a, b) =>
    a.dataKey === "portfolio" ? -1 : b.dataKey === "portfolio" ? 1 : String(a.name).localeCompare(String(b.name)),
  );
  return (
    <div className="max-w-xs rounded-md bg-white px-3 py-2 text-xs text-slate-800 shadow ring-1 ring-slate-200">
      <p className="font-semibold">{formatDayLong(day)}</p>
      <ul>
        {items.map((item) => (
          <li key={String(item.dataKey)} style={{ color: item.color }}>
            {String(item.name)}: {typeof item.value === "number" ? formatScore(item.value) : "no score"}
          </li>
        ))}
      </ul>
      {reasons ? (
        <div className="mt-1 border-t border-slate-200 pt-1">
          <p className="font-medium">What moved the score</p>
          <ul className="list-disc pl-4">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
