import { z } from "zod";
import { addDays } from "../dates";
import { CHANGE_STATUSES } from "./workflow";

// Filters of the ICR log (page, CSV and PDF exports share them, so an export holds what the page shows):
// status, a date range on the window's start (YYYY-MM-DD, UTC days, both inclusive) and one account.
// A bad value is dropped rather than refused: a filter never turns a log into an error page.

export interface ChangeLogFilters {
  status: (typeof CHANGE_STATUSES)[number] | null;
  from: string | null;
  to: string | null;
  accountId: string | null;
}

const day = z.iso.date();

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseChangeLogFilters(params: Record<string, string | string[] | undefined>): ChangeLogFilters {
  const status = first(params.status);
  const from = first(params.from);
  const to = first(params.to);
  const accountId = first(params.account)?.trim();
  return {
    status: CHANGE_STATUSES.find((candidate) => candidate === status) ?? null,
    from: from && day.safeParse(from).success ? from : null,
    to: to && day.safeParse(to).success ? to : null,
    accountId: accountId && accountId.length <= 64 ? accountId : null,
  };
}

/** The same filters as a query string ("" when none), for export links. */
export function changeLogQuery(filters: ChangeLogFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.accountId) params.set("account", filters.accountId);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The window-start bounds as instants: from the start of `from` to the end of `to` (UTC). */
export function windowStartBounds(filters: ChangeLogFilters): { gte?: Date; lt?: Date } {
  return {
    ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00.000Z`) } : {}),
    ...(filters.to ? { lt: addDays(new Date(`${filters.to}T00:00:00.000Z`), 1) } : {}),
  };
}
