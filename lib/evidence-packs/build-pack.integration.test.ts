import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "@/lib/clock";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { DAY_MS } from "../dates";
import { buildPackContent } from "./build-pack";
import type { PackContent } from "./content";
import { generateEvidencePack } from "./generate-pack";
import { verifyPack } from "./manifest";

// A pack from real history: the simulator's estate is synced twice, weeks apart (bob loses his MFA in
// between), into real PostgreSQL; packs as of each instant show the result and evidence held then.

let simulator: SimulatorHandle;
const ACCOUNT = "410987654399";
const firstSync = new Date(Date.now() - 60 * DAY_MS);
const secondSync = new Date(Date.now() - 20 * DAY_MS);
const period = { from: new Date(Date.now() - 90 * DAY_MS), to: new Date(Date.now() - DAY_MS) };
let customerId: string;

type User = { name: string; mfa?: string } & Record<string, unknown>;
function estateWithBobMfa(mfa: "virtual" | "none") {
  const estate = fullEstate(ACCOUNT) as { iam: { users: User[] } } & Record<string, unknown>;
  estate.iam.users = estate.iam.users.map((user) => (user.name === "bob" ? { ...user, mfa } : user));
  return estate;
}

async function syncAt(at: Date, awsAccountId: string, mfa: "virtual" | "none") {
  simulator.putEstate(estateWithBobMfa(mfa));
  simulator.setClock(at, { frozen: true });
  const { runId } = await requestSync(db(), { awsAccountId, trigger: "CLI" });
  await syncAccount(db(), runId, { ...defaultSyncDependencies(), clock: fixedClock(at) });
}

beforeAll(async () => {
  simulator = await startSimulatorForAws([estateWithBobMfa("virtual")]);
  process.env.AWS_MAX_ATTEMPTS = "2";
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
  const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID });
  customerId = customer.id;
  const account = await createAwsAccount(db(), customer.id, {
    accountNumber: ACCOUNT,
    roleArn: auditRoleArn(ACCOUNT),
    regions: ["us-east-1", "eu-west-1"],
  });
  await syncAt(firstSync, account.id, "virtual");
  await syncAt(secondSync, account.id, "none");
}, 120_000);

afterAll(async () => {
  await simulator.close();
});

const iam5 = (content: PackContent) => content.controls.find((control) => control.id === "IAM-5")!;

describe("evidence pack from stored history", () => {
  it("as of a past instant shows the result and evidence held then, not today's", async () => {
    const before = await buildPackContent(db(), customerId, {
      asOf: new Date(firstSync.getTime() + DAY_MS),
      ...period,
    });
    const after = await buildPackContent(db(), customerId, {
      asOf: new Date(secondSync.getTime() + DAY_MS),
      ...period,
    });

    const then = iam5(before.content).results[0]!;
    expect(then.status).toBe("PASS");
    expect(then.evaluatedAt).toBe(firstSync.toISOString());
    const now = iam5(after.content).results[0]!;
    expect(now.status).toBe("FAIL");
    expect(now.offenders.map((offender) => offender.id)).toContain("bob");

    // The evidence that decided it: the IAM collection of that time, with the fields the rule reads.
    const evidence = then.evidence.find((item) => item.collector === "iam")!;
    expect(evidence.state).toBe("COLLECTED");
    expect(evidence.collectedAt).toBe(firstSync.toISOString());
    expect(evidence.apiCalls).toContain("iam:GetCredentialReport");
    expect(evidence.fieldPaths.length).toBeGreaterThan(0);
    expect(JSON.stringify(evidence.fields)).toContain("bob");
    expect(iam5(after.content).results[0]!.evidence.find((item) => item.collector === "iam")!.collectedAt).toBe(
      secondSync.toISOString(),
    );

    // Chapters follow SOP 000, and the appendix lists the period's runs.
    expect(before.content.chapters.map((chapter) => chapter.section)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(before.content.chapters.find((chapter) => chapter.section === 3)!.controlIds).toContain("IAM-5");
    expect(before.content.syncRuns).toHaveLength(1);
    expect(after.content.syncRuns).toHaveLength(2);
    expect(after.content.score.score).not.toBeNull();
  });

  it("gives identical content for the same request, whoever generates it and when, and verifies", async () => {
    const request = { asOf: new Date(secondSync.getTime() + DAY_MS), ...period };
    const first = await generateEvidencePack(db(), customerId, request, {
      generatedBy: "Ann",
      generatedAt: "2026-12-01T00:00:00.000Z",
    });
    const second = await generateEvidencePack(db(), customerId, request, {
      generatedBy: "Bob",
      generatedAt: "2026-12-02T00:00:00.000Z",
    });
    expect(second.manifest.contentDigest).toBe(first.manifest.contentDigest);
    expect(second.manifest.files).toEqual(first.manifest.files);
    expect(second.manifest.signature.fingerprint).toBe(first.manifest.signature.fingerprint);
    expect(verifyPack(first.zip).ok).toBe(true);
    const entries = unzipSync(first.zip);
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining([
        "report.pdf",
        "pack.json",
        "manifest.json",
        "manifest.sig",
        "csv/results.csv",
        "csv/unknowns.csv",
      ]),
    );
    expect(strFromU8(entries["report.pdf"]!.subarray(0, 5))).toBe("%PDF-");
  });

  it("names, among its limitations, a period that began before Rampart's first collection", async () => {
    const asOf = new Date(secondSync.getTime() + DAY_MS);
    const { content } = await buildPackContent(db(), customerId, { asOf, ...period });
    expect(content.limitations).toContainEqual(
      expect.stringMatching(/^Rampart's first collection for this customer was at .* UTC, after the period began/),
    );
    const { content: covered } = await buildPackContent(db(), customerId, {
      asOf,
      from: new Date(firstSync.getTime() + DAY_MS),
      to: period.to,
    });
    expect(covered.limitations.some((note) => note.startsWith("Rampart's first collection"))).toBe(false);
  });

  it("says so when the as-of is before the customer's first collection, and 404s an unknown customer", async () => {
    await expect(
      buildPackContent(db(), customerId, { asOf: new Date(firstSync.getTime() - DAY_MS), ...period }),
    ).rejects.toMatchObject({ code: "BAD_INPUT", fieldErrors: { asOf: expect.stringContaining("first collection") } });
    await expect(buildPackContent(db(), "no-such-customer", { asOf: new Date(), ...period })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
