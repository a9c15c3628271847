import { DEFAULT_DIRECTION, type PortfolioQuery } from "@/lib/portfolio/view-query";

/** A portfolio URL: the current view's search params with some replaced; defaults are left out. */
export function portfolioHref(query: PortfolioQuery, changes: Partial<PortfolioQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.grade) params.set("grade", next.grade);
  if (next.attention) params.set("attention", "1");
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.dir && next.dir !== DEFAULT_DIRECTION[next.sort]) params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `/portfolio?${search}` : "/portfolio";
}
