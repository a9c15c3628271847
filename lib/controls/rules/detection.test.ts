import { describe, expect, it } from "vitest";
import type { ControlParams } from "../params";
import { DETECTION_RULES, recordsGlobalResourceTypes } from "./detection";
import {
  AS_OF,
  buildContext,
  configEvidence,
  configRule,
  daysBefore,
  detector,
  FakeEvidence,
  guardDutyEvidence,
  inspectorAccountStatus,
  inspectorEvidence,
  REGIONS,
  recorder,
  securityHubEvidence,
  severityCounts,
} from "./testing/detection-evidence";

const [EU, US] = REGIONS;

function evaluate(controlId: string, evidence: FakeEvidence, params: Partial<ControlParams> = {}, evaluatedAt = AS_OF) {
  return DETECTION_RULES[controlId](buildContext(evidence, { params, evaluatedAt }));
}

describe("DET-1 AWS Config recorder", () => {
  const globalRecorder = recorder({ includeGlobalResourceTypes: true });

  it("passes when every region records all types and one records the global IAM types", () => {
    const evidence = new FakeEvidence()
      .collected("config-service", EU, configEvidence(EU, { recorders: [globalRecorder] }))
      .collected("config-service", US, configEvidence(US));
    const outcome = evaluate("DET-1", evidence);
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain(`global IAM resource types in ${EU}`);
  });

  it("passes when one of two recorders in a region qualifies", () => {
    const evidence = new FakeEvidence()
      .collected(
        "config-service",
        EU,
        configEvidence(EU, { recorders: [recorder({ name: "old", recording: false }), globalRecorder] }),
      )
      .collected("config-service", US, configEvidence(US));
    expect(evaluate("DET-1", evidence).status).toBe("PASS");
  });

  it("fails naming a region without a recorder and a stopped recorder", () => {
    const evidence = new FakeEvidence()
      .collected("config-service", EU, configEvidence(EU, { recorders: [] }))
      .collected(
        "config-service",
        US,
        configEvidence(US, { recorders: [recorder({ ...globalRecorder, recording: false })] }),
      );
    const outcome = evaluate("DET-1", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain(`${EU} (no recorder)`);
    expect(outcome.reason).toContain(`${US} (recorder default is stopped)`);
    expect(outcome.offenders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "region", id: EU, region: EU }),
        expect.objectContaining({ kind: "config-recorder", id: "default", region: US, detail: "is stopped" }),
      ]),
    );
  });

  it.each([
    [
      "selected types only",
      { allSupported: false, recordingStrategy: "INCLUSION_BY_RESOURCE_TYPES" },
      "records only selected resource types",
    ],
    [
      "a failed last recording",
      { lastStatus: "FAILURE", lastErrorCode: "AccessDenied" },
      "last recording failed (AccessDenied)",
    ],
    ["no status at all", { recording: null }, "reports no status"],
  ] as const)("fails a recorder with %s", (_label, overrides, detail) => {
    const evidence = new FakeEvidence()
      .collected("config-service", EU, configEvidence(EU, { recorders: [globalRecorder] }))
      .collected("config-service", US, configEvidence(US, { recorders: [recorder(overrides)] }));
    const outcome = evaluate("DET-1", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([{ kind: "config-recorder", id: "default", region: US, detail }]);
  });

  it("fails when no recording recorder records the global resource types", () => {
    const evidence = new FakeEvidence().everywhere("config-service", (region) => configEvidence(region));
    const outcome = evaluate("DET-1", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("includeGlobalResourceTypes");
    expect(outcome.offenders).toEqual([expect.objectContaining({ kind: "account", id: "111122223333" })]);
  });

  it("does not count global types recorded by a stopped recorder", () => {
    const evidence = new FakeEvidence()
      .collected(
        "config-service",
        EU,
        configEvidence(EU, { recorders: [recorder({ ...globalRecorder, recording: false })] }),
      )
      .collected("config-service", US, configEvidence(US));
    const outcome = evaluate("DET-1", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders.map((offender) => offender.kind).sort()).toEqual(["account", "config-recorder"]);
  });

  it("is UNKNOWN when a region could not be read and the others pass without global types", () => {
    const evidence = new FakeEvidence()
      .failed("config-service", EU, "DescribeConfigurationRecorders", "AccessDeniedException")
      .collected("config-service", US, configEvidence(US));
    const outcome = evaluate("DET-1", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("config-service:DescribeConfigurationRecorders in eu-west-1");
    expect(outcome.reason).toContain("AccessDeniedException");
  });

  it("is UNKNOWN for a region never collected", () => {
    const evidence = new FakeEvidence().collected(
      "config-service",
      US,
      configEvidence(US, { recorders: [globalRecorder] }),
    );
    const outcome = evaluate("DET-1", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("not been collected");
  });

  it("prefers a known failure to a gap", () => {
    const evidence = new FakeEvidence()
      .failed("config-service", EU)
      .collected("config-service", US, configEvidence(US, { recorders: [] }));
    expect(evaluate("DET-1", evidence).status).toBe("FAIL");
  });

  it("is NOT_APPLICABLE with no configured region", () => {
    const outcome = DETECTION_RULES["DET-1"](buildContext(new FakeEvidence(), { regions: [] }));
    expect(outcome.status).toBe("NOT_APPLICABLE");
  });

  describe("recordsGlobalResourceTypes", () => {
    const iamTypes = ["AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role", "AWS::IAM::Policy"];
    it.each([
      ["all supported with includeGlobalResourceTypes", recorder({ includeGlobalResourceTypes: true }), true],
      ["all supported without it", recorder({ includeGlobalResourceTypes: false }), false],
      [
        "an inclusion list naming all four IAM types",
        recorder({ allSupported: false, recordingStrategy: "INCLUSION_BY_RESOURCE_TYPES", resourceTypes: iamTypes }),
        true,
      ],
      [
        "an inclusion list missing IAM policies",
        recorder({
          allSupported: false,
          recordingStrategy: "INCLUSION_BY_RESOURCE_TYPES",
          resourceTypes: iamTypes.slice(0, 3),
        }),
        false,
      ],
      [
        "exclusions that spare the IAM types",
        recorder({
          allSupported: false,
          recordingStrategy: "EXCLUSION_BY_RESOURCE_TYPES",
          excludedResourceTypes: ["AWS::EC2::Volume"],
        }),
        true,
      ],
      [
        "exclusions of IAM roles",
        recorder({
          allSupported: false,
          recordingStrategy: "EXCLUSION_BY_RESOURCE_TYPES",
          excludedResourceTypes: ["AWS::IAM::Role"],
        }),
        false,
      ],
    ])("%s → %s", (_label, candidate, expected) => {
      expect(recordsGlobalResourceTypes(candidate)).toBe(expected);
    });
  });
});

describe("DET-2 GuardDuty", () => {
  it("passes when every region has an enabled detector", () => {
    const evidence = new FakeEvidence().everywhere("guardduty", (region) => guardDutyEvidence(region));
    expect(evaluate("DET-2", evidence).status).toBe("PASS");
  });

  it("passes a region where one of two detectors is enabled", () => {
    const evidence = new FakeEvidence().everywhere("guardduty", (region) =>
      guardDutyEvidence(region, [detector({ detectorId: "old", status: "DISABLED" }), detector()]),
    );
    expect(evaluate("DET-2", evidence).status).toBe("PASS");
  });

  it("fails naming a region without a detector and a disabled detector", () => {
    const evidence = new FakeEvidence()
      .collected("guardduty", EU, guardDutyEvidence(EU, []))
      .collected("guardduty", US, guardDutyEvidence(US, [detector({ detectorId: "abc", status: "DISABLED" })]));
    const outcome = evaluate("DET-2", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toBe(
      `GuardDuty is not enabled in ${EU} (no detector) and ${US} (detector abc is DISABLED).`,
    );
    expect(outcome.offenders).toEqual([
      { kind: "region", id: EU, region: EU, detail: "no GuardDuty detector" },
      { kind: "guardduty-detector", id: "abc", region: US, detail: "status DISABLED" },
    ]);
  });

  it("is UNKNOWN when a region could not be read", () => {
    const evidence = new FakeEvidence()
      .collected("guardduty", EU, guardDutyEvidence(EU))
      .failed("guardduty", US, "ListDetectors", "ThrottlingException");
    const outcome = evaluate("DET-2", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.offenders).toEqual([expect.objectContaining({ kind: "region", id: US })]);
  });
});

describe("DET-3 Inspector scanning", () => {
  it("passes when the account and EC2 and ECR scanning are enabled everywhere", () => {
    const evidence = new FakeEvidence().everywhere("inspector2", (region) => inspectorEvidence(region));
    const outcome = evaluate("DET-3", evidence);
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain("EC2 and ECR");
  });

  it("fails where Inspector is disabled and where ECR scanning is off", () => {
    const evidence = new FakeEvidence()
      .collected("inspector2", EU, inspectorEvidence(EU, { accountStatus: inspectorAccountStatus("DISABLED", {}) }))
      .collected(
        "inspector2",
        US,
        inspectorEvidence(US, {
          accountStatus: inspectorAccountStatus("ENABLED", { ec2: "ENABLED", ecr: "DISABLED" }),
        }),
      );
    const outcome = evaluate("DET-3", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain(`${EU} (Inspector is DISABLED)`);
    expect(outcome.reason).toContain(`${US} (ECR scanning is DISABLED)`);
    expect(outcome.offenders).toEqual([
      { kind: "region", id: EU, region: EU, detail: "Inspector account status DISABLED" },
      { kind: "inspector-scan-type", id: "ecr", region: US, detail: "ECR scanning is DISABLED" },
    ]);
  });

  it("fails a resource type the status does not report", () => {
    const evidence = new FakeEvidence().everywhere("inspector2", (region) =>
      inspectorEvidence(region, { accountStatus: inspectorAccountStatus("ENABLED", { ec2: "ENABLED" }) }),
    );
    const outcome = evaluate("DET-3", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders.map((offender) => offender.detail)).toEqual([
      "ECR scanning is not reported",
      "ECR scanning is not reported",
    ]);
  });

  it("reads the required resource types from the parameter", () => {
    const evidence = new FakeEvidence().everywhere("inspector2", (region) => inspectorEvidence(region));
    expect(evaluate("DET-3", evidence, { inspectorResourceTypes: ["ec2", "lambda"] }).status).toBe("FAIL");
    const ecrOff = new FakeEvidence().everywhere("inspector2", (region) =>
      inspectorEvidence(region, {
        accountStatus: inspectorAccountStatus("ENABLED", { ec2: "ENABLED", ecr: "DISABLED" }),
      }),
    );
    expect(evaluate("DET-3", ecrOff, { inspectorResourceTypes: ["ec2"] }).status).toBe("PASS");
  });

  it("is UNKNOWN when BatchGetAccountStatus did not return the account", () => {
    const evidence = new FakeEvidence().collected("inspector2", EU, inspectorEvidence(EU)).collected(
      "inspector2",
      US,
      inspectorEvidence(US, {
        accountStatus: null,
        failedAccounts: [{ accountId: "111122223333", errorCode: "ACCESS_DENIED", errorMessage: "denied" }],
      }),
    );
    const outcome = evaluate("DET-3", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toBe(
      "Evidence missing: inspector2:BatchGetAccountStatus in us-east-1 could not be read (ACCESS_DENIED).",
    );
  });

  it("says so when Inspector answered with no account status and no failed account (issue 12 item 4)", () => {
    const evidence = new FakeEvidence()
      .collected("inspector2", EU, inspectorEvidence(EU))
      .collected("inspector2", US, inspectorEvidence(US, { accountStatus: null, failedAccounts: [] }));
    const outcome = evaluate("DET-3", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toBe(
      "Evidence missing: in us-east-1, Inspector answered BatchGetAccountStatus with no account status for this account (neither a status nor a failed account).",
    );
  });

  it("is UNKNOWN when the collector failed", () => {
    const evidence = new FakeEvidence().collected("inspector2", EU, inspectorEvidence(EU)).failed("inspector2", US);
    expect(evaluate("DET-3", evidence).status).toBe("UNKNOWN");
  });
});

describe("DET-4 Inspector finding age", () => {
  const withOldest = (region: string, oldest: { CRITICAL?: string; HIGH?: string; MEDIUM?: string }, count = 2) =>
    inspectorEvidence(region, {
      activeBySeverity: severityCounts({ CRITICAL: count, HIGH: count, MEDIUM: count }),
      oldestActiveFirstObservedAt: oldest,
    });

  it.each([
    ["a critical finding just under 15 days", { CRITICAL: daysBefore(14.99) }, "PASS"],
    ["a critical finding exactly 15 days old", { CRITICAL: daysBefore(15) }, "FAIL"],
    ["a high finding just under 30 days", { HIGH: daysBefore(29.99) }, "PASS"],
    ["a high finding exactly 30 days old", { HIGH: daysBefore(30) }, "FAIL"],
    ["a medium finding a year old", { MEDIUM: daysBefore(365) }, "PASS"],
    ["no active finding", {}, "PASS"],
  ])("%s → %s", (_label, oldest, status) => {
    const evidence = new FakeEvidence().everywhere("inspector2", (region) => withOldest(region, oldest));
    expect(evaluate("DET-4", evidence).status).toBe(status);
  });

  it("names the severity, count, date and limit of an overdue finding", () => {
    const evidence = new FakeEvidence()
      .collected("inspector2", EU, withOldest(EU, { CRITICAL: daysBefore(20) }, 3))
      .collected("inspector2", US, withOldest(US, {}));
    const outcome = evaluate("DET-4", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toBe(
      `Inspector has overdue open findings in ${EU} (critical finding open 20 days, limit 15).`,
    );
    expect(outcome.offenders).toEqual([
      {
        kind: "inspector-findings",
        id: "CRITICAL",
        region: EU,
        detail: `oldest of 3 active critical findings first observed ${daysBefore(20).slice(0, 10)}, 20 days before collection (limit 15)`,
      },
    ]);
  });

  it("ages findings from the collection time, not the evaluation time", () => {
    const evidence = new FakeEvidence().everywhere("inspector2", (region) =>
      withOldest(region, { CRITICAL: daysBefore(10) }),
    );
    const tenDaysLater = new Date(AS_OF.getTime() + 10 * 24 * 60 * 60 * 1000);
    expect(evaluate("DET-4", evidence, {}, tenDaysLater).status).toBe("PASS");
  });

  it("reads the age limits from the parameters", () => {
    const evidence = new FakeEvidence().everywhere("inspector2", (region) =>
      withOldest(region, { CRITICAL: daysBefore(10), HIGH: daysBefore(10) }),
    );
    expect(evaluate("DET-4", evidence, { inspectorCriticalMaxAgeDays: 10 }).offenders.map((o) => o.id)).toEqual([
      "CRITICAL",
      "CRITICAL",
    ]);
    expect(evaluate("DET-4", evidence, { inspectorHighMaxAgeDays: 9 }).offenders.map((o) => o.id)).toEqual([
      "HIGH",
      "HIGH",
    ]);
  });

  it("ignores suppressed findings", () => {
    const evidence = new FakeEvidence().everywhere("inspector2", (region) =>
      inspectorEvidence(region, { suppressedBySeverity: severityCounts({ CRITICAL: 5, HIGH: 5 }) }),
    );
    expect(evaluate("DET-4", evidence).status).toBe("PASS");
  });

  it("is NOT_APPLICABLE where Inspector is not enabled", () => {
    const disabled = (region: string) =>
      inspectorEvidence(region, { accountStatus: inspectorAccountStatus("DISABLED", {}), findingsCollected: false });
    const allDisabled = new FakeEvidence().everywhere("inspector2", disabled);
    const outcome = evaluate("DET-4", allDisabled);
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("Inspector is not enabled in eu-west-1");
    const oneEnabled = new FakeEvidence()
      .collected("inspector2", EU, disabled(EU))
      .collected("inspector2", US, withOldest(US, {}));
    expect(evaluate("DET-4", oneEnabled).status).toBe("PASS");
  });

  it("fails on an old finding even when the account status is unknown, else is UNKNOWN", () => {
    const statusless = (oldest: { CRITICAL?: string }) =>
      inspectorEvidence(US, {
        ...withOldest(US, oldest),
        accountStatus: null,
        failedAccounts: [{ accountId: "111122223333", errorCode: "INTERNAL_ERROR", errorMessage: null }],
      });
    const old = new FakeEvidence()
      .collected("inspector2", EU, withOldest(EU, {}))
      .collected("inspector2", US, statusless({ CRITICAL: daysBefore(40) }));
    expect(evaluate("DET-4", old).status).toBe("FAIL");
    const recent = new FakeEvidence()
      .collected("inspector2", EU, withOldest(EU, {}))
      .collected("inspector2", US, statusless({ CRITICAL: daysBefore(1) }));
    const outcome = evaluate("DET-4", recent);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("INTERNAL_ERROR");
  });

  it("is UNKNOWN when the collector failed", () => {
    const evidence = new FakeEvidence()
      .collected("inspector2", EU, withOldest(EU, {}))
      .failed("inspector2", US, "ListFindings");
    expect(evaluate("DET-4", evidence).status).toBe("UNKNOWN");
  });
});

describe("DET-5 AWS Config rule compliance", () => {
  it("passes when every rule with a result is compliant, showing the share", () => {
    const evidence = new FakeEvidence().everywhere("config-service", (region) =>
      configEvidence(region, {
        rules: [configRule(), configRule({ name: "s3-versioning", complianceType: "INSUFFICIENT_DATA" })],
      }),
    );
    const outcome = evaluate("DET-5", evidence);
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toBe("2 of 2 AWS Config rules with a result are compliant (100%).");
  });

  it("fails naming each non-compliant rule and its region", () => {
    const evidence = new FakeEvidence()
      .collected(
        "config-service",
        EU,
        configEvidence(EU, {
          rules: [
            configRule(),
            configRule({ name: "restricted-ssh", complianceType: "NON_COMPLIANT", nonCompliantResourceCount: 2 }),
          ],
        }),
      )
      .collected(
        "config-service",
        US,
        configEvidence(US, { rules: [configRule({ name: "restricted-ssh", complianceType: "NON_COMPLIANT" })] }),
      );
    const outcome = evaluate("DET-5", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toBe(
      "2 AWS Config rules are non-compliant: restricted-ssh (eu-west-1) and restricted-ssh (us-east-1). 1 of 3 AWS Config rules with a result are compliant (33%).",
    );
    expect(outcome.offenders).toEqual([
      { kind: "config-rule", id: "restricted-ssh", region: EU, detail: "2 non-compliant resources" },
      { kind: "config-rule", id: "restricted-ssh", region: US, detail: "non-compliant" },
    ]);
  });

  it("is NOT_APPLICABLE when no rule has a compliant or non-compliant result", () => {
    const evidence = new FakeEvidence().everywhere("config-service", (region) =>
      configEvidence(region, {
        rules: [
          configRule({ complianceType: "NOT_APPLICABLE" }),
          configRule({ name: "b", complianceType: "INSUFFICIENT_DATA" }),
          configRule({ name: "c", complianceType: null }),
        ],
      }),
    );
    expect(evaluate("DET-5", evidence).status).toBe("NOT_APPLICABLE");
  });

  it("is UNKNOWN when a region could not be read and the rest has nothing to judge", () => {
    const evidence = new FakeEvidence()
      .collected("config-service", EU, configEvidence(EU))
      .failed("config-service", US, "DescribeComplianceByConfigRule");
    expect(evaluate("DET-5", evidence).status).toBe("UNKNOWN");
  });
});

describe("DET-6 Security Hub", () => {
  it("passes when Security Hub is enabled everywhere", () => {
    const evidence = new FakeEvidence().everywhere("securityhub", (region) => securityHubEvidence(region));
    expect(evaluate("DET-6", evidence).status).toBe("PASS");
  });

  it("fails a region that is not subscribed, with AWS's words", () => {
    const evidence = new FakeEvidence()
      .collected("securityhub", EU, securityHubEvidence(EU))
      .collected("securityhub", US, securityHubEvidence(US, false));
    const outcome = evaluate("DET-6", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toBe(`Security Hub is not enabled in ${US}.`);
    expect(outcome.offenders).toEqual([
      {
        kind: "region",
        id: US,
        region: US,
        detail: "Account 111122223333 is not subscribed to AWS Security Hub",
      },
    ]);
  });

  it("is UNKNOWN when a region could not be read", () => {
    const evidence = new FakeEvidence()
      .collected("securityhub", EU, securityHubEvidence(EU))
      .failed("securityhub", US, "DescribeHub", "InternalServerError");
    const outcome = evaluate("DET-6", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("InternalServerError");
  });
});
