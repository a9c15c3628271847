import { describe, expect, it } from "vitest";
import { isRotationApplicable, mapKeyMetadata } from "./kms";

const customerKey = {
  KeyId: "k1",
  KeyManager: "CUSTOMER",
  KeySpec: "SYMMETRIC_DEFAULT",
  Origin: "AWS_KMS",
  KeyState: "Enabled",
} as const;

describe("KMS rotation scope (KMS-1)", () => {
  it.each([
    [customerKey, true],
    [{ ...customerKey, KeyState: "Disabled" }, true],
    [{ ...customerKey, KeyManager: "AWS" }, false],
    [{ ...customerKey, KeySpec: "RSA_2048" }, false],
    [{ ...customerKey, Origin: "EXTERNAL" }, false],
    [{ ...customerKey, KeyState: "PendingDeletion" }, false],
  ])("%j → %s", (metadata, applicable) => {
    expect(isRotationApplicable(metadata as never)).toBe(applicable);
  });

  it("carries the deletion date of a key pending deletion (KMS-2)", () => {
    const key = mapKeyMetadata(
      { ...customerKey, KeyState: "PendingDeletion", DeletionDate: new Date("2024-07-01T00:00:00Z") } as never,
      ["alias/app"],
    );
    expect(key).toMatchObject({
      keyState: "PendingDeletion",
      deletionDate: "2024-07-01T00:00:00.000Z",
      aliases: ["alias/app"],
    });
  });
});
