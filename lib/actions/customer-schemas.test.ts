import { describe, expect, it } from "vitest";
import { AWS_REGIONS } from "@/lib/evidence/known-regions";
import {
  createAwsAccountSchema,
  createCustomerSchema,
  requestSyncSchema,
  retireCustomerSchema,
  updateAwsAccountSchema,
  updateCustomerSchema,
} from "./customer-schemas";

const validAccount = {
  customerId: "c1",
  accountNumber: "123456789012",
  alias: "prod",
  roleArn: "arn:aws:iam::123456789012:role/RampartAudit",
  regions: "us-east-1, eu-west-1",
  environment: "PRODUCTION",
};

function firstError(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const issue = result.error?.issues[0];
  return issue ? { path: issue.path.join("."), message: issue.message } : null;
}

describe("createAwsAccountSchema", () => {
  it("accepts a well-formed account and splits the regions", () => {
    const parsed = createAwsAccountSchema.parse(validAccount);
    expect(parsed.regions).toEqual(["us-east-1", "eu-west-1"]);
  });

  it.each([
    ["a short account id", { accountNumber: "12345" }, "accountNumber", "An AWS account ID is exactly 12 digits"],
    [
      "letters in the account id",
      { accountNumber: "12345678901a" },
      "accountNumber",
      "An AWS account ID is exactly 12 digits",
    ],
    [
      "a user ARN instead of a role",
      { roleArn: "arn:aws:iam::123456789012:user/x" },
      "roleArn",
      "A role ARN looks like",
    ],
    [
      "a role in another account",
      { roleArn: "arn:aws:iam::999999999999:role/RampartAudit" },
      "roleArn",
      "This role is in account 999999999999, not 123456789012",
    ],
    ["no region", { regions: "" }, "regions", "Choose at least one region"],
    ["a made-up region", { regions: "moon-base-1x" }, "regions", '"moon-base-1x" is not an AWS region'],
    [
      "a well-formed region that does not exist",
      { regions: "us-east-1, mars-north-1" },
      "regions",
      '"mars-north-1" is not an AWS region',
    ],
    ["an alias with spaces", { alias: "My Prod" }, "alias", "Lower-case letters"],
    ["an unknown environment", { environment: "PROD" }, "environment", "Choose an environment"],
  ])("rejects %s with the expected format", (_label, override, path, message) => {
    const error = firstError(createAwsAccountSchema.safeParse({ ...validAccount, ...override }));
    expect(error?.path).toBe(path);
    expect(error?.message).toContain(message);
  });
});

describe("createCustomerSchema", () => {
  it("normalises e-mail domains", () => {
    expect(
      createCustomerSchema.parse({ name: "Acme", emailDomains: "Acme.example, ops.acme.example" }).emailDomains,
    ).toEqual(["acme.example", "ops.acme.example"]);
  });
  it("rejects a one-letter name and a malformed domain", () => {
    expect(firstError(createCustomerSchema.safeParse({ name: "A" }))?.path).toBe("name");
    expect(
      firstError(createCustomerSchema.safeParse({ name: "Acme", emailDomains: "not a domain" }))?.message,
    ).toContain("A domain looks like");
  });
});

describe("requestSyncSchema", () => {
  it("takes a customer or an account, not both and not neither", () => {
    expect(requestSyncSchema.safeParse({ customerId: "c" }).success).toBe(true);
    expect(requestSyncSchema.safeParse({ awsAccountId: "a" }).success).toBe(true);
    expect(requestSyncSchema.safeParse({ customerId: "c", awsAccountId: "a" }).success).toBe(false);
    expect(requestSyncSchema.safeParse({}).success).toBe(false);
  });
});

describe("list fields report on the field itself, in plain words", () => {
  it("names every unknown region once and accepts arrays, dropping duplicates", () => {
    expect(createAwsAccountSchema.parse({ ...validAccount, regions: ["eu-west-1", "eu-west-1"] }).regions).toEqual([
      "eu-west-1",
    ]);
    const error = firstError(createAwsAccountSchema.safeParse({ ...validAccount, regions: "mars-north-1; venus-1" }));
    expect(error).toEqual({
      path: "regions",
      message: expect.stringMatching(
        /^"mars-north-1", "venus-1" are not AWS regions\. Expected region codes such as us-east-1/,
      ),
    });
  });
  it("says how many regions and domains are too many instead of zod's wording", () => {
    expect(
      firstError(createAwsAccountSchema.safeParse({ ...validAccount, regions: AWS_REGIONS.slice(0, 31) })),
    ).toEqual({ path: "regions", message: "At most 30 regions (you gave 31)." });
    const domains = Array.from({ length: 11 }, (_, index) => `d${index}.example`).join(",");
    expect(firstError(createCustomerSchema.safeParse({ name: "Acme", emailDomains: domains }))).toEqual({
      path: "emailDomains",
      message: "At most 10 domains (you gave 11).",
    });
  });
});

describe("update and retire schemas", () => {
  it("edits an account without its id and checks the same fields", () => {
    const input = {
      awsAccountId: "a1",
      alias: "prod",
      roleArn: "arn:aws:iam::123456789012:role/RampartAudit",
      regions: "eu-west-1",
      environment: "STAGING",
    };
    expect(updateAwsAccountSchema.parse(input)).toMatchObject({ regions: ["eu-west-1"], environment: "STAGING" });
    expect(firstError(updateAwsAccountSchema.safeParse({ ...input, regions: "eu-west-9" }))?.path).toBe("regions");
    expect(firstError(updateAwsAccountSchema.safeParse({ ...input, roleArn: "role/x" }))?.path).toBe("roleArn");
  });
  it("edits a customer's name and domains, and needs the name typed to retire it", () => {
    expect(updateCustomerSchema.parse({ customerId: "c", name: " Acme ", emailDomains: "" })).toEqual({
      customerId: "c",
      name: "Acme",
      emailDomains: [],
    });
    expect(firstError(retireCustomerSchema.safeParse({ customerId: "c", confirmName: " " }))).toEqual({
      path: "confirmName",
      message: "Type the customer's name to confirm",
    });
  });
});
