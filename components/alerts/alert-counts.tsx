"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ALERT_COUNTS_POLL_MS, alertCountsQuery } from "@/lib/api-client/alerts";
import type { AlertCounts } from "@/lib/queries/alerts";

export interface CountTile {
  key: keyof Pick<AlertCounts, "open" | "new" | "breached" | "dueSoon" | "mine" | "unassigned">;
  label: string;
  href: string;
  tone: "neutral" | "critical" | "warn";
}

/**
 * The queue's counters, refreshed every 30 s from /api/alerts/counts without reloading the page. When
 * the number of alerts matching the view changes, it offers to refresh the list.
 */
export function AlertCountsPanel({
  initial,
  search,
  tiles,
  matchingShown,
}: {
  initial: AlertCounts;
  /** The view's search params, as in the page URL. */
  search: string;
  tiles: CountTile[];
  /** How many alerts the rendered list says match. */
  matchingShown: number;
}) {
  const router = useRouter();
  const { data, isError, error } = useQuery(alertCountsQuery(search, initial));
  const counts = data ?? initial;
  const changed = counts.matching !== matchingShown;
  return (
    <section aria-label="Alert counts" className="mb-4 space-y-2">
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {tiles.map((tile) => {
          const value = counts[tile.key];
          return (
            <li key={tile.key}>
              <Link
                href={tile.href}
                className={cn(
                  "block rounded-lg bg-white px-3 py-2 ring-1 hover:ring-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600",
                  tile.tone === "critical" && value > 0 ? "ring-red-300 bg-red-50" : "ring-slate-200",
                  tile.tone === "warn" && value > 0 ? "ring-amber-300 bg-amber-50" : "",
                )}
              >
                <span className="block text-xs font-medium text-slate-600">{tile.label}</span>
                <span
                  className={cn(
                    "block text-2xl font-semibold tabular-nums",
                    tile.tone === "critical" && value > 0 ? "text-red-700" : "text-slate-900",
                    tile.tone === "warn" && value > 0 ? "text-amber-800" : "",
                  )}
                  data-count={tile.key}
                >
                  {value}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <p className="flex flex-wrap items-center gap-3 text-xs text-slate-500" aria-live="polite">
        <span>
          Counts refresh every {ALERT_COUNTS_POLL_MS / 1000} s · updated{" "}
          <time dateTime={counts.countedAt}>{counts.countedAt.slice(11, 19)} UTC</time>
        </span>
        {isError ? <span className="text-red-700">Could not refresh the counts: {error.message}</span> : null}
        {changed ? (
          <span className="flex items-center gap-2 text-slate-800">
            {counts.matching} alert{counts.matching === 1 ? "" : "s"} match this view now (the list shows{" "}
            {matchingShown}
            ).
            <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => router.refresh()}>
              Refresh the list
            </Button>
          </span>
        ) : null}
      </p>
    </section>
  );
}
