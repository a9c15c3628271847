"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { scoreChangesQuery } from "@/lib/api-client/trends";
import { formatScore } from "@/lib/controls/scoring";
import type { TrendWindow } from "@/lib/queries/trends";
import {
  SCORE_CHANGE_SEARCH_MAX_LENGTH,
  type ScoreChangePage,
  type ScoreChangeSort,
  type ScoreChangesQuery,
  type ScorePoint,
} from "@/lib/trends/score-changes";
import { formatDayLong, formatPoints } from "./chart-format";
import { trendsHref } from "./trends-href";

const ORDER_WORDS: Record<ScoreChangeSort, Record<"asc" | "desc", string>> = {
  change: { asc: "biggest drop first", desc: "biggest rise first" },
  name: { asc: "by name, A to Z", desc: "by name, Z to A" },
};

/**
 * Each customer's score at the start of the range and now, biggest drop first; a name opens its trend.
 * Every customer in view is here, a page at a time: the server renders the first page, the others (and a
 * search by name, and the other orders) come from GET /api/trends/score-changes.
 */
export function ScoreChangeTable({ initial, window }: { initial: ScoreChangePage; window: TrendWindow }) {
  const searchId = useId();
  const [text, setText] = useState("");
  const [sort, setSort] = useState<ScoreChangeSort>("change");
  const [dir, setDir] = useState<"asc" | "desc">("asc");
  const [page, setPage] = useState(1);
  const q = useDeferredValue(text.trim());
  const query: ScoreChangesQuery = { range: window.days, q, sort, dir, page };
  const isInitial = q === "" && sort === "change" && dir === "asc" && page === 1;
  const { data = initial, isFetching, isError } = useQuery(scoreChangesQuery(query, isInitial ? initial : undefined));

  const order = (next: ScoreChangeSort) => {
    setDir(next === sort ? (dir === "asc" ? "desc" : "asc") : "asc");
    setSort(next);
    setPage(1);
  };
  const ariaSort = (column: ScoreChangeSort) =>
    column === sort ? (dir === "asc" ? "ascending" : "descending") : undefined;
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + data.rows.length - 1;
  const status = isError
    ? "The customers could not be loaded; try again."
    : data.matching === 0
      ? `No customer matches “${q}”.`
      : `Customers ${first}–${last} of ${data.matching}${q ? ` matching “${q}”` : ""}, ${ORDER_WORDS[sort][dir]}${data.matching < data.total ? ` (${data.total} in all)` : ""}.`;

  return (
    <Card aria-labelledby="score-changes-title" className="mb-6">
      <h2 id="score-changes-title" className="text-base font-semibold text-slate-900">
        Score change per customer, last {window.days} days
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        Each customer&apos;s score when the range starts and its latest, biggest drop first. Choose a customer to draw
        its line.
      </p>
      <search aria-label="Find a customer's score change" className="mb-3 block max-w-sm">
        <label htmlFor={searchId} className="block text-sm font-medium text-slate-800">
          Find a customer
        </label>
        <Input
          id={searchId}
          type="search"
          className="mt-1"
          maxLength={SCORE_CHANGE_SEARCH_MAX_LENGTH}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setPage(1);
          }}
        />
      </search>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {status}
        {isFetching ? <span className="sr-only"> Loading…</span> : null}
      </p>
      <Table
        caption={`Score change per customer over the last ${window.days} days, ${ORDER_WORDS[sort][dir]}`}
        className={isFetching ? "opacity-70" : undefined}
      >
        <thead>
          <tr>
            <Th aria-sort={ariaSort("name")}>
              <SortButton label="Customer" active={sort === "name"} dir={dir} onClick={() => order("name")} />
            </Th>
            <Th>At the start</Th>
            <Th>Latest</Th>
            <Th aria-sort={ariaSort("change")}>
              <SortButton label="Change" active={sort === "change"} dir={dir} onClick={() => order("change")} />
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.rows.map((change) => (
            <Tr key={change.customerId}>
              <Td>
                <Link
                  href={trendsHref(window.days, change.customerId)}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {change.name}
                </Link>
              </Td>
              <Td>
                <PointCell point={change.start} />
              </Td>
              <Td>
                <PointCell point={change.latest} />
              </Td>
              <Td className="tabular-nums">
                {change.change === null ? (
                  <span className="text-slate-500">—</span>
                ) : (
                  <span
                    className={
                      change.change <= -0.05
                        ? "font-semibold text-red-700"
                        : change.change >= 0.05
                          ? "text-emerald-700"
                          : undefined
                    }
                  >
                    {formatPoints(change.change)}
                  </span>
                )}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      {data.pageCount > 1 ? (
        <nav aria-label="Pages of the score change table" className="mt-3 flex items-center gap-3 text-sm">
          <Button variant="secondary" disabled={data.page <= 1} onClick={() => setPage(Math.max(1, data.page - 1))}>
            Previous page
          </Button>
          <span>
            Page {data.page} of {data.pageCount}
          </span>
          <Button
            variant="secondary"
            disabled={data.page >= data.pageCount}
            onClick={() => setPage(Math.min(data.pageCount, data.page + 1))}
          >
            Next page
          </Button>
        </nav>
      ) : null}
    </Card>
  );
}

function SortButton({
  label,
  active,
  dir,
  onClick,
}: {
  label: string;
  active: boolean;
  dir: "asc" | "desc";
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="inline-flex items-center gap-1 font-semibold uppercase tracking-wide text-slate-600 hover:text-slate-900"
    >
      {label}
      <span aria-hidden="true">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
      <span className="sr-only">{active ? ", sorted; change the order" : ", sort by this column"}</span>
    </button>
  );
}

function PointCell({ point }: { point: ScorePoint | null }) {
  if (!point) return <span className="text-slate-500">no history</span>;
  return (
    <span className="whitespace-nowrap">
      <span className={point.score === null ? "text-slate-500" : "font-medium tabular-nums"}>
        {formatScore(point.score)}
      </span>{" "}
      <span className="text-xs text-slate-500">({formatDayLong(point.day)})</span>
    </span>
  );
}
