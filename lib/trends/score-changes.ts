import { z } from "zod";

// The Trends page's "score change per customer" table as a paged, searchable, sortable view: the page
// renders its first page, and the table asks GET /api/trends/score-changes for the others. Plain values and
// pure functions, shared by the read model (lib/queries/trends.ts), the route handler and the browser.

export const TREND_RANGES = [30, 90, 180, 365] as const;
export type TrendRange = (typeof TREND_RANGES)[number];
export const DEFAULT_TREND_RANGE: TrendRange = 90;

export const SCORE_CHANGE_PAGE_SIZE = 20;
export const SCORE_CHANGE_SORTS = ["change", "name"] as const;
export type ScoreChangeSort = (typeof SCORE_CHANGE_SORTS)[number];
/** Longest customer-name search accepted. */
export const SCORE_CHANGE_SEARCH_MAX_LENGTH = 100;

export interface ScorePoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** null: no score that day (nothing evaluated yet, or nothing evaluable). */
  score: number | null;
}

export interface CustomerScoreChange {
  customerId: string;
  name: string;
  /** The customer's state when the window starts (or its first snapshot inside it); null = no history. */
  start: ScorePoint | null;
  latest: ScorePoint | null;
  /** latest − start in points; null without two scores to compare. */
  change: number | null;
}

export const RANGE_VALUES = ["30", "90", "180", "365"] as const satisfies readonly `${TrendRange}`[];

/**
 * The table's view: range (days), a customer-name search, the sort and its direction (`change` ascending
 * is the biggest drop first, the table's default; `name` ascending is A to Z) and the page.
 */
export const scoreChangesQuerySchema = z.object({
  range: z
    .preprocess(
      (value) => (typeof value === "number" ? String(value) : value === "" ? undefined : value),
      z.enum(RANGE_VALUES, { error: "Choose a range of 30, 90, 180 or 365 days." }).optional(),
    )
    .transform((value): TrendRange => (value ? (Number(value) as TrendRange) : DEFAULT_TREND_RANGE)),
  q: z.string().trim().max(SCORE_CHANGE_SEARCH_MAX_LENGTH, "Search for at most 100 characters.").default(""),
  sort: z.enum(SCORE_CHANGE_SORTS, { error: "Sort by change or name." }).default("change"),
  dir: z.enum(["asc", "desc"], { error: "Sort ascending or descending." }).default("asc"),
  page: z.coerce.number().int("Not a page number.").min(1, "Pages start at 1.").max(100_000).default(1),
});
export type ScoreChangesQueryInput = z.input<typeof scoreChangesQuerySchema>;
export type ScoreChangesQuery = z.output<typeof scoreChangesQuerySchema>;

export interface ScoreChangePage {
  rows: CustomerScoreChange[];
  /** Customers matching the search (all of them without one). */
  matching: number;
  /** Every customer in view, searched or not. */
  total: number;
  /** The page shown (the last one when the page asked for is past it). */
  page: number;
  pageCount: number;
  pageSize: number;
}

/** The query string of a view, for the route handler (defaults left out). */
export function scoreChangesSearch(query: ScoreChangesQuery): string {
  const params = new URLSearchParams({ range: String(query.range) });
  if (query.q) params.set("q", query.q);
  if (query.sort !== "change") params.set("sort", query.sort);
  if (query.dir !== "asc") params.set("dir", query.dir);
  if (query.page !== 1) params.set("page", String(query.page));
  return params.toString();
}

// One collator for every comparison: localeCompare with options builds a new one per call (~10 µs each), which
// sorting a manager's 5,000 score changes on every request paid thousands of times (ADR 031).
const NAME_COLLATOR = new Intl.Collator("en", { sensitivity: "base" });
const byName = (a: CustomerScoreChange, b: CustomerScoreChange) =>
  NAME_COLLATOR.compare(a.name, b.name) || a.customerId.localeCompare(b.customerId);

/** Biggest drop first (`asc`) or biggest rise first (`desc`); customers without a change last; then by name. */
export function compareScoreChanges(
  a: CustomerScoreChange,
  b: CustomerScoreChange,
  sort: ScoreChangeSort = "change",
  dir: "asc" | "desc" = "asc",
): number {
  const sign = dir === "asc" ? 1 : -1;
  if (sort === "name") return sign * byName(a, b);
  if (a.change === null || b.change === null) {
    if (a.change !== b.change) return a.change === null ? 1 : -1;
  } else if (a.change !== b.change) return sign * (a.change - b.change);
  return byName(a, b);
}

/** Customers whose name contains `q` (any case, any accent). */
export function matchesCustomerName(name: string, q: string): boolean {
  if (!q) return true;
  const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
  return fold(name).includes(fold(q));
}

/** One page of `changes` (every customer in view) for the view `query`: searched, sorted, sliced. */
export function pageScoreChanges(changes: readonly CustomerScoreChange[], query: ScoreChangesQuery): ScoreChangePage {
  const matching = changes
    .filter((change) => matchesCustomerName(change.name, query.q))
    .sort((a, b) => compareScoreChanges(a, b, query.sort, query.dir));
  const pageCount = Math.max(1, Math.ceil(matching.length / SCORE_CHANGE_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  return {
    rows: matching.slice((page - 1) * SCORE_CHANGE_PAGE_SIZE, page * SCORE_CHANGE_PAGE_SIZE),
    matching: matching.length,
    total: changes.length,
    page,
    pageCount,
    pageSize: SCORE_CHANGE_PAGE_SIZE,
  };
}
