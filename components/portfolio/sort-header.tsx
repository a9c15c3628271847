import Link from "next/link";
import { Th } from "@/components/ui/table";
import {
  DEFAULT_DIRECTION,
  type PortfolioQuery,
  type PortfolioSort,
  type SortDirection,
} from "@/lib/portfolio/view-query";
import { portfolioHref } from "./portfolio-href";

/**
 * A column header that sorts the portfolio: a link to the same view sorted by this column (the other
 * direction when it already is), with aria-sort announcing the current order.
 */
export function SortHeader({
  label,
  sort,
  query,
  className,
}: {
  label: string;
  sort: PortfolioSort;
  query: PortfolioQuery & { dir: SortDirection };
  className?: string;
}) {
  const active = query.sort === sort;
  const dir: SortDirection = active ? (query.dir === "asc" ? "desc" : "asc") : DEFAULT_DIRECTION[sort];
  return (
    <Th aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined} className={className}>
      <Link
        href={portfolioHref(query, { sort, dir, page: 1 })}
        className="inline-flex items-center gap-1 rounded-sm hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
        title={`Sort by ${label.toLowerCase()}, ${dir === "asc" ? "ascending" : "descending"}`}
      >
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-400"}>
          {active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </Th>
  );
}
