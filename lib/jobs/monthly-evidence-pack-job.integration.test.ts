import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "@/lib/clock";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { verifyPack } from "@/lib/evidence-packs/manifest";
import { resetMailer, sendMail } from "@/lib/mail/mailer";
import { type SmtpInbox, startSmtpInbox } from "@/lib/mail/testing/smtp-inbox";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { sendMonthlyEvidencePacks } from "./monthly-evidence-pack-job";

// The monthly pack (issue 14 §5, optional): real sync into PostgreSQL, the sweep the worker's cron runs,
// the same generation code as a requested pack, and mail over a real SMTP server to the customer's
// reviewers and the managers only; a second run the same month sends nothing.

const ACCOUNT = "410987654366";
let simulator: SimulatorHandle;
let inbox: SmtpInbox;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  resetEnvCache();
  resetMailer();
  simulator = await startSimulatorForAws([fullEstate(ACCOUNT)]);
  process.env.AWS_MAX_ATTEMPTS = "2";
}, 60_000);

afterAll(async () => {
  await simulator.close();
  await inbox.close();
  delete process.env.SMTP_URL;
  resetEnvCache();
  resetMailer();
});

describe("monthly evidence packs", () => {
  it("packs last month for customers that asked, mails their reviewers and the managers once", async () => {
    const now = new Date();
    const customer = await createCustomer(db(), {
      externalId: AUDIT_EXTERNAL_ID,
      name: "Monthly Mail Ltd",
    });
    await db().customer.update({
      where: { id: customer.id },
      data: { settings: { evidencePacks: { monthlyMail: true } } },
    });
    const quiet = await createCustomer(db(), { name: "Quiet Co" });
    const account = await createAwsAccount(db(), customer.id, {
      accountNumber: ACCOUNT,
      roleArn: auditRoleArn(ACCOUNT),
      regions: ["us-east-1"],
    });
    // Collected before the month ended, so the pack as of the 1st has evidence.
    const collectedAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 5 * 86_400_000);
    simulator.setClock(collectedAt, { frozen: true });
    const { runId } = await requestSync(db(), { awsAccountId: account.id, trigger: "CLI" });
    await syncAccount(db(), runId, { ...defaultSyncDependencies(), clock: fixedClock(collectedAt) });

    const reviewer = await createUser(db(), { role: "CUSTOMER_REVIEWER", customerId: customer.id });
    const manager = await createUser(db(), { role: "MANAGER" });
    const viewer = await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: customer.id });
    const elsewhere = await createUser(db(), { role: "CUSTOMER_REVIEWER", customerId: quiet.id });
    const retired = await createUser(db(), { role: "CUSTOMER_REVIEWER", customerId: customer.id, active: false });

    const options = { now, appUrl: "https://rampart.example", send: sendMail };
    const first = await sendMonthlyEvidencePacks(db(), options);
    expect(first).toMatchObject({ customers: 1, packs: 1 });
    const pack = await db().evidencePack.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(pack).toMatchObject({ status: "SUCCEEDED", requestedById: null });
    expect(pack.periodEnd.getUTCDate()).toBe(1);
    expect(verifyPack(new Uint8Array(pack.zip!)).ok).toBe(true);

    const reviewerMail = await inbox.waitFor(reviewer.email);
    expect(reviewerMail.decoded).toContain("Evidence pack of Monthly Mail Ltd for");
    expect(reviewerMail.decoded).toContain(`https://rampart.example/customers/${customer.id}`);
    await inbox.waitFor(manager.email);
    const recipients = inbox.messages.flatMap((message) => message.to);
    for (const user of [viewer, elsewhere, retired]) expect(recipients).not.toContain(user.email);
    expect(await db().evidencePack.count({ where: { customerId: quiet.id } })).toBe(0);

    const sentBefore = inbox.messages.length;
    expect(await sendMonthlyEvidencePacks(db(), options)).toMatchObject({ packs: 0, mails: 0 });
    expect(inbox.messages.length).toBe(sentBefore);
    expect(await db().evidencePack.count({ where: { customerId: customer.id } })).toBe(1);
    expect(
      await db().auditLog.count({ where: { action: "evidence_pack.monthly_generated", customerId: customer.id } }),
    ).toBe(1);
  }, 120_000);
});
