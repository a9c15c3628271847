import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "@/lib/clock";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { evaluateAccountAsOf } from "./evaluate-account";

// One clock and re-evaluation as of an instant (issue 12 item 8), on the real pipeline: two syncs dated by
// the injected clock, then the account judged as of a moment between them — from the evidence of the
// first — while the current results (of the second) stay exactly as they were.

let simulator: SimulatorHandle;
const ACCOUNT = "610987654321";
type User = { name: string; mfa?: string } & Record<string, unknown>;

function estateWithBobMfa(mfa: "virtual" | "none") {
  const estate = fullEstate(ACCOUNT) as { iam: { users: User[] } } & Record<string, unknown>;
  estate.iam.users = estate.iam.users.map((user) => (user.name === "bob" ? { ...user, mfa } : user));
  return estate;
}

beforeAll(async () => {
  simulator = await startSimulatorForAws([estateWithBobMfa("virtual")]);
  process.env.AWS_MAX_ATTEMPTS = "2";
});

afterAll(async () => {
  await simulator.close();
});

describe("evaluation as of an instant", () => {
  it("judges the evidence of that instant and writes nothing", async () => {
    await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
    const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID });
    const account = await createAwsAccount(db(), customer.id, {
      accountNumber: ACCOUNT,
      roleArn: auditRoleArn(ACCOUNT),
      regions: ["us-east-1", "eu-west-1"],
    });
    const first = new Date(Date.now() - 2 * 86_400_000);
    const second = new Date(Date.now() - 86_400_000);
    for (const [at, mfa] of [
      [first, "virtual"],
      [second, "none"],
    ] as const) {
      simulator.setClock(at, { frozen: true });
      simulator.putEstate(estateWithBobMfa(mfa));
      const { runId } = await requestSync(db(), { awsAccountId: account.id, trigger: "CLI" });
      await syncAccount(db(), runId, { ...defaultSyncDependencies(), clock: fixedClock(at) });
    }
    const current = () =>
      db().controlResult.findMany({
        where: { awsAccountId: account.id, isCurrent: true },
        select: { id: true, controlId: true, status: true, evaluatedAt: true },
        orderBy: { controlId: "asc" },
      });
    const before = await current();
    expect(before.find((row) => row.controlId === "IAM-5")?.status).toBe("FAIL");
    // The one clock dated the second sync's results.
    expect(before[0]?.evaluatedAt).toEqual(second);

    const between = new Date(first.getTime() + 3_600_000);
    const asOf = await evaluateAccountAsOf(db(), { awsAccountId: account.id, asOf: between });
    expect(asOf.results.find((row) => row.controlId === "IAM-5")?.status).toBe("PASS");
    expect(asOf.results).toHaveLength(before.length);

    const beforeFirst = await evaluateAccountAsOf(db(), {
      awsAccountId: account.id,
      asOf: new Date(first.getTime() - 1),
    });
    expect(beforeFirst.results.find((row) => row.controlId === "IAM-5")?.status).toBe("UNKNOWN");

    expect(await current()).toEqual(before);
    expect(await db().controlResult.count({ where: { awsAccountId: account.id } })).toBe(2 * before.length);
  }, 180_000);
});
