import type { CollectorKey, EvidenceOf } from "../../evidence/contract";
import type { FailedCall } from "../failed-calls";
import { combineOutcomes, fail, missingEvidence, notApplicable, pass } from "../outcome";
import type { AccountContext, ControlOutcome, Offender } from "../types";

// Reading one collector's evidence in every configured region, and deciding an account from the
// regions: shared by the regional rule modules so "every region" means the same everywhere.

export interface RegionalEvidence<K extends CollectorKey> {
  region: string;
  data: EvidenceOf<K>;
  asOf: Date;
  /** Calls of this collection that failed but that the rule declared it does not need (evidence-needs.ts). */
  failedCalls: readonly FailedCall[];
}

/** One collector in every configured region: the collected slots, and an UNKNOWN outcome per slot that is not. */
export function readRegions<K extends CollectorKey>(
  context: AccountContext,
  collector: K,
): { collected: RegionalEvidence<K>[]; gaps: ControlOutcome[] } {
  const collected: RegionalEvidence<K>[] = [];
  const gaps: ControlOutcome[] = [];
  for (const region of context.account.regions) {
    const slot = context.evidence.get(collector, region);
    const gap = missingEvidence(slot, collector, region);
    if (gap) gaps.push(gap);
    else if (slot.state === "COLLECTED")
      collected.push({ region, data: slot.data, asOf: slot.asOf, failedCalls: slot.failedCalls ?? [] });
  }
  return { collected, gaps };
}

/** What one region contributed: how many things were judged, and which of them fail. */
export interface RegionInspection {
  subjects: number;
  offenders: Offender[];
}

export interface AccountInspection extends RegionInspection {
  /** UNKNOWN outcomes of regions (or sources) whose evidence could not be read. */
  gaps: ControlOutcome[];
}

/** Runs `inspect` on a collector's evidence in every configured region. */
export function inspectRegions<K extends CollectorKey>(
  context: AccountContext,
  collector: K,
  inspect: (data: EvidenceOf<K>, region: string, asOf: Date) => RegionInspection,
): AccountInspection {
  const result: AccountInspection = { subjects: 0, offenders: [], gaps: [] };
  for (const region of context.account.regions) {
    const slot = context.evidence.get(collector, region);
    if (slot.state !== "COLLECTED") {
      const gap = missingEvidence(slot, collector, region);
      if (gap) result.gaps.push(gap);
      continue;
    }
    const inspection = inspect(slot.data, region, slot.asOf);
    result.subjects += inspection.subjects;
    result.offenders.push(...inspection.offenders);
  }
  return result;
}

/**
 * The account's outcome, in the spec's worst-first order: FAIL when anything offends (a known failure beats
 * a gap), else UNKNOWN when some region could not be read, else NOT_APPLICABLE when nothing was judged, else PASS.
 */
export function decideInspection(
  inspection: AccountInspection,
  reasons: { fail: (offenders: Offender[]) => string; pass: (subjects: number) => string; empty: string },
): ControlOutcome {
  if (inspection.offenders.length > 0) return fail(reasons.fail(inspection.offenders), inspection.offenders);
  if (inspection.gaps.length > 0) return combineOutcomes(inspection.gaps, reasons.empty);
  if (inspection.subjects === 0) return notApplicable(reasons.empty);
  return pass(reasons.pass(inspection.subjects));
}

/** "1 VPC", "3 VPCs": a count with the noun that agrees with it. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "is"/"are", "has"/"have": the verb form that agrees with `count`. */
export function agree(count: number, singular: string, pluralForm: string): string {
  return count === 1 ? singular : pluralForm;
}
