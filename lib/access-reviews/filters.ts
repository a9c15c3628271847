import { z } from "zod";
import { RISK_FLAGS } from "./risk-flags";

// The item filters of a campaign page (URL search params), shared by the page, the read model and the
// bulk-decision bar. Each param is validated on its own: a bad one is dropped and reported, the rest apply.

export const DECISION_STATES = ["undecided", "KEEP", "REVOKE", "MODIFY"] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

const filterFields = {
  flag: z.union([z.literal("risky"), z.literal("none"), z.enum(RISK_FLAGS)]),
  state: z.enum(DECISION_STATES),
  account: z.string().trim().min(1).max(64),
  q: z.string().trim().min(1).max(100),
};

export interface ReviewItemFilters {
  flag?: z.infer<typeof filterFields.flag>;
  state?: DecisionState;
  account?: string;
  q?: string;
}

/** Parses raw search params; `ignored` names the params that were present but not valid. */
export function parseReviewItemFilters(raw: Record<string, string | string[] | undefined>): {
  filters: ReviewItemFilters;
  ignored: string[];
} {
  const filters: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, schema] of Object.entries(filterFields)) {
    const value = raw[key];
    if (value === undefined || value === "") continue;
    const parsed = schema.safeParse(Array.isArray(value) ? value[0] : value);
    if (parsed.success) filters[key] = parsed.data;
    else ignored.push(key);
  }
  return { filters: filters as ReviewItemFilters, ignored };
}

export interface FilterableItem {
  awsAccountId: string;
  userName: string;
  riskFlags: readonly string[];
  decision: string | null;
}

export function matchesReviewItemFilters(item: FilterableItem, filters: ReviewItemFilters): boolean {
  if (filters.flag === "risky" && item.riskFlags.length === 0) return false;
  if (filters.flag === "none" && item.riskFlags.length > 0) return false;
  if (filters.flag && filters.flag !== "risky" && filters.flag !== "none" && !item.riskFlags.includes(filters.flag))
    return false;
  if (filters.state === "undecided" && item.decision !== null) return false;
  if (filters.state && filters.state !== "undecided" && item.decision !== filters.state) return false;
  if (filters.account && item.awsAccountId !== filters.account) return false;
  if (filters.q && !item.userName.toLowerCase().includes(filters.q.toLowerCase())) return false;
  return true;
}

/** "2026-Q4" for a date (UTC quarter). */
export function quarterLabel(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}
