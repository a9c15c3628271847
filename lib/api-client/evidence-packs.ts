import { queryOptions } from "@tanstack/react-query";
import type { EvidencePackList } from "@/lib/queries/evidence-packs";
import { fetchJson } from "./fetch-json";

export const evidencePackKeys = {
  all: ["evidence-packs"] as const,
  customer: (customerId: string) => ["evidence-packs", "customer", customerId] as const,
};

/** Polls every 2 s while a pack is queued or being built, then stops. */
export function evidencePackListQuery(customerId: string, initialData?: EvidencePackList) {
  return queryOptions({
    queryKey: evidencePackKeys.customer(customerId),
    queryFn: () => fetchJson<EvidencePackList>(`/api/customers/${encodeURIComponent(customerId)}/evidence-packs`),
    initialData,
    refetchInterval: (query) => (query.state.data?.active ? 2_000 : false),
  });
}
