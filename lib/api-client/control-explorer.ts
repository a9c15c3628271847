import { queryOptions } from "@tanstack/react-query";
import type { ExplorerData } from "@/lib/queries/control-explorer";
import { fetchJson } from "./fetch-json";

export const controlExplorerKeys = {
  all: ["control-explorer"] as const,
  customer: (customerId: string) => ["control-explorer", customerId] as const,
};

/** The scorecard's control explorer: every control's result per account, as compact data. */
export function controlExplorerQuery(customerId: string) {
  return queryOptions({
    queryKey: controlExplorerKeys.customer(customerId),
    queryFn: () => fetchJson<ExplorerData>(`/api/customers/${encodeURIComponent(customerId)}/controls`),
    // Read afresh each time the scorecard opens (an attestation or suppression elsewhere changes it); the
    // server answers from its per-customer cache while nothing changed.
    gcTime: 0,
  });
}
