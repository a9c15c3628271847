import type { TrendRange } from "@/lib/trends/score-changes";

/** The Trends page for a range, and for one customer when given. */
export function trendsHref(range: TrendRange, customerId?: string): string {
  const params = new URLSearchParams({ range: String(range) });
  if (customerId) params.set("customer", customerId);
  return `/trends?${params.toString()}`;
}
