// Formatting shared by the trend charts (client) and their text alternatives (server). Fixed locale and
// UTC, so the server's tables and the browser's axes say the same thing and hydration never differs.

const SHORT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const LONG = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** "18 Mar" for a YYYY-MM-DD day. */
export function formatDay(day: string): string {
  return SHORT.format(utc(day));
}

/** "18 Mar 2026" for a YYYY-MM-DD day. */
export function formatDayLong(day: string): string {
  return LONG.format(utc(day));
}

/** A change in points with its sign: "+5.8", "−2.0", "±0.0". */
export function formatPoints(change: number): string {
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return "±0.0";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(1)}`;
}

/** Line colours: the portfolio in ink, customers in a palette whose neighbours stay distinguishable. */
export const PORTFOLIO_COLOUR = "#0f172a";
export const CUSTOMER_COLOURS = [
  "#1d5fd1",
  "#d97706",
  "#059669",
  "#7c3aed",
  "#db2777",
  "#0891b2",
  "#65a30d",
  "#b91c1c",
] as const;

export const SEVERITY_COLOURS = { critical: "#b91c1c", high: "#ea580c", other: "#94a3b8" } as const;
export const FINDING_COLOURS = { opened: "#ea580c", resolved: "#059669" } as const;

export const AXIS_TICK = { fontSize: 12, fill: "#475569" } as const;
export const GRID_STROKE = "#e2e8f0";
export const SLA_COLOURS = { share: "#059669", median: "#1d5fd1" } as const;
