import { queryOptions } from "@tanstack/react-query";
import type { CustomerSearch } from "@/lib/queries/customers";
import { fetchJson } from "./fetch-json";

export const customerKeys = {
  all: ["customers"] as const,
  search: (text: string) => ["customers", "search", text] as const,
};

/** The header switcher's matches for what was typed (empty: the first customers by name). */
export function customerSearchQuery(text: string) {
  return queryOptions({
    queryKey: customerKeys.search(text),
    queryFn: () => fetchJson<CustomerSearch>(`/api/customers/search?${new URLSearchParams({ q: text })}`),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}
