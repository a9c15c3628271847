import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { ChartDataTable, type ChartTableData } from "./chart-data-table";

/**
 * A chart with its text alternatives: the heading names the figure, the caption says in words what the
 * chart shows, and the same numbers are one click away as a table (a native disclosure, keyboard-ready).
 */
export function ChartFigure({
  id,
  title,
  summary,
  chart,
  table,
  note,
  footer,
}: {
  id: string;
  title: string;
  summary: ReactNode;
  chart: ReactNode;
  /** The same numbers as text rows, drawn as a table when the reader opens it. */
  table: ChartTableData;
  note?: ReactNode;
  /** Shown under the chart, before the table (the score chart's explained steps). */
  footer?: ReactNode;
}) {
  return (
    <Card aria-labelledby={`${id}-title`} className="mb-6">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="mt-2">
        <figcaption id={`${id}-summary`} className="text-sm text-slate-600">
          {summary}
        </figcaption>
        {note ? <div className="mt-2 text-sm text-slate-600">{note}</div> : null}
        <div className="mt-4 min-h-[260px]">{chart}</div>
      </figure>
      {footer}
      <ChartDataTable {...table} />
    </Card>
  );
}
