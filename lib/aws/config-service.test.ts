import { describe, expect, it } from "vitest";
import { configFindingKey, mapEvaluationToFinding, normalizeRecorderStatus } from "./config-service";

const rule = { name: "restricted-ssh", sourceIdentifier: "INCOMING_SSH_DISABLED" };

function evaluation(complianceType: "COMPLIANT" | "NON_COMPLIANT") {
  return {
    ComplianceType: complianceType,
    ResultRecordedTime: new Date("2024-06-01T00:00:00Z"),
    Annotation: "Port 22 open to 0.0.0.0/0",
    EvaluationResultIdentifier: {
      EvaluationResultQualifier: {
        ConfigRuleName: rule.name,
        ResourceType: "AWS::EC2::SecurityGroup",
        ResourceId: "sg-0123",
      },
    },
  };
}

describe("mapEvaluationToFinding", () => {
  it("turns a NON_COMPLIANT evaluation into an OPEN finding with the stable key", () => {
    const finding = mapEvaluationToFinding(evaluation("NON_COMPLIANT"), rule, "123456789012", "eu-west-1");
    expect(finding).toMatchObject({
      source: "CONFIG",
      externalKey: "restricted-ssh|AWS::EC2::SecurityGroup|sg-0123|123456789012|eu-west-1",
      status: "OPEN",
      severity: "MEDIUM",
      region: "eu-west-1",
      resourceType: "AWS::EC2::SecurityGroup",
      resourceId: "sg-0123",
    });
    expect(finding?.details).toMatchObject({
      sourceIdentifier: "INCOMING_SSH_DISABLED",
      annotation: "Port 22 open to 0.0.0.0/0",
    });
  });

  it("returns nothing for a COMPLIANT evaluation (absent = closed)", () => {
    expect(mapEvaluationToFinding(evaluation("COMPLIANT"), rule, "123456789012", "eu-west-1")).toBeNull();
  });

  it("builds keys that differ per account and region", () => {
    const key = (account: string, region: string) => configFindingKey("r", "AWS::S3::Bucket", "b", account, region);
    expect(new Set([key("1", "a"), key("2", "a"), key("1", "b")]).size).toBe(3);
  });
});

describe("normalizeRecorderStatus", () => {
  it("stores one upper-case spelling whichever the service sends", () => {
    expect(normalizeRecorderStatus("Success")).toBe("SUCCESS");
    expect(normalizeRecorderStatus("FAILURE")).toBe("FAILURE");
    expect(normalizeRecorderStatus(undefined)).toBeNull();
  });
});
