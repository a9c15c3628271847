// Estate dates are absolute ("2026-01-15", "2026-01-15T09:30:00Z") or relative to the simulator's
// clock ("now", "-120d", "+30d", "-2d-3h"), because demo stories are told relative to the day the
// demo starts. Relative dates are resolved on every request, so moving the clock moves them.

export type SimDate = { kind: "absolute"; epochMs: number } | { kind: "relative"; offsetMs: number };

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

// "-19h30m" = 19 h 30 min ago: an unsigned term takes the sign of the term before it.
const RELATIVE_PATTERN = /^[+-]\d+(?:\.\d+)?[smhdwy]([+-]?\d+(?:\.\d+)?[smhdwy])*$/;
const RELATIVE_TERM = /([+-]?)(\d+(?:\.\d+)?)([smhdwy])/g;
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseDuration(text: string): number | undefined {
  if (!RELATIVE_PATTERN.test(text)) return undefined;
  let total = 0;
  let sign = 1;
  for (const [, explicitSign, amount, unit] of text.matchAll(RELATIVE_TERM)) {
    if (explicitSign) sign = explicitSign === "-" ? -1 : 1;
    total += sign * Number(amount) * UNIT_MS[unit];
  }
  return total;
}

export function parseSimDate(value: unknown): SimDate | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : { kind: "absolute", epochMs: value.getTime() };
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "now") return { kind: "relative", offsetMs: 0 };
  const offset = parseDuration(text);
  if (offset !== undefined) return { kind: "relative", offsetMs: offset };
  if (!ISO_PATTERN.test(text)) return undefined;
  const epochMs = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(epochMs) ? undefined : { kind: "absolute", epochMs };
}

export function resolveSimDate(date: SimDate, nowMs: number): Date {
  return new Date(date.kind === "absolute" ? date.epochMs : nowMs + date.offsetMs);
}
