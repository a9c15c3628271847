import { queryOptions } from "@tanstack/react-query";
import type { CustomerSyncStatus } from "@/lib/queries/sync-runs";
import { fetchJson } from "./fetch-json";

export const syncKeys = {
  all: ["sync"] as const,
  customer: (customerId: string) => ["sync", "customer", customerId] as const,
};

/**
 * Polls every 2 s while a run is queued or running, then every 10 s while stored evidence awaits its
 * evaluation (normally seconds; after a crash, until a worker starts), then stops.
 */
export function customerSyncStatusQuery(customerId: string, initialData?: CustomerSyncStatus) {
  return queryOptions({
    queryKey: syncKeys.customer(customerId),
    queryFn: () => fetchJson<CustomerSyncStatus>(`/api/customers/${encodeURIComponent(customerId)}/sync-status`),
    initialData,
    refetchInterval: (query) => {
      if (query.state.data?.active) return 2_000;
      return query.state.data?.accounts.some((account) => account.run?.evaluation === "pending") ? 10_000 : false;
    },
  });
}
