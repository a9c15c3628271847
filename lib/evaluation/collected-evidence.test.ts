import { describe, expect, it } from "vitest";
import { collectedEvidenceLookup } from "./collected-evidence";

const collectedAt = new Date("2026-05-01T10:00:00Z");
const gap = {
  service: "backup",
  operation: "ListBackupPlans",
  region: "us-east-1",
  code: "AccessDenied",
  message: "no",
};

describe("collectedEvidenceLookup", () => {
  it("serves collected outputs as of the collection, failed steps as UNKNOWN with their error, and absent ones as MISSING", () => {
    const lookup = collectedEvidenceLookup({
      collectedAt,
      runFailure: null,
      steps: [
        { collector: "kms", region: "us-east-1", output: { evidence: { keys: [], at: collectedAt }, itemCount: 0 } },
        { collector: "backup", region: "us-east-1", error: gap },
      ],
    });
    // As jsonb would store it: the Date becomes its ISO string.
    expect(lookup.get("kms", "us-east-1")).toEqual({
      state: "COLLECTED",
      data: { keys: [], at: collectedAt.toISOString() },
      asOf: collectedAt,
    });
    expect(lookup.get("backup", "us-east-1")).toEqual({ state: "UNKNOWN", gap });
    expect(lookup.get("kms", "eu-west-1")).toEqual({ state: "MISSING" });
  });

  it("makes every step UNKNOWN with the AssumeRole failure when the role could not be assumed", () => {
    const runFailure = {
      service: "sts",
      operation: "AssumeRole",
      region: "us-east-1",
      code: "AccessDenied",
      message: "x",
    };
    const lookup = collectedEvidenceLookup({
      collectedAt,
      runFailure,
      steps: [
        { collector: "iam", region: "global" },
        { collector: "kms", region: "eu-west-1" },
      ],
    });
    expect(lookup.get("iam", "global")).toEqual({ state: "UNKNOWN", gap: { ...runFailure, region: "global" } });
    expect(lookup.get("kms", "eu-west-1")).toEqual({ state: "UNKNOWN", gap: { ...runFailure, region: "eu-west-1" } });
  });
});
