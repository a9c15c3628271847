import { describe, expect, it } from "vitest";
import type { ControlParams } from "../params";
import type { RampartRecords } from "../types";
import { BACKUP_RULES, backupScheduleFrequency } from "./backup";
import {
  AS_OF,
  attestation,
  backupEvidence,
  backupJob,
  backupPlan,
  backupRule,
  buildContext,
  daysBefore,
  FakeEvidence,
  ladderPlan,
  REGIONS,
  restoreJob,
} from "./testing/detection-evidence";

const [EU, US] = REGIONS;

function evaluate(
  controlId: string,
  evidence: FakeEvidence,
  options: { params?: Partial<ControlParams>; records?: Partial<RampartRecords>; evaluatedAt?: Date } = {},
) {
  return BACKUP_RULES[controlId](buildContext(evidence, options));
}

describe("backupScheduleFrequency", () => {
  it.each([
    // AWS Backup's console presets and the demo estates.
    ["cron(0 5 ? * * *)", "DAILY"],
    ["cron(0 12 * * ? *)", "DAILY"],
    ["cron(0 5 ? * SUN *)", "WEEKLY"],
    ["cron(0 5 1 * ? *)", "MONTHLY"],
    ["cron(0 5 1 1 ? *)", "YEARLY"],
    // More often than daily is still daily.
    ["cron(15 * ? * * *)", "DAILY"],
    ["cron(0 */4 * * ? *)", "DAILY"],
    ["cron(0 5 ? * 1-7 *)", "DAILY"],
    ["cron(0 5 ? JAN-DEC * *)", "DAILY"],
    ["cron(0 5 1-31 * ? *)", "DAILY"],
    // Some days of every week.
    ["cron(0 5 ? * MON-FRI *)", "WEEKLY"],
    ["cron(0 5 ? * 2,4,6 *)", "WEEKLY"],
    ["cron(0 5 ? * FRI-MON *)", "WEEKLY"],
    ["cron(0 5 ? * sun *)", "WEEKLY"],
    ["cron(0 5 1,8,15,22,29 * ? *)", "WEEKLY"],
    ["cron(0 5 */2 * ? *)", "WEEKLY"],
    // Every month, but with gaps longer than a week.
    ["cron(0 5 1,8,15,22 * ? *)", "MONTHLY"],
    ["cron(0 5 L * ? *)", "MONTHLY"],
    ["cron(0 5 LW * ? *)", "MONTHLY"],
    ["cron(0 5 15W * ? *)", "MONTHLY"],
    ["cron(0 5 1W * ? *)", "MONTHLY"],
    ["cron(0 5 ? * 6#3 *)", "MONTHLY"],
    ["cron(0 5 ? * FRI#1 *)", "MONTHLY"],
    ["cron(0 5 ? * 6L *)", "MONTHLY"],
    ["cron(0 5 28 * ? *)", "MONTHLY"],
    // Not every month, but every year.
    ["cron(0 5 29 * ? *)", "YEARLY"],
    ["cron(0 5 31 * ? *)", "YEARLY"],
    ["cron(0 5 1 */3 ? *)", "YEARLY"],
    ["cron(0 5 1 1,7 ? *)", "YEARLY"],
    ["cron(0 5 ? * 6#5 *)", "YEARLY"],
    ["cron(0 5 ? DEC SUN *)", "YEARLY"],
    // Not every year.
    ["cron(0 5 29 2 ? *)", "LESS_THAN_YEARLY"],
    ["cron(0 5 30 2 ? *)", "LESS_THAN_YEARLY"],
    // rate() intervals.
    ["rate(90 minutes)", "DAILY"],
    ["rate(12 hours)", "DAILY"],
    ["rate(24 hours)", "DAILY"],
    ["rate(1 day)", "DAILY"],
    ["rate(25 hours)", "WEEKLY"],
    ["rate(7 days)", "WEEKLY"],
    ["rate(8 days)", "MONTHLY"],
    ["rate(28 days)", "MONTHLY"],
    ["rate(29 days)", "YEARLY"],
    ["rate(365 days)", "YEARLY"],
    ["rate(366 days)", "LESS_THAN_YEARLY"],
  ])("%s → %s", (expression, expected) => {
    expect(backupScheduleFrequency(expression)).toBe(expected);
  });

  it("treats a missing expression as AWS Backup's default, daily at 05:00 UTC", () => {
    expect(backupScheduleFrequency(null)).toBe("DAILY");
  });

  it.each([
    "cron(0 5 * * *)",
    "cron(0 5 1 * MON *)",
    "cron(0 5 ? * * 2025)",
    "cron(0 25 ? * * *)",
    "cron(60 5 ? * * *)",
    "cron(0 5 32 * ? *)",
    "cron(0 5 ? * 8 *)",
    "cron(0 5 ? * 6#6 *)",
    "cron(0 5 ? 13 * *)",
    "cron(0 5 10-2 * ? *)",
    "cron(0 5 ? * */0 *)",
    "rate(0 days)",
    "rate(2 weeks)",
    "weekly",
    "",
  ])("does not understand %j", (expression) => {
    expect(backupScheduleFrequency(expression)).toBeNull();
  });
});

describe("BAK-1 daily backup plan", () => {
  it.each([
    ["kept exactly 7 days", backupRule({ deleteAfterDays: 7 }), "PASS"],
    ["kept forever", backupRule({ deleteAfterDays: null }), "PASS"],
    ["scheduled with rate(1 day)", backupRule({ scheduleExpression: "rate(1 day)" }), "PASS"],
    ["with no expression (AWS default)", backupRule({ scheduleExpression: null }), "PASS"],
    ["kept 6 days", backupRule({ deleteAfterDays: 6 }), "FAIL"],
    ["running on weekdays only", backupRule({ scheduleExpression: "cron(0 5 ? * MON-FRI *)" }), "FAIL"],
    ["with a schedule it cannot read", backupRule({ scheduleExpression: "cron(bad)" }), "FAIL"],
  ])("a selected plan with a daily rule %s → %s", (_label, rule, status) => {
    const evidence = new FakeEvidence()
      .collected("backup", EU, backupEvidence(EU, { plans: [backupPlan({ rules: [rule] })] }))
      .collected("backup", US, backupEvidence(US));
    expect(evaluate("BAK-1", evidence).status).toBe(status);
  });

  it("names the plan and what it lacks", () => {
    const evidence = new FakeEvidence()
      .collected("backup", EU, backupEvidence(EU, { plans: [backupPlan({ selections: [] })] }))
      .collected(
        "backup",
        US,
        backupEvidence(US, {
          plans: [
            backupPlan({
              backupPlanName: "weekly-only",
              rules: [
                backupRule({ ruleName: "weekly", scheduleExpression: "cron(0 5 ? * SUN *)", deleteAfterDays: 35 }),
              ],
            }),
          ],
        }),
      );
    const outcome = evaluate("BAK-1", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      { kind: "backup-plan", id: "standard", region: EU, detail: "no resource selection" },
      {
        kind: "backup-plan",
        id: "weekly-only",
        region: US,
        detail: "no daily rule kept 7 days or more (weekly: weekly, kept 35 days)",
      },
    ]);
    expect(outcome.reason).toContain("standard (eu-west-1) has no resource selection");
  });

  it("fails naming the regions when no plan exists", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => backupEvidence(region));
    const outcome = evaluate("BAK-1", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("No AWS Backup plan exists in eu-west-1 and us-east-1");
    expect(outcome.offenders.map((offender) => offender.id)).toEqual([EU, US]);
  });

  it("passes on a plan in one region while another region could not be read", () => {
    const evidence = new FakeEvidence()
      .failed("backup", EU, "ListBackupPlans")
      .collected("backup", US, backupEvidence(US, { plans: [backupPlan()] }));
    expect(evaluate("BAK-1", evidence).status).toBe("PASS");
  });

  it("is UNKNOWN when no plan qualifies and a region could not be read", () => {
    const evidence = new FakeEvidence()
      .failed("backup", EU, "ListBackupPlans", "ThrottlingException")
      .collected("backup", US, backupEvidence(US));
    const outcome = evaluate("BAK-1", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("backup:ListBackupPlans in eu-west-1 could not be read (ThrottlingException)");
  });
});

describe("BAK-2 retention ladder", () => {
  it("passes with the SOP's default ladder", () => {
    const evidence = new FakeEvidence()
      .collected("backup", EU, backupEvidence(EU, { plans: [ladderPlan()] }))
      .collected("backup", US, backupEvidence(US));
    const outcome = evaluate("BAK-2", evidence);
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain("weekly by ladder/weekly (eu-west-1)");
  });

  it("combines plans across regions", () => {
    const rules = ladderPlan().rules;
    const evidence = new FakeEvidence()
      .collected("backup", EU, backupEvidence(EU, { plans: [backupPlan({ rules: rules.slice(0, 2) })] }))
      .collected("backup", US, backupEvidence(US, { plans: [backupPlan({ rules: rules.slice(2) })] }));
    expect(evaluate("BAK-2", evidence).status).toBe("PASS");
  });

  it("lets a more frequent rule that keeps long enough cover a rarer tier", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) =>
      backupEvidence(region, { plans: [backupPlan({ rules: [backupRule({ deleteAfterDays: 365 })] })] }),
    );
    expect(evaluate("BAK-2", evidence).status).toBe("PASS");
    const forever = new FakeEvidence().everywhere("backup", (region) =>
      backupEvidence(region, { plans: [backupPlan({ rules: [backupRule({ deleteAfterDays: null })] })] }),
    );
    expect(evaluate("BAK-2", forever).status).toBe("PASS");
  });

  it.each([
    ["daily", 6],
    ["weekly", 27],
    ["monthly", 29],
    ["yearly", 364],
  ])("fails when the %s rule keeps one day too few (%i)", (tier, days) => {
    const plan = ladderPlan();
    plan.rules = plan.rules.map((rule) => (rule.ruleName === tier ? { ...rule, deleteAfterDays: days } : rule));
    const evidence = new FakeEvidence().everywhere("backup", (region) => backupEvidence(region, { plans: [plan] }));
    const outcome = evaluate("BAK-2", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders.filter((offender) => offender.kind === "retention-tier").map((o) => o.id)).toEqual([tier]);
  });

  it("does not count a monthly rule for the weekly tier", () => {
    const plan = ladderPlan();
    plan.rules = plan.rules.filter((rule) => rule.ruleName !== "weekly");
    const evidence = new FakeEvidence().everywhere("backup", (region) => backupEvidence(region, { plans: [plan] }));
    const outcome = evaluate("BAK-2", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("no rule for weekly (kept 28 days)");
  });

  it("names a rule whose schedule it cannot read", () => {
    const plan = ladderPlan();
    plan.rules = plan.rules.map((rule) =>
      rule.ruleName === "yearly" ? { ...rule, scheduleExpression: "cron(0 5 1 1 ? 2030)" } : rule,
    );
    const evidence = new FakeEvidence()
      .collected("backup", EU, backupEvidence(EU, { plans: [plan] }))
      .collected("backup", US, backupEvidence(US));
    const outcome = evaluate("BAK-2", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      expect.objectContaining({ kind: "retention-tier", id: "yearly" }),
      expect.objectContaining({ kind: "backup-rule", id: "ladder/yearly", region: EU }),
    ]);
  });

  it("fails with no plan at all", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => backupEvidence(region));
    const outcome = evaluate("BAK-2", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("add rules for daily (kept 7 days), weekly (kept 28 days)");
  });

  it("is UNKNOWN when a tier is missing and a region could not be read", () => {
    const evidence = new FakeEvidence()
      .collected("backup", EU, backupEvidence(EU, { plans: [backupPlan()] }))
      .failed("backup", US, "GetBackupPlan");
    expect(evaluate("BAK-2", evidence).status).toBe("UNKNOWN");
  });
});

describe("BAK-3 recent backup jobs", () => {
  const withJobs = (region: string, backupJobs = [backupJob()]) =>
    backupEvidence(region, { plans: [backupPlan()], backupJobs });

  it("passes with a job completed in the last 48 hours", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => withJobs(region));
    expect(evaluate("BAK-3", evidence).status).toBe("PASS");
  });

  it.each([
    [1.99, "PASS"],
    [2, "FAIL"],
  ])("a job completed %f days before collection → %s", (days, status) => {
    const job = backupJob({ creationDate: daysBefore(days + 0.01), completionDate: daysBefore(days) });
    const evidence = new FakeEvidence().everywhere("backup", (region) => withJobs(region, [job]));
    expect(evaluate("BAK-3", evidence).status).toBe(status);
  });

  it("measures the window from the collection time", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => withJobs(region));
    const later = new Date(AS_OF.getTime() + 5 * 24 * 60 * 60 * 1000);
    expect(evaluate("BAK-3", evidence, { evaluatedAt: later }).status).toBe("PASS");
  });

  it("fails naming a region where no job completed", () => {
    const evidence = new FakeEvidence()
      .collected("backup", EU, withJobs(EU))
      .collected("backup", US, withJobs(US, [backupJob({ state: "RUNNING", completionDate: null })]));
    const outcome = evaluate("BAK-3", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toBe("Backups did not succeed in the last 48 hours in us-east-1 (no job completed).");
    expect(outcome.offenders).toEqual([
      { kind: "region", id: US, region: US, detail: "no backup job completed in the last 48 hours" },
    ]);
  });

  it.each(["FAILED", "ABORTED", "EXPIRED"])("fails a resource whose latest job is %s", (state) => {
    const jobs = [
      backupJob({ backupJobId: "ok", resourceArn: "arn:db:ledger" }),
      backupJob({ backupJobId: "old-ok", resourceArn: "arn:db:orders", creationDate: daysBefore(1.5) }),
      backupJob({
        backupJobId: "latest",
        resourceArn: "arn:db:orders",
        state,
        creationDate: daysBefore(0.2),
        completionDate: daysBefore(0.1),
        statusMessage: "snapshot quota exceeded",
      }),
    ];
    const evidence = new FakeEvidence()
      .collected("backup", EU, withJobs(EU, jobs))
      .collected("backup", US, withJobs(US));
    const outcome = evaluate("BAK-3", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      {
        kind: "backup-resource",
        id: "arn:db:orders",
        region: EU,
        detail: `latest backup job latest ${state}: snapshot quota exceeded`,
      },
    ]);
  });

  it("passes when a resource's failed job was followed by a completed one", () => {
    const jobs = [
      backupJob({ backupJobId: "failed", state: "FAILED", creationDate: daysBefore(1.5), completionDate: null }),
      backupJob({ backupJobId: "retry", creationDate: daysBefore(0.5) }),
    ];
    const evidence = new FakeEvidence().everywhere("backup", (region) => withJobs(region, jobs));
    expect(evaluate("BAK-3", evidence).status).toBe("PASS");
  });

  it("ignores a failed job older than 48 hours", () => {
    const jobs = [
      backupJob({ backupJobId: "old", resourceArn: "arn:db:ledger", state: "FAILED", creationDate: daysBefore(3) }),
      backupJob(),
    ];
    const evidence = new FakeEvidence().everywhere("backup", (region) => withJobs(region, jobs));
    expect(evaluate("BAK-3", evidence).status).toBe("PASS");
  });

  it("is NOT_APPLICABLE when no plan has a selection, and judges only regions that have one", () => {
    const unselected = (region: string) =>
      backupEvidence(region, { plans: [backupPlan({ selections: [] })], backupJobs: [] });
    const outcome = evaluate("BAK-3", new FakeEvidence().everywhere("backup", unselected));
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("No backup plan has a resource selection in eu-west-1.");
    const mixed = new FakeEvidence().collected("backup", EU, unselected(EU)).collected("backup", US, withJobs(US));
    expect(evaluate("BAK-3", mixed).status).toBe("PASS");
  });

  it("is UNKNOWN when a region could not be read", () => {
    const evidence = new FakeEvidence().collected("backup", EU, withJobs(EU)).failed("backup", US, "ListBackupJobs");
    expect(evaluate("BAK-3", evidence).status).toBe("UNKNOWN");
  });
});

describe("BAK-4 restore test", () => {
  const withRestores = (region: string, restoreJobs = [restoreJob()]) => backupEvidence(region, { restoreJobs });

  it("passes on a restore job completed within 183 days, naming it", () => {
    const evidence = new FakeEvidence()
      .collected("backup", EU, withRestores(EU))
      .collected("backup", US, withRestores(US, []));
    const outcome = evaluate("BAK-4", evidence);
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain("Restore job restore-1 (eu-west-1) completed on");
  });

  it.each([
    [182.99, "PASS"],
    [183, "FAIL"],
  ])("a restore completed %f days before collection → %s", (days, status) => {
    const evidence = new FakeEvidence().everywhere("backup", (region) =>
      withRestores(region, [restoreJob({ completionDate: daysBefore(days) })]),
    );
    expect(evaluate("BAK-4", evidence).status).toBe(status);
  });

  it("reads the period from restoreTestMaxAgeDays", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => withRestores(region));
    expect(evaluate("BAK-4", evidence, { params: { restoreTestMaxAgeDays: 30 } }).status).toBe("FAIL");
    expect(evaluate("BAK-4", evidence, { params: { restoreTestMaxAgeDays: 31 } }).status).toBe("PASS");
  });

  it("does not count a restore job that did not complete", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) =>
      withRestores(region, [restoreJob({ status: "FAILED" }), restoreJob({ status: "RUNNING", completionDate: null })]),
    );
    expect(evaluate("BAK-4", evidence).status).toBe("FAIL");
  });

  it("fails as needing attestation when there is neither a restore nor an attestation", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => withRestores(region, []));
    const outcome = evaluate("BAK-4", evidence, {
      records: { attestations: [attestation({ controlId: "BAK-1" })] },
    });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.needsAttestation).toBe(true);
    expect(outcome.reason).toMatch(
      /^No restore job completed within 183 days: run a restore test, or attest one\. Needs attestation/,
    );
    expect(outcome.offenders).toEqual([
      expect.objectContaining({ kind: "account", id: "111122223333" }),
      expect.objectContaining({ kind: "attestation", id: "BAK-4" }),
    ]);
  });

  it("passes on a valid attestation without a restore job", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => withRestores(region, []));
    const outcome = evaluate("BAK-4", evidence, { records: { attestations: [attestation()] } });
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toMatch(
      /^No restore job completed within 183 days\. Attested by carla@consultancy\.example/,
    );
  });

  it("fails as expired when the attestation's validity ends at the evaluation time", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => withRestores(region, []));
    const expired = attestation({ validUntil: AS_OF });
    const outcome = evaluate("BAK-4", evidence, { records: { attestations: [expired] } });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("Attestation expired on 2025-03-01");
    expect(outcome.needsAttestation).toBe(false);
  });

  it("prefers a valid attestation over an expired one", () => {
    const evidence = new FakeEvidence().everywhere("backup", (region) => withRestores(region, []));
    const records = { attestations: [attestation({ validUntil: AS_OF }), attestation()] };
    expect(evaluate("BAK-4", evidence, { records }).status).toBe("PASS");
  });

  it("passed by attestation while restore jobs were unreadable, says they could not be read (issue 12 item 4)", () => {
    const unreadable = new FakeEvidence()
      .failed("backup", EU, "ListRestoreJobs")
      .failed("backup", US, "ListRestoreJobs", "ServiceUnavailable");
    const outcome = evaluate("BAK-4", unreadable, { records: { attestations: [attestation()] } });
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).not.toContain("No restore job completed");
    expect(outcome.reason).toMatch(/^Restore jobs could not be read \(backup:ListRestoreJobs in eu-west-1/);
    const partly = new FakeEvidence()
      .collected("backup", EU, withRestores(EU, []))
      .failed("backup", US, "ListRestoreJobs");
    expect(evaluate("BAK-4", partly, { records: { attestations: [attestation()] } }).reason).toMatch(
      /^No restore job completed within 183 days in eu-west-1; restore jobs elsewhere could not be read \(/,
    );
  });

  it("is UNKNOWN only when restore jobs could not be read and no attestation is valid", () => {
    const evidence = new FakeEvidence()
      .collected("backup", EU, withRestores(EU, []))
      .failed("backup", US, "ListRestoreJobs");
    const outcome = evaluate("BAK-4", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("backup:ListRestoreJobs in us-east-1");
    expect(evaluate("BAK-4", evidence, { records: { attestations: [attestation()] } }).status).toBe("PASS");
    const restoredElsewhere = new FakeEvidence().collected("backup", EU, withRestores(EU)).failed("backup", US);
    expect(evaluate("BAK-4", restoredElsewhere).status).toBe("PASS");
  });
});
