import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";

// The whole loop on the real parts: an estate that changes between syncs makes a control alert open,
// repeat without duplicating, resolve itself when fixed, and reopen when the failure comes back.

let simulator: SimulatorHandle;
const ACCOUNT = "410987654321";

type User = { name: string; mfa?: string } & Record<string, unknown>;

/** The full estate with bob's MFA set as given (IAM-5 passes with MFA, fails without). */
function estateWithBobMfa(mfa: "virtual" | "none") {
  const estate = fullEstate(ACCOUNT) as { iam: { users: User[] } } & Record<string, unknown>;
  estate.iam.users = estate.iam.users.map((user) => (user.name === "bob" ? { ...user, mfa } : user));
  return estate;
}

beforeAll(async () => {
  simulator = await startSimulatorForAws([estateWithBobMfa("virtual")]);
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "2";
});

afterAll(async () => {
  await simulator.close();
});

let accountId: string;

beforeEach(async () => {
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
  const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID });
  accountId = (
    await createAwsAccount(db(), customer.id, {
      accountNumber: ACCOUNT,
      roleArn: auditRoleArn(ACCOUNT),
      regions: ["us-east-1", "eu-west-1"],
    })
  ).id;
});

async function syncWithBobMfa(mfa: "virtual" | "none") {
  simulator.putEstate(estateWithBobMfa(mfa));
  const { runId } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
  return syncAccount(db(), runId, defaultSyncDependencies());
}

async function iam5Alerts() {
  return db().alert.findMany({
    where: { awsAccountId: accountId, source: "CONTROL", rule: "IAM-5" },
    select: { status: true, occurrences: true },
  });
}

describe("alerts after each sync", () => {
  it("open on PASS → FAIL, repeat without duplicates, resolve when fixed and reopen when the failure returns", async () => {
    await syncWithBobMfa("virtual");
    expect(await iam5Alerts()).toEqual([]);

    await syncWithBobMfa("none");
    const opened = await iam5Alerts();
    expect(opened).toHaveLength(1);
    expect(opened[0]?.status).toBe("NEW");

    await syncWithBobMfa("none");
    const repeated = await iam5Alerts();
    expect(repeated).toHaveLength(1);
    expect(repeated[0]?.status).toBe("NEW");

    await syncWithBobMfa("virtual");
    const resolved = await iam5Alerts();
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.status).toBe("RESOLVED");

    await syncWithBobMfa("none");
    const reopened = await iam5Alerts();
    expect(reopened).toHaveLength(1);
    expect(reopened[0]?.status).not.toBe("RESOLVED");
  });
});
