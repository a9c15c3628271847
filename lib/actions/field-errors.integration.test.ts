import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { AWS_REGIONS } from "@/lib/evidence/known-regions";
import { createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";

// Issue 19 §2: every refusal reaches its field in plain words, through the real action client. Nested
// problems (one bad region in a list, one bad domain) used to arrive as empty field errors.

const { createAwsAccountAction, createCustomerAction } = await import("./customers");
const { inviteUserAction } = await import("./users");
const { startAccessReviewAction } = await import("./access-reviews");
const { loadActor } = await import("@/lib/auth/load-actor");

async function admin(): Promise<Actor> {
  const user = await createUser(db(), { role: "ADMIN" });
  const actor = await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion });
  if (!actor) throw new Error("no actor");
  return actor;
}

beforeEach(async () => {
  testSession.actor = await admin();
});

describe("field errors", () => {
  it("an unknown region is refused at the regions field, naming the expected form", async () => {
    const customer = await createCustomer(db());
    const result = await createAwsAccountAction({
      customerId: customer.id,
      accountNumber: "123456789012",
      alias: "prod",
      roleArn: "arn:aws:iam::123456789012:role/RampartAudit",
      regions: "us-east-1, mars-north-1",
      environment: "PRODUCTION",
    });
    expect(result?.validationErrors?.fieldErrors?.regions).toEqual([
      '"mars-north-1" is not an AWS region. Expected region codes such as us-east-1 or eu-west-1 (one of 34 regions of the AWS commercial partition).',
    ]);
    expect(await db().awsAccount.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("a NUL character in any argument is refused before PostgreSQL sees it, and nothing is written", async () => {
    const before = await db().customer.count();
    const result = await createCustomerAction({ name: "Nul\u0000 Ltd", emailDomains: "example.com" });
    expect(result?.serverError).toBe("Text cannot contain a NUL character (U+0000).");
    expect(await db().customer.count()).toBe(before);
  });

  it("an e-mail domain that is not one is refused at its field", async () => {
    const result = await createCustomerAction({ name: "Field Errors Ltd", emailDomains: "example.com, not a domain" });
    expect(result?.validationErrors?.fieldErrors?.emailDomains).toEqual([
      '"not", "a", "domain" are not domains. A domain looks like example.com; separate several with commas.',
    ]);
  });

  it("zod's own messages are replaced by plain words", async () => {
    const customer = await createCustomer(db());
    // 31 distinct real regions (a repeated region counts once).
    const many = AWS_REGIONS.slice(0, 31).join(",");
    const result = await createAwsAccountAction({
      customerId: customer.id,
      accountNumber: "123456789012",
      alias: "prod",
      roleArn: "arn:aws:iam::123456789012:role/RampartAudit",
      regions: many,
      environment: "PRODUCTION",
    });
    expect(result?.validationErrors?.fieldErrors?.regions).toEqual(["At most 30 regions (you gave 31)."]);
    const invite = await inviteUserAction({ email: "not-an-address", role: "CONSULTANT" } as never);
    const messages = Object.values(invite?.validationErrors?.fieldErrors ?? {}).flat();
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toMatch(/expected|Invalid input|Too (big|small)/);
  });

  it("every message of a refused access review start is at a field, none empty", async () => {
    const customer = await createCustomer(db());
    const result = await startAccessReviewAction({
      customerId: customer.id,
      period: "",
      dueAt: "yesterday",
      reviewerIds: [""],
    });
    const fields = result?.validationErrors?.fieldErrors ?? {};
    expect(Object.keys(fields).sort()).toEqual(["dueAt", "period", "reviewerIds"]);
    for (const messages of Object.values(fields)) {
      expect(messages?.length).toBeGreaterThan(0);
      for (const message of messages ?? []) expect(message.trim()).not.toBe("");
    }
    expect(fields.reviewerIds?.[0]).toBe("Required");
  });
});
