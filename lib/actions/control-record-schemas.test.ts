import { describe, expect, it } from "vitest";
import { addDaysToIsoDay, addMonthsToIsoDay, utcToday } from "../dates";
import { acknowledgeEndpointSchema, recordAttestationSchema, suppressControlSchema } from "./control-record-schemas";

describe("recordAttestationSchema", () => {
  const valid = {
    customerId: "c1",
    controlId: "ROOT-6",
    note: "Checked the vault.",
    validUntil: addDaysToIsoDay(utcToday(), 30),
  };

  it("accepts an attested control, keeps empty optional fields as null and means the end of the day", () => {
    const parsed = recordAttestationSchema.parse({ ...valid, awsAccountId: "", link: "", documentRef: " " });
    expect(parsed).toMatchObject({ awsAccountId: null, link: null, documentRef: null });
    expect(parsed.validUntil.toISOString()).toBe(`${valid.validUntil}T23:59:59.999Z`);
    expect(recordAttestationSchema.parse({ ...valid, link: "http://wiki/runbooks/ir" }).link).toBe(
      "http://wiki/runbooks/ir",
    );
  });

  it.each([
    ["an automated control", { controlId: "ROOT-1" }, "controlId"],
    ["an unknown control", { controlId: "NOPE-1" }, "controlId"],
    ["a javascript: link", { link: "javascript:alert(1)" }, "link"],
    ["a relative link", { link: "/evidence" }, "link"],
    ["today", { validUntil: utcToday() }, "validUntil"],
    ["an impossible date", { validUntil: "2099-13-45" }, "validUntil"],
    ["14 months ahead", { validUntil: addMonthsToIsoDay(utcToday(), 14) }, "validUntil"],
    ["no note", { note: "" }, "note"],
  ])("refuses %s", (_label, override, field) => {
    const result = recordAttestationSchema.safeParse({ ...valid, ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it("accepts exactly 13 months ahead", () => {
    expect(recordAttestationSchema.safeParse({ ...valid, validUntil: addMonthsToIsoDay(utcToday(), 13) }).success).toBe(
      true,
    );
  });
});

describe("suppressControlSchema", () => {
  const valid = {
    customerId: "c1",
    controlId: "NET-7",
    reason: "Bastion reviewed.",
    expiresAt: addDaysToIsoDay(utcToday(), 5),
  };

  it.each([
    ["no reason", { reason: undefined }, "reason"],
    ["a short reason", { reason: "too short" }, "reason"],
    ["no expiry", { expiresAt: undefined }, "expiresAt"],
    ["an expiry today", { expiresAt: utcToday() }, "expiresAt"],
    ["an unknown control", { controlId: "X-1" }, "controlId"],
  ])("refuses %s", (_label, override, field) => {
    const result = suppressControlSchema.safeParse({ ...valid, ...override });
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});

describe("acknowledgeEndpointSchema", () => {
  it.each([
    ["elb:arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1", true],
    ["instance:i-0abc", true],
    ["eip:eipalloc-1", true],
    ["rds:orders", true],
    ["s3:bucket", false],
    ["instance:", false],
    ["instance:i-0abc with space", false],
  ])("%s → %s", (endpointKey, ok) => {
    expect(acknowledgeEndpointSchema.safeParse({ awsAccountId: "a1", endpointKey }).success).toBe(ok);
  });
});
