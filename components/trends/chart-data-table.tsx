"use client";

import { useState } from "react";
import { Table, Td, Th, Tr } from "@/components/ui/table";

/** A chart's numbers as text, one row per day or week: the first column names it, the others are numbers. */
export interface ChartTableData {
  caption: string;
  columns: string[];
  rows: string[][];
}

/**
 * The chart's text alternative behind a native disclosure. The rows travel as plain strings and the table
 * is drawn when the disclosure opens, so a page of four charts does not carry four tables of markup for
 * readers who never open them.
 */
export function ChartDataTable({ caption, columns, rows }: ChartTableData) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-4 text-sm" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer font-medium text-brand-700 hover:underline">Show the data as a table</summary>
      {open ? (
        <div className="mt-3 max-h-96 overflow-y-auto">
          <Table caption={caption}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <Th key={column}>{column}</Th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <Tr key={row[0]}>
                  {row.map((cell, index) => (
                    <Td key={index} className={index === 0 ? "whitespace-nowrap" : "tabular-nums"}>
                      {cell}
                    </Td>
                  ))}
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      ) : null}
    </details>
  );
}
