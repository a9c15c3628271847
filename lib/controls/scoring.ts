import type { ControlSeverity, ResultStatus } from "./types";

// Scores per the spec's Scoring section: Σ weight(passed) ÷ Σ weight(passed + failed) × 100.
// NOT_APPLICABLE and UNKNOWN are in neither sum; a valid suppression takes a result out of both sums
// for `score` but not for `scoreWithoutSuppressions`. Nothing is rounded here: grades are decided on
// the exact value and `formatScore` rounds for display only.

export const SEVERITY_WEIGHTS: Readonly<Record<ControlSeverity, number>> = {
  CRITICAL: 10,
  HIGH: 5,
  MEDIUM: 2,
  LOW: 1,
};

export type Grade = "A" | "B" | "C" | "D" | "F";

/** One current control result, as scoring needs it. */
export interface ScorableResult {
  controlId: string;
  /** The effective severity (the catalogue's default or the customer's re-weighting). */
  severity: ControlSeverity;
  status: ResultStatus;
  /** A consultant's suppression is valid for this result at scoring time. */
  suppressed: boolean;
  /** An attested control failing because no attestation was ever recorded. */
  needsAttestation: boolean;
  awsAccountId: string;
}

/**
 * A score and the counts shown beside it. The counts partition the results: a suppressed PASS or FAIL is
 * counted only in `suppressed`, every other one in exactly one of passed, failed, unknown and
 * notApplicable. `needsAttestation`, `failingCritical` and `failingHigh` are subsets of `failed`.
 */
export interface ScoreSummary {
  /** null = "no score": nothing was evaluated (everything UNKNOWN, NOT_APPLICABLE or suppressed). */
  score: number | null;
  scoreWithoutSuppressions: number | null;
  grade: Grade | null;
  passed: number;
  failed: number;
  unknown: number;
  notApplicable: number;
  suppressed: number;
  needsAttestation: number;
  failingCritical: number;
  failingHigh: number;
}

/** An account's score from its results; a customer's from all its accounts' results pooled together. */
export function scoreResults(results: readonly ScorableResult[]): ScoreSummary {
  const withSuppressions = { passedWeight: 0, evaluatedWeight: 0 };
  const withoutSuppressions = { passedWeight: 0, evaluatedWeight: 0 };
  const summary: Omit<ScoreSummary, "score" | "scoreWithoutSuppressions" | "grade"> = {
    passed: 0,
    failed: 0,
    unknown: 0,
    notApplicable: 0,
    suppressed: 0,
    needsAttestation: 0,
    failingCritical: 0,
    failingHigh: 0,
  };

  for (const result of results) {
    const weight = SEVERITY_WEIGHTS[result.severity];
    if (result.status === "PASS" || result.status === "FAIL") {
      withoutSuppressions.evaluatedWeight += weight;
      if (result.status === "PASS") withoutSuppressions.passedWeight += weight;
    }
    // A suppression only changes a result that counts (PASS or FAIL): a suppressed NOT_APPLICABLE or
    // UNKNOWN result is still counted as what it is (issue 19 §7: one suppression of NET-7 was counted
    // in accounts where NET-7 did not apply).
    if (result.suppressed && (result.status === "PASS" || result.status === "FAIL")) {
      summary.suppressed += 1;
      continue;
    }
    switch (result.status) {
      case "PASS":
        summary.passed += 1;
        withSuppressions.passedWeight += weight;
        withSuppressions.evaluatedWeight += weight;
        break;
      case "FAIL":
        summary.failed += 1;
        withSuppressions.evaluatedWeight += weight;
        if (result.needsAttestation) summary.needsAttestation += 1;
        if (result.severity === "CRITICAL") summary.failingCritical += 1;
        if (result.severity === "HIGH") summary.failingHigh += 1;
        break;
      case "UNKNOWN":
        summary.unknown += 1;
        break;
      case "NOT_APPLICABLE":
        summary.notApplicable += 1;
        break;
    }
  }

  const score = ratio(withSuppressions);
  return {
    score,
    scoreWithoutSuppressions: ratio(withoutSuppressions),
    grade: gradeFor(score),
    ...summary,
  };
}

/** Each account's summary, keyed by awsAccountId. */
export function scoreByAccount(results: readonly ScorableResult[]): Map<string, ScoreSummary> {
  const byAccount = new Map<string, ScorableResult[]>();
  for (const result of results) {
    const accountResults = byAccount.get(result.awsAccountId);
    if (accountResults) accountResults.push(result);
    else byAccount.set(result.awsAccountId, [result]);
  }
  return new Map([...byAccount].map(([awsAccountId, accountResults]) => [awsAccountId, scoreResults(accountResults)]));
}

/** The portfolio's score: the plain mean of the customers' scores that exist; null when none does. */
export function portfolioScore(customerScores: readonly (number | null)[]): number | null {
  const scores = customerScores.filter((score): score is number => score !== null);
  if (scores.length === 0) return null;
  return scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

export function gradeFor(score: number | null): Grade | null {
  if (score === null) return null;
  if (score >= 90) return "A";
  if (score >= 80) return "B";
  if (score >= 70) return "C";
  if (score >= 60) return "D";
  return "F";
}

/** A score for display: one decimal, or "no score" (never 0 or 100) when nothing was evaluated. */
export function formatScore(score: number | null): string {
  if (score === null) return "no score";
  return (Math.round(score * 10) / 10).toFixed(1);
}

function ratio(weights: { passedWeight: number; evaluatedWeight: number }): number | null {
  if (weights.evaluatedWeight === 0) return null;
  // Multiply first: with integer weights a score that is exactly 90 comes out as exactly 90, not 89.99999….
  return (weights.passedWeight * 100) / weights.evaluatedWeight;
}
