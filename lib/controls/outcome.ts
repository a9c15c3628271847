import { DAY_MS } from "../dates";
import type { ControlOutcome, EvidenceGap, EvidenceSlot, Offender, ResultStatus } from "./types";

// Small helpers every rule uses, so reasons and region handling read the same everywhere.

/** FAIL > UNKNOWN > PASS > NOT_APPLICABLE: a known failure beats a gap; a gap beats a pass. */
const SEVERITY_ORDER: Record<ResultStatus, number> = { FAIL: 3, UNKNOWN: 2, PASS: 1, NOT_APPLICABLE: 0 };

export function worstStatus(statuses: readonly ResultStatus[]): ResultStatus {
  return statuses.reduce<ResultStatus>(
    (worst, status) => (SEVERITY_ORDER[status] > SEVERITY_ORDER[worst] ? status : worst),
    "NOT_APPLICABLE",
  );
}

export function pass(reason: string): ControlOutcome {
  return { status: "PASS", reason, offenders: [] };
}

export function fail(reason: string, offenders: Offender[] = []): ControlOutcome {
  return { status: "FAIL", reason, offenders };
}

export function notApplicable(reason: string): ControlOutcome {
  return { status: "NOT_APPLICABLE", reason, offenders: [] };
}

function callDetail(gap: EvidenceGap): string {
  const detail = [gap.code ?? "", gap.httpStatus ? `HTTP ${gap.httpStatus}` : ""].filter(Boolean).join(", ");
  return detail ? ` (${detail})` : "";
}

const callName = (gap: EvidenceGap) => (gap.operation ? `${gap.service}:${gap.operation}` : gap.service);

/** "backup:ListBackupJobs in eu-west-1 could not be read (ServiceUnavailable, HTTP 503)"; several calls are all named. */
export function describeGap(gap: EvidenceGap): string {
  const calls = gap.calls && gap.calls.length > 1 ? gap.calls : null;
  if (!calls) return `${callName(gap)} in ${gap.region} could not be read${callDetail(gap)}`;
  // A global collector's calls go to several regions (S3 reads each bucket in its own): name each one's.
  const oneRegion = calls.every((call) => call.region === gap.region);
  return `${listForReason(
    calls.map((call) => `${callName(call)}${oneRegion ? "" : ` in ${call.region}`}${callDetail(call)}`),
    10,
  )}${oneRegion ? ` in ${gap.region}` : ""} could not be read`;
}

export function unknown(gap: EvidenceGap): ControlOutcome {
  return {
    status: "UNKNOWN",
    reason: `Evidence missing: ${describeGap(gap)}.`,
    offenders: [{ kind: "region", id: gap.region, region: gap.region, detail: describeGap(gap) }],
  };
}

/** UNKNOWN for a slot that was never collected (no sync has reached this collector and region yet). */
export function neverCollected(collector: string, region: string): ControlOutcome {
  return {
    status: "UNKNOWN",
    reason: `Evidence missing: ${collector} has not been collected in ${region} yet.`,
    offenders: [{ kind: "region", id: region, region, detail: "not collected yet" }],
  };
}

/** The outcome for a slot that is not COLLECTED, or null when the rule can judge it. */
export function missingEvidence<E>(slot: EvidenceSlot<E>, collector: string, region: string): ControlOutcome | null {
  if (slot.state === "UNKNOWN") return unknown(slot.gap);
  if (slot.state === "MISSING") return neverCollected(collector, region);
  return null;
}

/**
 * Combine per-region (or per-source) outcomes into the account's: the worst status wins, and the reason
 * and offenders come from the outcomes that share it, so a FAIL names every failing region.
 */
export function combineOutcomes(outcomes: readonly ControlOutcome[], emptyReason: string): ControlOutcome {
  if (outcomes.length === 0) return notApplicable(emptyReason);
  const status = worstStatus(outcomes.map((outcome) => outcome.status));
  const deciding = outcomes.filter((outcome) => outcome.status === status);
  const reasons = [...new Set(deciding.map((outcome) => outcome.reason))];
  return {
    status,
    reason: reasons.join(" "),
    offenders: deciding.flatMap((outcome) => outcome.offenders),
  };
}

/** Whole days from `then` to `now` (floor); negative when `then` is in the future. */
export function ageInDays(then: Date, now: Date): number {
  return Math.floor((now.getTime() - then.getTime()) / DAY_MS);
}

/** "Within N days" per the spec: now − t < N × 24 h. */
export function isWithinDays(then: Date, now: Date, days: number): boolean {
  return now.getTime() - then.getTime() < days * DAY_MS;
}

/** Parse an evidence timestamp (ISO string); null, "N/A", "no_information", "not_supported" → null. */
export function parseEvidenceDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const lowered = value.trim().toLowerCase();
  if (lowered === "n/a" || lowered === "no_information" || lowered === "not_supported") return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** "a, b and 3 more" for reasons; the offenders list carries the full set. */
export function listForReason(items: readonly string[], max = 5): string {
  if (items.length <= max) {
    if (items.length <= 1) return items.join("");
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  }
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
