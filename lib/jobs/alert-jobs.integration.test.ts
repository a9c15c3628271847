import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailMessage } from "@/lib/alerts/alert-mail";
import { raiseAlerts } from "@/lib/alerts/raise-alerts";
import { createPrismaClient, db } from "@/lib/db/client";
import { env, resetEnvCache } from "@/lib/env";
import { type SmtpInbox, startSmtpInbox } from "@/lib/mail/testing/smtp-inbox";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { HOUR_MS } from "../dates";
import {
  criticalAlertMailJob,
  criticalAlertRecipients,
  queueCriticalAlertMail,
  sendAlertDigest,
  sendCriticalAlertMail,
} from "./alert-jobs";
import { parseJobPayload } from "./job-definition";
import { sendJob, stopQueueSender } from "./queue";

// The alert e-mails against a real SMTP server and a real pg-boss queue in this file's database: who
// gets the immediate mail for a critical alert, that a failed send is retried by the queue and sent
// once, that queuing the mail can never fail the raising of alerts, and the daily digest.

let inbox: SmtpInbox;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.NEXTAUTH_URL = "https://rampart.example";
  resetEnvCache();
});

afterAll(async () => {
  await stopQueueSender();
  await inbox.close();
  delete process.env.SMTP_URL;
  resetEnvCache();
});

async function tenantWithConsultants(names: string[]) {
  const customer = await createCustomer(db(), { name: `Mail Co ${Date.now()}` });
  const account = await createAwsAccount(db(), customer.id, { alias: "mail-prod" });
  const consultants = [];
  for (const name of names) {
    consultants.push(await createUser(db(), { role: "CONSULTANT", name, assignedCustomerIds: [customer.id] }));
  }
  return { customer, account, consultants };
}

async function criticalAlert(customerId: string, awsAccountId: string, overrides: { assigneeId?: string } = {}) {
  const now = new Date();
  return db().alert.create({
    data: {
      customerId,
      awsAccountId,
      source: "CONTROL",
      dedupKey: `CONTROL|${awsAccountId}|ROOT-2|${Math.random()}`,
      rule: "ROOT-2",
      severity: "CRITICAL",
      title: "ROOT-2 failing in mail-prod: Root user has no access keys",
      region: "global",
      resource: "root access key 1",
      evidenceLink: `/customers/${customerId}/controls/ROOT-2`,
      firstSeenAt: now,
      lastSeenAt: now,
      dueAt: new Date(now.getTime() + 24 * HOUR_MS),
      assigneeId: overrides.assigneeId ?? null,
    },
  });
}

describe("the immediate mail for a critical alert", () => {
  it("goes to the customer's assigned consultants, or only to the assignee once there is one", async () => {
    const { customer, account, consultants } = await tenantWithConsultants(["Ana", "Ben"]);
    await createUser(db(), { role: "CONSULTANT", allCustomers: true });
    const unassigned = await criticalAlert(customer.id, account.id);
    expect((await criticalAlertRecipients(db(), unassigned.id)).map((user) => user.name).sort()).toEqual([
      "Ana",
      "Ben",
    ]);
    const assigned = await criticalAlert(customer.id, account.id, { assigneeId: consultants[1]!.id });
    expect((await criticalAlertRecipients(db(), assigned.id)).map((user) => user.name)).toEqual(["Ben"]);
  });

  it("names customer, account, region, resource, source, severity and links the alert and its evidence", async () => {
    const { customer, account, consultants } = await tenantWithConsultants(["Cleo"]);
    const alert = await criticalAlert(customer.id, account.id);
    const before = inbox.messages.length;
    expect(await sendCriticalAlertMail(db(), { alertId: alert.id, userId: consultants[0]!.id })).toBe("sent");
    const mail = await inbox.waitFor(consultants[0]!.email, { after: before });
    for (const expected of [
      "Subject: [Rampart] Critical: ROOT-2 failing in mail-prod",
      `Customer: ${customer.name}`,
      `Account: mail-prod (${account.accountNumber})`,
      "Region: global",
      "Resource: root access key 1",
      "Source: Control failure",
      "Severity: critical",
      `https://rampart.example/alerts/${alert.id}`,
      `https://rampart.example/customers/${customer.id}/controls/ROOT-2`,
    ]) {
      expect(mail.decoded).toContain(expected);
    }
    expect(await db().alertEvent.count({ where: { alertId: alert.id, type: "email_sent" } })).toBe(1);
    // Dealt with meanwhile: nothing is sent.
    await db().alert.update({ where: { id: alert.id }, data: { status: "RESOLVED" } });
    expect(await sendCriticalAlertMail(db(), { alertId: alert.id, userId: consultants[0]!.id })).toBe("skipped");
  });

  it("is retried by the queue when the send fails, and sent once", async () => {
    const { customer, account, consultants } = await tenantWithConsultants(["Dana"]);
    const alert = await criticalAlert(customer.id, account.id);
    const boss = new PgBoss({ connectionString: env().DATABASE_URL!, schedule: false, supervise: true, max: 2 });
    await boss.start();
    await boss.createQueue(criticalAlertMailJob.name);
    let attempts = 0;
    const sent: MailMessage[] = [];
    await boss.work(criticalAlertMailJob.name, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      attempts += 1;
      await sendCriticalAlertMail(db(), parseJobPayload(criticalAlertMailJob, job.data), async (message) => {
        if (attempts === 1) throw new Error("connect ECONNREFUSED 127.0.0.1:25");
        sent.push(message);
        return { delivered: true };
      });
    });
    try {
      await sendJob(
        criticalAlertMailJob.name,
        { alertId: alert.id, userId: consultants[0]!.id },
        { retryLimit: 3, retryDelay: 1, singletonKey: `${alert.id}:${consultants[0]!.id}` },
      );
      await expect.poll(() => sent.length, { timeout: 30_000, interval: 250 }).toBe(1);
      expect(attempts).toBe(2);
      expect(sent[0]!.to).toBe(consultants[0]!.email);
      expect(await db().alertEvent.count({ where: { alertId: alert.id, type: "email_sent" } })).toBe(1);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 60_000);

  it("never fails the raising of alerts when the mail cannot be queued", async () => {
    const { customer, account } = await tenantWithConsultants(["Eli"]);
    const { syncControlCatalogue } = await import("@/lib/evaluation/evaluate-account");
    await syncControlCatalogue(db());
    const at = new Date();
    await db().controlResult.create({
      data: {
        customerId: customer.id,
        awsAccountId: account.id,
        controlId: "ROOT-2",
        status: "FAIL",
        severity: "CRITICAL",
        reason: "The root user has an active access key.",
        evaluatedAt: at,
      },
    });
    const outcome = await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: at });
    expect(outcome.opened).toBe(1);
    expect(outcome.criticalAlertIds).toHaveLength(1);
    expect(await db().alert.count({ where: { customerId: customer.id } })).toBe(1);
    // Raising never queues; the job layer does, and a database it cannot reach only makes the mail late.
    const unreachable = createPrismaClient("postgresql://rampart@127.0.0.1:1/unreachable");
    try {
      await expect(queueCriticalAlertMail(outcome.criticalAlertIds, unreachable)).resolves.toBeUndefined();
    } finally {
      await unreachable.$disconnect();
    }
  });
});

describe("the daily digest", () => {
  it("lists a consultant's open alerts past SLA, due soon and assigned to them; nothing when none is open", async () => {
    const { customer, account, consultants } = await tenantWithConsultants(["Fay"]);
    const now = new Date();
    const make = (title: string, dueInHours: number, assigneeId: string | null = null) =>
      db().alert.create({
        data: {
          customerId: customer.id,
          awsAccountId: account.id,
          source: "CONTROL",
          dedupKey: `CONTROL|${account.id}|${title}|account`,
          rule: "NET-1",
          severity: "HIGH",
          title,
          firstSeenAt: now,
          lastSeenAt: now,
          dueAt: new Date(now.getTime() + dueInHours * HOUR_MS),
          assigneeId,
        },
      });
    await make("Overdue alert", -5);
    await make("Soon alert", 3, consultants[0]!.id);
    await make("Later alert", 60);
    const messages: MailMessage[] = [];
    const capture = async (message: MailMessage) => {
      messages.push(message);
      return { delivered: true };
    };
    expect(await sendAlertDigest(db(), { userId: consultants[0]!.id, now }, capture)).toBe("sent");
    const [digest] = messages;
    expect(digest!.subject).toMatch(/^\[Rampart\] Alert digest \d{4}-\d{2}-\d{2}: 3 open, 1 past SLA$/);
    expect(digest!.text).toContain(
      "3 open alerts (0 critical, 3 high); 1 past SLA, 1 due soon, 3 new in the last 24 h.",
    );
    expect(digest!.text).toMatch(/Past their SLA:\n- \[high\] .*Overdue alert \(overdue by 5 h\)/);
    expect(digest!.text).toMatch(/Assigned to you:\n- \[high\] .*Soon alert/);
    expect(digest!.text).not.toContain("Later alert (");

    const idle = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [] });
    expect(await sendAlertDigest(db(), { userId: idle.id, now }, capture)).toBe("empty");
    expect(messages).toHaveLength(1);
  });
});
