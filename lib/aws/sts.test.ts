import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { toAwsCallError } from "./errors";
import {
  accountNumberSchema,
  assumeAuditRole,
  describeAssumeRoleFailure,
  externalIdSchema,
  roleArnSchema,
  roleSessionName,
} from "./sts";

describe("input schemas", () => {
  it.each([
    ["arn:aws:iam::123456789012:role/RampartAudit", true],
    ["arn:aws:iam::123456789012:role/security/audit/RampartAudit", true],
    ["arn:aws:iam::123456789012:role/with+=,.@-chars", true],
    ["arn:aws:iam::12345678901:role/TooShortAccount", false],
    ["arn:aws:iam::123456789012:user/NotARole", false],
    ["arn:aws:sts::123456789012:role/WrongService", false],
    ["arn:aws:iam::123456789012:role/", false],
    ["RampartAudit", false],
  ])("roleArnSchema %s → %s", (value, valid) => {
    expect(roleArnSchema.safeParse(value).success).toBe(valid);
  });

  it("states the expected format in its messages", () => {
    expect(roleArnSchema.safeParse("nope").error?.issues[0].message).toContain("arn:aws:iam::123456789012:role/");
    expect(accountNumberSchema.safeParse("1234").error?.issues[0].message).toContain("12 digits");
    expect(accountNumberSchema.safeParse(" 123456789012 ").data).toBe("123456789012");
    expect(externalIdSchema.safeParse("a").success).toBe(false);
    expect(externalIdSchema.safeParse("rampart-7f3a:ok/_=").success).toBe(true);
  });

  it("builds a valid RoleSessionName naming the account", () => {
    const name = roleSessionName("123456789012", new Date(1_700_000_000_000));
    expect(name).toBe("rampart-123456789012-1700000000000");
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe("assumeAuditRole input validation", () => {
  it("refuses invalid input with field errors before calling AWS", async () => {
    const attempt = assumeAuditRole(
      {
        accountNumber: "123456789012",
        roleArn: "arn:aws:iam::999999999999:role/Audit",
        externalId: "x1",
        region: "eu-west-1",
      },
      { baseCredentials: { accessKeyId: "unused", secretAccessKey: "unused" } },
    );
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: "BAD_INPUT",
      fieldErrors: { roleArn: expect.stringContaining("must belong to the account") },
    });
  });

  it("refuses a session longer than one hour", async () => {
    await expect(
      assumeAuditRole({
        accountNumber: "123456789012",
        roleArn: "arn:aws:iam::123456789012:role/Audit",
        externalId: "x1",
        region: "eu-west-1",
        durationSeconds: 7200,
      }),
    ).rejects.toMatchObject({ code: "BAD_INPUT", fieldErrors: { durationSeconds: expect.stringContaining("3600") } });
  });
});

describe("describeAssumeRoleFailure", () => {
  const where = { service: "sts", operation: "AssumeRole", region: "eu-west-1" };

  it("lists the three causes AWS hides behind one AccessDenied, naming Rampart's principal", () => {
    const denied = toAwsCallError(
      Object.assign(
        new Error(
          "User: arn:aws:sts::111122223333:assumed-role/rampart-collector/s is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Audit",
        ),
        {
          name: "AccessDenied",
          $metadata: { httpStatusCode: 403 },
        },
      ),
      where,
    );
    const causes = describeAssumeRoleFailure(denied, "arn:aws:iam::123456789012:role/Audit").join(" ");
    expect(causes).toContain("ExternalId");
    expect(causes).toContain("does not exist");
    expect(causes).toContain("arn:aws:sts::111122223333:assumed-role/rampart-collector/s");
  });

  it("blames Rampart's own credentials, not the customer, for an invalid token", () => {
    const expired = toAwsCallError(Object.assign(new Error("expired"), { name: "ExpiredTokenException" }), where);
    expect(describeAssumeRoleFailure(expired, "arn:aws:iam::123456789012:role/Audit")[0]).toContain("Rampart's own");
  });
});
