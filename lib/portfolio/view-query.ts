import { z } from "zod";

// The portfolio view a URL asks for (search, sort, grade, attention, page): parsed here, read by the
// portfolio read model (lib/queries/portfolio.ts) and written back into links by its components.

export const PORTFOLIO_SORTS = ["name", "score", "delta", "failing", "unknown", "sync"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** The direction a column sorts in when first chosen: the end a consultant looks at first. */
export const DEFAULT_DIRECTION: Record<PortfolioSort, SortDirection> = {
  name: "asc",
  score: "asc", // worst first
  delta: "asc", // biggest drop first
  failing: "desc",
  unknown: "desc",
  sync: "asc", // stalest first
};

export const GRADE_FILTERS = ["A", "B", "C", "D", "F", "none"] as const;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * The portfolio's URL search params. Each one falls back to its default when missing or invalid, so a
 * hand-edited URL shows the default view instead of an error.
 */
export const portfolioQuerySchema = z.object({
  q: z
    .preprocess(firstValue, z.string().trim().max(100).optional())
    .catch(undefined)
    .transform((value) => value || undefined),
  sort: z.preprocess(firstValue, z.enum(PORTFOLIO_SORTS)).catch("name"),
  dir: z.preprocess(firstValue, z.enum(["asc", "desc"]).optional()).catch(undefined),
  grade: z.preprocess(firstValue, z.enum(GRADE_FILTERS).optional()).catch(undefined),
  attention: z
    .preprocess(firstValue, z.enum(["1", "true", "on"]).optional())
    .catch(undefined)
    .transform((value) => value !== undefined),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(10_000)).catch(1),
});
/** Search params as a page receives them: strings, repeated ones as arrays, anything else ignored. */
export type PortfolioSearchParams = Readonly<Record<string, string | readonly string[] | undefined>>;
export type PortfolioQuery = z.output<typeof portfolioQuerySchema>;
