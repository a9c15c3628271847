import { describe, expect, it } from "vitest";
import {
  formatScore,
  gradeFor,
  portfolioScore,
  type ScorableResult,
  SEVERITY_WEIGHTS,
  scoreByAccount,
  scoreResults,
} from "./scoring";
import type { ControlSeverity, ResultStatus } from "./types";

function result(
  controlId: string,
  severity: ControlSeverity,
  status: ResultStatus,
  extra: Partial<ScorableResult> = {},
): ScorableResult {
  return { controlId, severity, status, suppressed: false, needsAttestation: false, awsAccountId: "acct-a", ...extra };
}

describe("SEVERITY_WEIGHTS", () => {
  it("weighs critical 10, high 5, medium 2, low 1", () => {
    expect(SEVERITY_WEIGHTS).toEqual({ CRITICAL: 10, HIGH: 5, MEDIUM: 2, LOW: 1 });
  });
});

describe("scoreResults", () => {
  it("scores mixed severities, leaving UNKNOWN and NOT_APPLICABLE out of both sums", () => {
    // passed 10 (C) + 2 (M) = 12; evaluated 12 + 5 (H) + 1 (L) = 18; 12 / 18 = 66.67 %.
    const summary = scoreResults([
      result("ROOT-1", "CRITICAL", "PASS"),
      result("TRAIL-4", "HIGH", "FAIL"),
      result("IAM-2", "MEDIUM", "PASS"),
      result("TRAIL-9", "LOW", "FAIL"),
      result("NET-3", "MEDIUM", "UNKNOWN"),
      result("NET-6", "HIGH", "NOT_APPLICABLE"),
      result("DET-1", "CRITICAL", "UNKNOWN"),
    ]);
    expect(summary.score).toBeCloseTo(200 / 3, 10);
    expect(summary.scoreWithoutSuppressions).toBeCloseTo(200 / 3, 10);
    expect(summary).toMatchObject({
      grade: "D",
      passed: 2,
      failed: 2,
      unknown: 2,
      notApplicable: 1,
      suppressed: 0,
      needsAttestation: 0,
      failingCritical: 0,
      failingHigh: 1,
    });
    expect(formatScore(summary.score)).toBe("66.7");
  });

  it("counts failing criticals and highs, and failures needing attestation", () => {
    // passed 2; evaluated 10 + 10 + 5 + 2 + 2 = 29; 2 / 29 = 6.90 %.
    const summary = scoreResults([
      result("ROOT-1", "CRITICAL", "FAIL"),
      result("NET-1", "CRITICAL", "FAIL"),
      result("NET-2", "HIGH", "FAIL"),
      result("CHG-1", "MEDIUM", "FAIL", { needsAttestation: true }),
      result("CHG-2", "MEDIUM", "PASS"),
    ]);
    expect(summary.score).toBeCloseTo(200 / 29, 10);
    expect(summary).toMatchObject({ grade: "F", failed: 4, failingCritical: 2, failingHigh: 1, needsAttestation: 1 });
  });

  it("gives no score when every result is UNKNOWN", () => {
    const summary = scoreResults([result("ROOT-1", "CRITICAL", "UNKNOWN"), result("IAM-5", "HIGH", "UNKNOWN")]);
    expect(summary).toMatchObject({ score: null, scoreWithoutSuppressions: null, grade: null, unknown: 2 });
    expect(formatScore(summary.score)).toBe("no score");
  });

  it("gives no score when every result is NOT_APPLICABLE, or when there are none", () => {
    expect(
      scoreResults([result("NET-3", "MEDIUM", "NOT_APPLICABLE"), result("NET-4", "MEDIUM", "NOT_APPLICABLE")]),
    ).toMatchObject({ score: null, grade: null, notApplicable: 2 });
    expect(scoreResults([])).toEqual({
      score: null,
      scoreWithoutSuppressions: null,
      grade: null,
      passed: 0,
      failed: 0,
      unknown: 0,
      notApplicable: 0,
      suppressed: 0,
      needsAttestation: 0,
      failingCritical: 0,
      failingHigh: 0,
    });
  });

  it("scores 0, not no score, when everything evaluated fails", () => {
    const summary = scoreResults([result("IAM-8", "LOW", "FAIL"), result("NET-4", "MEDIUM", "UNKNOWN")]);
    expect(summary.score).toBe(0);
    expect(summary.grade).toBe("F");
    expect(formatScore(summary.score)).toBe("0.0");
  });

  it("takes a suppressed failure out of the score but not out of the score without suppressions", () => {
    // score: 10 / (10 + 2) = 83.33 %; without suppressions: 10 / (10 + 5 + 2) = 58.82 %.
    const summary = scoreResults([
      result("ROOT-1", "CRITICAL", "PASS"),
      result("TRAIL-4", "HIGH", "FAIL", { suppressed: true }),
      result("IAM-3", "MEDIUM", "FAIL"),
    ]);
    expect(summary.score).toBeCloseTo(250 / 3, 10);
    expect(summary.scoreWithoutSuppressions).toBeCloseTo(1000 / 17, 10);
    expect(summary).toMatchObject({ grade: "B", passed: 1, failed: 1, suppressed: 1, failingHigh: 0 });
  });

  it("counts a suppression only where the control applied: a suppressed NOT_APPLICABLE or UNKNOWN stays what it is", () => {
    const summary = scoreResults([
      result("NET-7", "HIGH", "FAIL", { suppressed: true }),
      result("NET-7", "HIGH", "NOT_APPLICABLE", { suppressed: true, awsAccountId: "acct-b" }),
      result("NET-7", "HIGH", "UNKNOWN", { suppressed: true, awsAccountId: "acct-c" }),
      result("ROOT-1", "CRITICAL", "PASS"),
    ]);
    expect(summary).toMatchObject({ suppressed: 1, notApplicable: 1, unknown: 1, passed: 1, failed: 0, score: 100 });
  });

  it("takes a suppressed pass out too, so a suppression can lower the score", () => {
    // score: 0 / 2 = 0 %; without suppressions: 10 / 12 = 83.33 %.
    const summary = scoreResults([
      result("ROOT-1", "CRITICAL", "PASS", { suppressed: true }),
      result("IAM-3", "MEDIUM", "FAIL"),
    ]);
    expect(summary.score).toBe(0);
    expect(summary.scoreWithoutSuppressions).toBeCloseTo(250 / 3, 10);
  });

  it("gives no score when every evaluated result is suppressed, while the score without suppressions remains", () => {
    const summary = scoreResults([
      result("ROOT-1", "CRITICAL", "FAIL", { suppressed: true }),
      result("IAM-8", "LOW", "PASS", { suppressed: true }),
      result("NET-4", "MEDIUM", "NOT_APPLICABLE"),
    ]);
    expect(summary.score).toBeNull();
    expect(summary.grade).toBeNull();
    expect(summary.scoreWithoutSuppressions).toBeCloseTo(100 / 11, 10);
  });

  it("counts every result exactly once across the status counts and suppressed", () => {
    const results = [
      result("ROOT-1", "CRITICAL", "PASS"),
      result("ROOT-2", "CRITICAL", "FAIL", { suppressed: true }),
      result("ROOT-6", "MEDIUM", "FAIL", { needsAttestation: true, suppressed: true }),
      result("IAM-13", "MEDIUM", "FAIL", { needsAttestation: true }),
      result("NET-3", "MEDIUM", "UNKNOWN", { suppressed: true }),
      result("NET-4", "MEDIUM", "UNKNOWN"),
      result("NET-6", "HIGH", "NOT_APPLICABLE"),
    ];
    const summary = scoreResults(results);
    // The suppressed UNKNOWN stays UNKNOWN: a suppression only takes a PASS or FAIL out of the score.
    expect(summary).toMatchObject({
      passed: 1,
      failed: 1,
      unknown: 2,
      notApplicable: 1,
      suppressed: 2,
      needsAttestation: 1,
      failingCritical: 0,
    });
    expect(summary.passed + summary.failed + summary.unknown + summary.notApplicable + summary.suppressed).toBe(
      results.length,
    );
  });

  it("weighs each result by the severity on the row (a customer's re-weighting), not the catalogue default", () => {
    // ROOT-1 re-weighted to LOW: 2 / (1 + 2) = 66.67 %; at its CRITICAL default it would be 2 / 12 = 16.67 %.
    const reweighted = scoreResults([result("ROOT-1", "LOW", "FAIL"), result("IAM-2", "MEDIUM", "PASS")]);
    expect(reweighted.score).toBeCloseTo(200 / 3, 10);
    expect(reweighted.failingCritical).toBe(0);
  });

  it("lands exactly on the grade boundaries (no rounding)", () => {
    const criticals = (passed: number, failed: number) => [
      ...Array.from({ length: passed }, (_, index) => result(`P-${index}`, "CRITICAL", "PASS")),
      ...Array.from({ length: failed }, (_, index) => result(`F-${index}`, "CRITICAL", "FAIL")),
    ];
    expect(scoreResults(criticals(9, 1))).toMatchObject({ score: 90, grade: "A" });
    expect(scoreResults(criticals(8, 2))).toMatchObject({ score: 80, grade: "B" });
    expect(scoreResults(criticals(7, 3))).toMatchObject({ score: 70, grade: "C" });
    expect(scoreResults(criticals(6, 4))).toMatchObject({ score: 60, grade: "D" });
    expect(scoreResults(criticals(10, 0))).toMatchObject({ score: 100, grade: "A" });
    // 899 of 1000 low-weight points: 89.9 %, a B even though it is close to 90.
    expect(
      scoreResults([
        ...Array.from({ length: 899 }, (_, index) => result(`P-${index}`, "LOW", "PASS")),
        ...Array.from({ length: 101 }, (_, index) => result(`F-${index}`, "LOW", "FAIL")),
      ]),
    ).toMatchObject({ score: 89.9, grade: "B" });
  });
});

describe("customer and portfolio scores", () => {
  // Account A: 10 / 20 = 50 %. Account B: 1 / 1 = 100 %. Mean of accounts: 75 %.
  // Customer (pooled): (10 + 1) / (20 + 1) = 52.38 %; an account weighs by what was evaluated in it.
  const customerResults = [
    result("ROOT-1", "CRITICAL", "PASS", { awsAccountId: "acct-a" }),
    result("NET-1", "CRITICAL", "FAIL", { awsAccountId: "acct-a" }),
    result("NET-4", "MEDIUM", "UNKNOWN", { awsAccountId: "acct-a" }),
    result("IAM-8", "LOW", "PASS", { awsAccountId: "acct-b" }),
    result("NET-6", "HIGH", "NOT_APPLICABLE", { awsAccountId: "acct-b" }),
  ];

  it("pools a customer's accounts instead of averaging them", () => {
    const byAccount = scoreByAccount(customerResults);
    expect(byAccount.get("acct-a")?.score).toBe(50);
    expect(byAccount.get("acct-b")?.score).toBe(100);
    expect([...byAccount.keys()]).toEqual(["acct-a", "acct-b"]);

    const customer = scoreResults(customerResults);
    expect(customer.score).toBeCloseTo(1100 / 21, 10);
    expect(customer.score).not.toBeCloseTo(75, 1);
    expect(customer).toMatchObject({ grade: "F", passed: 2, failed: 1, unknown: 1, notApplicable: 1 });
  });

  it("averages customers' scores plainly for the portfolio, skipping customers with no score", () => {
    // (52.38 + 100) / 2 = 76.19 %: the customer with no score is not counted as 0.
    const customer = scoreResults(customerResults).score;
    expect(portfolioScore([customer, null, 100])).toBeCloseTo((1100 / 21 + 100) / 2, 10);
    expect(portfolioScore([40, 60, 95])).toBe(65);
  });

  it("has no portfolio score when no customer has one", () => {
    expect(portfolioScore([])).toBeNull();
    expect(portfolioScore([null, null])).toBeNull();
  });
});

describe("gradeFor", () => {
  it.each([
    [100, "A"],
    [90, "A"],
    [89.99, "B"],
    [80, "B"],
    [79.99, "C"],
    [70, "C"],
    [69.99, "D"],
    [60, "D"],
    [59.99, "F"],
    [0, "F"],
  ] as const)("grades %d as %s", (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });

  it("has no grade without a score", () => {
    expect(gradeFor(null)).toBeNull();
  });
});

describe("formatScore", () => {
  it.each([
    [200 / 3, "66.7"],
    [1000 / 17, "58.8"],
    [100, "100.0"],
    [0, "0.0"],
    [72.25, "72.3"],
    [89.94, "89.9"],
  ] as const)("shows %d as %s", (score, shown) => {
    expect(formatScore(score)).toBe(shown);
  });

  it('shows a missing score as "no score", never 0 or 100', () => {
    expect(formatScore(null)).toBe("no score");
  });
});
