"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, Th } from "@/components/ui/table";

/** One non-compliant rule in one account and region: [rule, account alias, region, resources]. */
export type ConfigRuleRow = readonly [rule: string, accountAlias: string, region: string, resources: number];

const PAGE_SIZE = 25;

/**
 * The non-compliant AWS Config rules (most resources first, up to 100), 25 to a page: the rows arrive as
 * compact tuples, so the page carries each rule once instead of a server-rendered row per rule (issue 13).
 */
export function ConfigRulesTable({ rows }: { rows: readonly ConfigRuleRow[] }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const first = current * PAGE_SIZE;
  const shown = rows.slice(first, first + PAGE_SIZE);
  return (
    <div className="space-y-2">
      <Table
        className="plain-cells"
        caption={`Non-compliant AWS Config rules${pages > 1 ? `, ${first + 1}–${first + shown.length} of ${rows.length}` : ""}`}
      >
        <thead>
          <tr>
            <Th>Rule</Th>
            <Th>Account</Th>
            <Th>Region</Th>
            <Th className="text-right">Resources</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(([rule, accountAlias, region, resources], index) => (
            // Printed, the report lists every rule; on screen, the page's rows.
            <tr
              key={`${rule}|${accountAlias}|${region}`}
              className={index < first || index >= first + PAGE_SIZE ? "hidden print:table-row" : undefined}
            >
              <td className="font-mono text-xs">{rule}</td>
              <td>{accountAlias}</td>
              <td className="text-xs">{region}</td>
              <td className="text-right tabular-nums">{resources}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {pages > 1 ? (
        <nav aria-label="Config rules pages" className="no-print flex flex-wrap items-center gap-2">
          <Button variant="secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </Button>
          <span className="text-sm text-slate-600">
            Page {current + 1} of {pages}
          </span>
          <Button variant="secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
