import { describe, expect, it } from "vitest";
import { mapInspectorFinding, mapInspectorSeverity, summarizeFindings } from "./inspector2";

function finding(arn: string, severity: string, status: string, firstObservedAt: string) {
  return {
    findingArn: arn,
    awsAccountId: "123456789012",
    type: "PACKAGE_VULNERABILITY",
    title: `CVE for ${arn}`,
    description: "d",
    severity,
    status,
    firstObservedAt: new Date(firstObservedAt),
    lastObservedAt: new Date("2024-06-01T00:00:00Z"),
    remediation: {},
    resources: [{ type: "AWS_EC2_INSTANCE", id: "i-1", region: "eu-west-1" }],
  } as never;
}

describe("Inspector2 mappers", () => {
  it("maps UNTRIAGED (and anything unknown) to INFORMATIONAL", () => {
    expect(mapInspectorSeverity("UNTRIAGED")).toBe("INFORMATIONAL");
    expect(mapInspectorSeverity("CRITICAL")).toBe("CRITICAL");
    expect(mapInspectorSeverity(undefined)).toBe("INFORMATIONAL");
  });

  it("keys a finding by its ARN and keeps SUPPRESSED", () => {
    const mapped = mapInspectorFinding(finding("arn:f1", "HIGH", "SUPPRESSED", "2024-05-01T00:00:00Z"), "eu-west-1");
    expect(mapped).toMatchObject({
      source: "INSPECTOR",
      externalKey: "arn:f1",
      severity: "HIGH",
      status: "SUPPRESSED",
      resourceType: "AWS_EC2_INSTANCE",
      resourceId: "i-1",
    });
    expect(mapped.observedAt?.toISOString()).toBe("2024-05-01T00:00:00.000Z");
  });

  it("summarises counts per severity and the oldest active first observation", () => {
    const findings = [
      finding("a", "CRITICAL", "ACTIVE", "2024-05-10T00:00:00Z"),
      finding("b", "CRITICAL", "ACTIVE", "2024-04-01T00:00:00Z"),
      finding("c", "CRITICAL", "SUPPRESSED", "2023-01-01T00:00:00Z"),
      finding("d", "UNTRIAGED", "ACTIVE", "2024-05-01T00:00:00Z"),
    ].map((entry) => mapInspectorFinding(entry, "eu-west-1"));
    const summary = summarizeFindings(findings);
    expect(summary.activeBySeverity).toEqual({ CRITICAL: 2, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 1 });
    expect(summary.suppressedBySeverity.CRITICAL).toBe(1);
    expect(summary.oldestActiveFirstObservedAt.CRITICAL).toBe("2024-04-01T00:00:00.000Z");
  });
});
