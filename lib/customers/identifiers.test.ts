import { describe, expect, it } from "vitest";
import { externalIdSchema } from "@/lib/aws/sts";
import { assessExternalIdStrength, newExternalId } from "./identifiers";

describe("newExternalId", () => {
  it("is within STS's ExternalId characters and length, unique, and strong", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newExternalId()));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(externalIdSchema.safeParse(id).success).toBe(true);
      expect(id).toMatch(/^rampart-[A-Za-z0-9_-]{43}$/);
      expect(assessExternalIdStrength(id).weak).toBe(false);
    }
  });
});

describe("assessExternalIdStrength", () => {
  it.each([
    ["quasar-9e2f1b8c57", true],
    ["12345678901234567890", true],
    ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true],
    ["Customer-Acme", true],
    ["Zq8-vN2kP_x7Lr4TtY9wB3mC6hJ0sD5f", false],
  ])("%s → weak %s", (externalId, weak) => {
    const strength = assessExternalIdStrength(externalId);
    expect(strength.weak).toBe(weak);
    expect(strength.warnings.length > 0).toBe(weak);
  });
});
