// Calendar arithmetic in UTC, in one place (issue 17 item 6). Rampart stores instants and names days as
// YYYY-MM-DD in UTC: a day of evidence, a due date, a trend point. A day is always 24 hours here (UTC has no
// daylight saving), so "N days ago" is N × DAY_MS.

import { recordsClock } from "./clock";

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** The UTC calendar day of an instant as YYYY-MM-DD ("2026-12-06"). */
export function isoDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Today's date in UTC as YYYY-MM-DD (by the records' clock, lib/clock.ts). */
export function utcToday(now: Date = recordsClock().now()): string {
  return isoDay(now);
}

/** Midnight UTC of the day `at` falls in. */
export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** The instant `days` × 24 hours after `at` (negative: before). */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Whole days from `from` to `to`, rounded down (a negative span rounds toward the past). */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** YYYY-MM-DD `days` after `day` (UTC). */
export function addDaysToIsoDay(day: string, days: number): string {
  return isoDay(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);
}

/** YYYY-MM-DD `months` calendar months after `day` (UTC), clamped to the month's last day (Jan 31 + 1 → Feb 28/29). */
export function addMonthsToIsoDay(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return isoDay(target);
}

/** The last millisecond of a YYYY-MM-DD day in UTC: a record "valid until" a day is valid through it. */
export function endOfUtcDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS - 1);
}
