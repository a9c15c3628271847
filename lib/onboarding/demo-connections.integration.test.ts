import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PORTFOLIO } from "@/simulator/estates/demo";
import type { SimulatorHandle } from "@/simulator/server";
import { startSimulatorForAws } from "@/test/support/simulator-harness";
import { testConnection } from "./connection-test";

// The demo's story, as the connection test tells it (what `npm run onboarding:test` prints for each demo
// account): every account passes except Quasar's, whose role lacks Backup and whose EC2 throttles in
// ap-southeast-1.
let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulatorForAws({ estates: path.resolve(__dirname, "../../simulator/estates/demo") });
});
afterAll(async () => {
  await simulator?.close();
});

const accounts = DEMO_PORTFOLIO.flatMap((customer) => customer.accounts);

describe("connection test of every demo account", () => {
  it.each(accounts.map((account) => [account.alias, account] as const))("%s", async (alias, account) => {
    const result = await testConnection({
      accountNumber: account.accountId,
      roleArn: account.roleArn,
      externalId: account.externalId,
      regions: account.regions,
    });
    const problems = result.checks
      .filter((check) => check.status !== "OK")
      .map((check) => `${check.id} ${check.status}`);
    if (alias !== "quasar-prod") {
      expect(problems, alias).toEqual([]);
      expect(result.outcome).toBe("PASSED");
      return;
    }
    expect(result.outcome).toBe("WARNINGS");
    expect(problems.sort()).toEqual([
      "backup@ap-southeast-1 DENIED",
      "backup@us-east-1 DENIED",
      "ec2@ap-southeast-1 THROTTLED",
    ]);
    expect(result.checks.find((check) => check.id === "backup@us-east-1")?.iamAction).toBe("backup:ListBackupPlans");
  });
});
