import { describe, expect, it } from "vitest";
import { DAY_MS } from "../dates";
import {
  alertDedupKey,
  attestationSignals,
  type ControlResultInput,
  certificateSignals,
  configSignals,
  controlSignals,
  coverageSignals,
  type FindingInput,
  failedCollectors,
  inspectorSignals,
  parseDedupKey,
  type RunInput,
} from "./sources";

const account = { id: "acct_1", customerId: "cust_1", alias: "meridian-dev" };
const at = new Date("2026-03-01T12:00:00Z");

function result(controlId: string, overrides: Partial<ControlResultInput> = {}): ControlResultInput {
  return {
    controlId,
    status: "PASS",
    severity: "HIGH",
    reason: `${controlId} reason`,
    offenders: [],
    needsAttestation: false,
    suppressed: false,
    ...overrides,
  };
}

const failing = (controlId: string, overrides: Partial<ControlResultInput> = {}) =>
  result(controlId, {
    status: "FAIL",
    offenders: [{ kind: "security-group", id: "sg-1", region: "eu-west-1", detail: "port 3389 open to 0.0.0.0/0" }],
    ...overrides,
  });

describe("dedup keys", () => {
  it("are (source, account or customer, rule, resource) and parse back, resources with | included", () => {
    const key = alertDedupKey({
      source: "CONFIG",
      awsAccountId: null,
      customerId: "c1",
      rule: "s3-bucket-logging",
      resource: "a|b",
    });
    expect(key).toBe("CONFIG|customer:c1|s3-bucket-logging|a|b");
    expect(parseDedupKey(key)).toEqual({
      source: "CONFIG",
      scope: "customer:c1",
      rule: "s3-bucket-logging",
      resource: "a|b",
    });
    expect(parseDedupKey("nonsense")).toBeNull();
  });
});

describe("control failures", () => {
  type Previous = Pick<ControlResultInput, "status" | "needsAttestation" | "suppressed"> | undefined;
  const known = (status: ControlResultInput["status"], extra: Partial<ControlResultInput> = {}): Previous => ({
    status,
    needsAttestation: false,
    suppressed: false,
    ...extra,
  });

  it.each<[string, Previous, boolean]>([
    ["PASS → FAIL opens", known("PASS"), true],
    ["NOT_APPLICABLE → FAIL opens (a new public database)", known("NOT_APPLICABLE"), true],
    ["first evaluation → FAIL opens", undefined, true],
    ["FAIL → FAIL does not open again", known("FAIL"), false],
    ["suppressed FAIL → FAIL opens (the suppression ended)", known("FAIL", { suppressed: true }), true],
  ])("%s", (_label, previous, mayOpen) => {
    const outcome = controlSignals({
      account,
      current: [failing("NET-1", { severity: "CRITICAL" })],
      previous: new Map(previous ? [["NET-1", previous]] : []),
    });
    expect(outcome.signals).toHaveLength(1);
    expect(outcome.signals[0]).toMatchObject({
      source: "CONTROL",
      rule: "NET-1",
      severity: "CRITICAL",
      region: "eu-west-1",
      resource: "sg-1",
      awsAccountId: "acct_1",
      evidenceLink: "/customers/cust_1/controls/NET-1",
      mayOpen,
    });
    expect(outcome.signals[0]!.title).toMatch(/^NET-1 failing in meridian-dev: /);
  });

  it("raises nothing for UNKNOWN, suppressed, needs-attestation, attested or elsewhere-reported controls", () => {
    const outcome = controlSignals({
      account,
      current: [
        result("IAM-5", { status: "UNKNOWN" }),
        failing("IAM-1", { suppressed: true }),
        failing("ROOT-6", { needsAttestation: true }),
        failing("CHG-1"), // attested: reported as an attestation expiry
        failing("NET-8"), // per certificate
        failing("DET-5"), // per Config rule
      ],
      previous: new Map(),
    });
    expect(outcome.signals).toEqual([]);
  });

  it("makes IAM-7 critical when a key is over a year old", () => {
    const outcome = controlSignals({
      account,
      current: [
        failing("IAM-7", {
          severity: "MEDIUM",
          offenders: [{ kind: "access-key", id: "bot access key 1", detail: "over a year old: last rotated …" }],
        }),
      ],
      previous: new Map(),
    });
    expect(outcome.signals[0]!.severity).toBe("CRITICAL");
  });

  it("clears on PASS, N/A or suppression, and never on UNKNOWN or a lasting FAIL", () => {
    const keyOf = (controlId: string) => ({
      dedupKey: alertDedupKey({
        source: "CONTROL",
        awsAccountId: "acct_1",
        customerId: "cust_1",
        rule: controlId,
        resource: "account",
      }),
      source: "CONTROL",
      region: null,
    });
    const outcome = controlSignals({
      account,
      current: [
        result("NET-1"),
        result("NET-6", { status: "NOT_APPLICABLE", reason: "No DB instance." }),
        failing("IAM-1", { suppressed: true }),
        result("IAM-5", { status: "UNKNOWN" }),
        failing("IAM-4"),
      ],
      previous: new Map(),
    });
    expect(outcome.clearedNote(keyOf("NET-1"))).toMatch(/^NET-1 passes now/);
    expect(outcome.clearedNote(keyOf("NET-6"))).toMatch(/^NET-6 no longer applies: No DB instance/);
    expect(outcome.clearedNote(keyOf("IAM-1"))).toMatch(/suppressed/);
    expect(outcome.clearedNote(keyOf("IAM-5"))).toBeNull();
    expect(outcome.clearedNote(keyOf("IAM-4"))).toBeNull();
    expect(outcome.clearedNote(keyOf("GONE-1"))).toMatch(/no longer evaluated/);
  });
});

function finding(overrides: Partial<FindingInput>): FindingInput {
  return {
    source: "INSPECTOR",
    externalKey: "arn:aws:inspector2:eu-west-1:111122223333:finding/abc",
    title: "CVE-2024-0001 - openssl",
    severity: "CRITICAL",
    region: "eu-west-1",
    resourceType: "AWS_EC2_INSTANCE",
    resourceId: "i-0abc",
    details: { vulnerabilityId: "CVE-2024-0001", remediation: "Update openssl" },
    ...overrides,
  };
}

describe("Inspector findings", () => {
  it("raise one alert per open critical or high finding, and nothing for medium", () => {
    const outcome = inspectorSignals({
      account,
      openFindings: [
        finding({}),
        finding({ externalKey: "arn:…/high", severity: "HIGH", resourceId: "i-0def" }),
        finding({ externalKey: "arn:…/medium", severity: "MEDIUM" }),
        finding({ source: "CONFIG", externalKey: "rule|x" }),
      ],
    });
    expect(outcome.signals.map((signal) => [signal.severity, signal.resource, signal.rule])).toEqual([
      ["CRITICAL", "i-0abc", "CVE-2024-0001"],
      ["HIGH", "i-0def", "CVE-2024-0001"],
    ]);
    expect(outcome.signals[0]!.dedupKey).toBe(
      "INSPECTOR|acct_1|finding|arn:aws:inspector2:eu-west-1:111122223333:finding/abc",
    );
    expect(outcome.signals[0]!.detail).toContain("Remediation: Update openssl");
    expect(outcome.clearedNote({ dedupKey: "x", source: "INSPECTOR", region: null })).toMatch(/closed/);
  });
});

describe("Config rules", () => {
  it("raise one alert per non-compliant rule and region, naming its resources", () => {
    const config = (rule: string, region: string, resourceId: string) =>
      finding({
        source: "CONFIG",
        severity: "MEDIUM",
        externalKey: `${rule}|AWS::S3::Bucket|${resourceId}|111122223333|${region}`,
        region,
        resourceType: "AWS::S3::Bucket",
        resourceId,
        details: { configRuleName: rule },
      });
    const outcome = configSignals({
      account,
      openFindings: [
        config("s3-logging", "eu-west-1", "logs-b"),
        config("s3-logging", "eu-west-1", "logs-a"),
        config("s3-logging", "us-east-1", "logs-c"),
      ],
    });
    expect(outcome.signals).toHaveLength(2);
    expect(outcome.signals[0]).toMatchObject({
      dedupKey: "CONFIG|acct_1|s3-logging|eu-west-1",
      rule: "s3-logging",
      region: "eu-west-1",
      resource: "logs-a and logs-b",
      severity: "MEDIUM",
    });
    expect(outcome.signals[0]!.title).toContain("2 resources");
  });
});

function run(id: string, steps: RunInput["steps"], errors: RunInput["errors"] = []): RunInput {
  return { id, status: "PARTIAL", finishedAt: at, steps, errors };
}
const step = (collector: string, region: string, status: string, errorCode: string | null = null) => ({
  collector,
  region,
  status,
  errorService: status === "FAILED" ? collector : null,
  errorCode,
});

describe("collection gaps", () => {
  const unknownBackup = {
    controlId: "BAK-1",
    severity: "HIGH" as const,
    reason: "Evidence missing: backup:ListBackupPlans in eu-west-1 could not be read (AccessDeniedException).",
  };

  it("raise one alert per collector that failed in the last two syncs, naming the UNKNOWN controls", () => {
    const latest = run("r2", [
      step("backup", "eu-west-1", "FAILED", "AccessDeniedException"),
      step("iam", "global", "SUCCEEDED"),
    ]);
    const previous = run("r1", [
      step("backup", "eu-west-1", "FAILED", "AccessDeniedException"),
      step("iam", "global", "FAILED"),
    ]);
    const outcome = coverageSignals({ account, runs: [latest, previous], unknownControls: [unknownBackup] });
    expect(outcome.signals).toHaveLength(1);
    expect(outcome.signals[0]).toMatchObject({
      source: "COVERAGE",
      rule: "backup",
      region: "eu-west-1",
      severity: "HIGH",
      dedupKey: "COVERAGE|acct_1|backup|account",
    });
    expect(outcome.signals[0]!.detail).toContain("Controls left UNKNOWN: BAK-1");
    expect(outcome.signals[0]!.detail).toContain("AccessDeniedException");
    // iam collected in the latest run: its gap is clear; backup's is not.
    expect(outcome.clearedNote({ dedupKey: "COVERAGE|acct_1|iam|account", source: "COVERAGE", region: null })).toMatch(
      /collected successfully/,
    );
    expect(
      outcome.clearedNote({ dedupKey: "COVERAGE|acct_1|backup|account", source: "COVERAGE", region: null }),
    ).toBeNull();
  });

  it("raise nothing for a single failure, or with one run only", () => {
    const latest = run("r2", [step("ec2", "ap-southeast-1", "FAILED", "ThrottlingException")]);
    const previous = run("r1", [step("ec2", "ap-southeast-1", "SUCCEEDED")]);
    expect(coverageSignals({ account, runs: [latest, previous], unknownControls: [] }).signals).toEqual([]);
    expect(coverageSignals({ account, runs: [latest], unknownControls: [] }).signals).toEqual([]);
  });

  it("report a role that cannot be assumed as one gap, not one per collector", () => {
    const assumeFailed = (id: string) =>
      run(
        id,
        [step("iam", "global", "SKIPPED"), step("ec2", "eu-west-1", "SKIPPED")],
        [{ service: "sts", operation: "AssumeRole", region: "eu-west-1", code: "AccessDenied" }],
      );
    expect([...failedCollectors(assumeFailed("r1")).keys()]).toEqual(["sts"]);
    const outcome = coverageSignals({ account, runs: [assumeFailed("r2"), assumeFailed("r1")], unknownControls: [] });
    expect(outcome.signals.map((signal) => [signal.rule, signal.severity])).toEqual([["sts", "HIGH"]]);
    // After the role failed, a collector failing in the next run has failed twice in a row.
    const backupAfter = coverageSignals({
      account,
      runs: [run("r3", [step("backup", "eu-west-1", "FAILED", "AccessDeniedException")]), assumeFailed("r2")],
      unknownControls: [],
    });
    expect(backupAfter.signals.map((signal) => signal.rule)).toEqual(["backup"]);
  });
});

describe("certificates", () => {
  const net8 = (offenders: ControlResultInput["offenders"], status: ControlResultInput["status"] = "FAIL") =>
    result("NET-8", { status, offenders, severity: "HIGH" });

  it("raise one alert per certificate, critical once expired, due no later than the expiry", () => {
    const outcome = certificateSignals({
      account,
      net8: net8([
        {
          kind: "certificate",
          id: "arn:cert/1",
          region: "eu-west-1",
          detail: "api.example.com: expires on 2026-03-20 (19 days left)",
        },
        {
          kind: "certificate",
          id: "arn:cert/2",
          region: "eu-west-1",
          detail: "old.example.com: expired on 2026-02-01 (28 days ago)",
        },
      ]),
      unreadableRegions: new Set(),
      evaluatedAt: at,
    });
    expect(outcome.signals.map((signal) => [signal.resource, signal.severity])).toEqual([
      ["arn:cert/1", "HIGH"],
      ["arn:cert/2", "CRITICAL"],
    ]);
    expect(outcome.signals[0]!.notAfter).toEqual(new Date("2026-03-20T00:00:00Z"));
    expect(outcome.signals[0]!.title).toBe("Certificate api.example.com in meridian-dev expires on 2026-03-20");
    expect(outcome.signals[1]!.title).toBe("Certificate old.example.com in meridian-dev has expired (2026-02-01)");
  });

  it("clear only where ACM was read", () => {
    const outcome = certificateSignals({
      account,
      net8: net8([], "PASS"),
      unreadableRegions: new Set(["us-east-1"]),
      evaluatedAt: at,
    });
    expect(outcome.clearedNote({ dedupKey: "k", source: "CERTIFICATE", region: "eu-west-1" })).toMatch(/renewed/);
    expect(outcome.clearedNote({ dedupKey: "k", source: "CERTIFICATE", region: "us-east-1" })).toBeNull();
    const unknown = certificateSignals({
      account,
      net8: net8([], "UNKNOWN"),
      unreadableRegions: new Set(),
      evaluatedAt: at,
    });
    expect(unknown.clearedNote({ dedupKey: "k", source: "CERTIFICATE", region: "eu-west-1" })).toBeNull();
  });
});

describe("attestations", () => {
  const attestation = (controlId: string, days: number, awsAccountId: string | null = "acct_1") => ({
    controlId,
    awsAccountId,
    validUntil: new Date(at.getTime() + days * DAY_MS),
    attestedBy: "Carlos",
  });
  const severityOf = () => "MEDIUM" as const;

  it("raise for an attestation expiring within 30 days or expired, once per control and scope", () => {
    const outcome = attestationSignals({
      account,
      attestations: [
        attestation("ROOT-6", 10),
        attestation("ROOT-6", -300), // older record of the same lineage
        attestation("CHG-1", -2, null),
        attestation("DET-7", 90),
        attestation("IAM-13", 5, "other_account"),
      ],
      severityOf,
      evaluatedAt: at,
    });
    expect(outcome.signals.map((signal) => [signal.rule, signal.awsAccountId, signal.dedupKey])).toEqual([
      ["ROOT-6", "acct_1", "ATTESTATION|acct_1|ROOT-6|attestation"],
      ["CHG-1", null, "ATTESTATION|customer:cust_1|CHG-1|attestation"],
    ]);
    expect(outcome.signals[0]!.title).toMatch(/expires on/);
    expect(outcome.signals[0]!.notAfter).toEqual(new Date(at.getTime() + 10 * DAY_MS));
    expect(outcome.signals[1]!.title).toMatch(/expired on/);
  });

  it("let a customer-wide attestation cover an account's lapsing one", () => {
    const outcome = attestationSignals({
      account,
      attestations: [attestation("ROOT-6", 3), attestation("ROOT-6", 200, null)],
      severityOf,
      evaluatedAt: at,
    });
    expect(outcome.signals).toEqual([]);
  });
});
