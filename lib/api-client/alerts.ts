import { queryOptions } from "@tanstack/react-query";
import type { AlertCounts } from "@/lib/queries/alerts";
import { fetchJson } from "./fetch-json";

export const alertKeys = {
  all: ["alerts"] as const,
  counts: (search: string) => ["alerts", "counts", search] as const,
};

/** How often the queue's counts are refreshed while the page is open. */
export const ALERT_COUNTS_POLL_MS = 30_000;

/** The queue's counters for a view (its search params, as the page URL has them); polled while open. */
export function alertCountsQuery(search: string, initialData?: AlertCounts) {
  return queryOptions({
    queryKey: alertKeys.counts(search),
    queryFn: () => fetchJson<AlertCounts>(`/api/alerts/counts${search ? `?${search}` : ""}`),
    initialData,
    initialDataUpdatedAt: initialData ? Date.parse(initialData.countedAt) : undefined,
    refetchInterval: ALERT_COUNTS_POLL_MS,
  });
}
