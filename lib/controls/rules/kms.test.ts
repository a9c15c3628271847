import { describe, expect, it } from "vitest";
import type { KmsKeyEvidence } from "../../evidence/contract";
import { KMS_RULES } from "./kms";
import {
  buildContext,
  collected,
  type EvidenceEntries,
  ec2Evidence,
  failed,
  kmsEvidence,
  kmsKey,
} from "./testing/network-evidence";

function kmsContext(byRegion: Record<string, KmsKeyEvidence[]>) {
  const regions = Object.keys(byRegion);
  const kms: NonNullable<EvidenceEntries["kms"]> = Object.fromEntries(
    regions.map((region) => [region, collected(kmsEvidence(region, byRegion[region]))]),
  );
  return buildContext({ regions, evidence: { kms } });
}

describe("KMS-1 rotation of customer-managed symmetric keys", () => {
  it("passes when every in-scope key rotates", () => {
    const outcome = KMS_RULES["KMS-1"](kmsContext({ "eu-west-1": [kmsKey()], "us-east-1": [kmsKey({ keyId: "k2" })] }));
    expect(outcome.status).toBe("PASS");
  });

  it("fails and names the key, its alias and region", () => {
    const outcome = KMS_RULES["KMS-1"](
      kmsContext({
        "eu-west-1": [kmsKey()],
        "us-east-1": [kmsKey({ keyId: "k-norotate", aliases: ["alias/billing"], rotationEnabled: false })],
      }),
    );
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      {
        kind: "kms-key",
        id: "k-norotate",
        region: "us-east-1",
        detail: "alias/billing (k-norotate): rotation disabled",
      },
    ]);
    expect(outcome.reason).toContain("alias/billing (k-norotate): rotation disabled in us-east-1");
  });

  it("fails an in-scope key whose rotation status was not reported", () => {
    const outcome = KMS_RULES["KMS-1"](kmsContext({ "eu-west-1": [kmsKey({ aliases: [], rotationEnabled: null })] }));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders[0].detail).toContain("rotation status not reported");
  });

  it.each<[string, Partial<KmsKeyEvidence>]>([
    ["AWS-managed", { keyManager: "AWS" }],
    ["asymmetric", { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }],
    ["imported key material", { origin: "EXTERNAL" }],
    ["disabled", { keyState: "Disabled" }],
    ["pending deletion", { keyState: "PendingDeletion" }],
  ])("leaves %s keys out of scope", (_label, overrides) => {
    const outcome = KMS_RULES["KMS-1"](kmsContext({ "eu-west-1": [kmsKey({ ...overrides, rotationEnabled: false })] }));
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("No enabled customer-managed symmetric key");
  });

  it("is UNKNOWN from a failed collector", () => {
    const context = buildContext({ evidence: { kms: { "eu-west-1": failed("kms", "ListKeys", "eu-west-1") } } });
    const outcome = KMS_RULES["KMS-1"](context);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("kms:ListKeys in eu-west-1");
  });
});

describe("KMS-2 no customer key pending deletion", () => {
  it("passes with customer keys in other states", () => {
    const outcome = KMS_RULES["KMS-2"](
      kmsContext({ "eu-west-1": [kmsKey(), kmsKey({ keyId: "k2", keyState: "Disabled" })] }),
    );
    expect(outcome.status).toBe("PASS");
  });

  it("fails and gives the deletion date", () => {
    const outcome = KMS_RULES["KMS-2"](
      kmsContext({
        "eu-west-1": [
          kmsKey({
            keyId: "k-doomed",
            aliases: ["alias/old"],
            keyState: "PendingDeletion",
            deletionDate: "2024-06-08T00:00:00.000Z",
            rotationEnabled: null,
          }),
        ],
      }),
    );
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      {
        kind: "kms-key",
        id: "k-doomed",
        region: "eu-west-1",
        detail: "alias/old (k-doomed): scheduled for deletion on 2024-06-08",
      },
    ]);
    expect(outcome.reason).toContain("2024-06-08");
  });

  it("ignores AWS-managed keys", () => {
    const awsKey = kmsKey({ keyManager: "AWS", keyState: "PendingDeletion" });
    expect(KMS_RULES["KMS-2"](kmsContext({ "eu-west-1": [awsKey] })).status).toBe("NOT_APPLICABLE");
  });

  it("is NOT_APPLICABLE with no customer key", () => {
    const outcome = KMS_RULES["KMS-2"](kmsContext({ "eu-west-1": [] }));
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("No customer-managed KMS key");
  });

  it("is UNKNOWN from a failed collector", () => {
    const context = buildContext({ evidence: { kms: { "eu-west-1": failed("kms", "DescribeKey", "eu-west-1") } } });
    expect(KMS_RULES["KMS-2"](context).status).toBe("UNKNOWN");
  });
});

describe("KMS-3 EBS encryption by default", () => {
  const ebsContext = (byRegion: Record<string, boolean>) =>
    buildContext({
      regions: Object.keys(byRegion),
      evidence: {
        ec2: Object.fromEntries(
          Object.entries(byRegion).map(([region, on]) => [
            region,
            collected(ec2Evidence(region, { ebsEncryptionByDefault: on })),
          ]),
        ),
      },
    });

  it("passes when it is on in every region", () => {
    expect(KMS_RULES["KMS-3"](ebsContext({ "eu-west-1": true, "us-east-1": true })).status).toBe("PASS");
  });

  it("fails and names each region where it is off", () => {
    const outcome = KMS_RULES["KMS-3"](ebsContext({ "eu-west-1": true, "us-east-1": false, "ap-south-1": false }));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders.map((offender) => offender.id)).toEqual(["us-east-1", "ap-south-1"]);
    expect(outcome.reason).toContain("us-east-1 and ap-south-1");
  });

  it("is UNKNOWN when a region could not be read and the others pass", () => {
    const context = buildContext({
      regions: ["eu-west-1", "us-east-1"],
      evidence: {
        ec2: {
          "eu-west-1": collected(ec2Evidence("eu-west-1")),
          "us-east-1": failed("ec2", "GetEbsEncryptionByDefault", "us-east-1"),
        },
      },
    });
    expect(KMS_RULES["KMS-3"](context).status).toBe("UNKNOWN");
  });

  it("is UNKNOWN for a region never collected", () => {
    expect(KMS_RULES["KMS-3"](buildContext({ evidence: {} })).status).toBe("UNKNOWN");
  });
});
