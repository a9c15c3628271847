import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/client";
import { assertPackable } from "../evidence-packs/build-pack";
import {
  isMonthlyPackMailOn,
  MONTHLY_PACK_ACTION,
  monthlyPackMail,
  previousMonth,
} from "../evidence-packs/monthly-mail";
import { logger } from "../logger";
import type { MailMessage } from "../mail/mailer";
import { runEvidencePackGeneration } from "./evidence-pack-job";
import type { JobDefinition } from "./job-definition";

// The monthly evidence pack sweep (lib/evidence-packs/monthly-mail.ts): for every customer with the
// setting on, last month's pack is generated like a requested one (same job code) and its reviewers and
// Rampart's managers are mailed. One pack per customer and month: a re-run finds it and sends nothing.

export interface MonthlySweepResult {
  customers: number;
  packs: number;
  mails: number;
}

/** Who hears of a customer's monthly pack: its active customer reviewers and every active manager. */
export async function monthlyPackRecipients(client: PrismaClient, customerId: string) {
  return client.user.findMany({
    where: { active: true, OR: [{ role: "CUSTOMER_REVIEWER", customerId }, { role: "MANAGER" }] },
    select: { name: true, email: true },
    orderBy: { email: "asc" },
  });
}

export async function sendMonthlyEvidencePacks(
  client: PrismaClient,
  options: { now: Date; appUrl: string; send: (mail: MailMessage) => Promise<{ delivered: boolean }> },
): Promise<MonthlySweepResult> {
  const month = previousMonth(options.now);
  const customers = (
    await client.customer.findMany({
      where: { archivedAt: null },
      select: { id: true, name: true, settings: true },
      orderBy: { name: "asc" },
    })
  ).filter((customer) => isMonthlyPackMailOn(customer.settings));
  const result: MonthlySweepResult = { customers: customers.length, packs: 0, mails: 0 };
  for (const customer of customers) {
    const existing = await client.evidencePack.findFirst({
      where: { customerId: customer.id, periodStart: month.from, periodEnd: month.to, requestedById: null },
      select: { id: true },
    });
    if (existing) continue;
    try {
      await assertPackable(client, customer, month.to);
    } catch {
      logger.info({ customerId: customer.id }, "monthly evidence pack skipped: no evidence collected by then");
      continue;
    }
    const pack = await client.evidencePack.create({
      data: { customerId: customer.id, asOf: month.to, periodStart: month.from, periodEnd: month.to },
      select: { id: true },
    });
    await runEvidencePackGeneration(client, pack.id, () => options.now);
    const built = await client.evidencePack.findUniqueOrThrow({
      where: { id: pack.id },
      select: { status: true, contentDigest: true },
    });
    if (built.status !== "SUCCEEDED") continue;
    result.packs += 1;
    const recipients = await monthlyPackRecipients(client, customer.id);
    for (const recipient of recipients) {
      const mail = monthlyPackMail({
        recipient,
        customer,
        month: month.label,
        contentDigest: built.contentDigest,
        appUrl: options.appUrl,
      });
      // One failed delivery does not stop the others; the pack stays downloadable either way.
      const sent = await options.send(mail).catch(() => ({ delivered: false }));
      if (sent.delivered) result.mails += 1;
    }
    await recordAudit(client, {
      action: MONTHLY_PACK_ACTION,
      targetType: "EvidencePack",
      targetId: pack.id,
      customerId: customer.id,
      metadata: { month: month.label, recipients: recipients.map((recipient) => recipient.email) },
    });
  }
  return result;
}

/** The pg-boss job, registered with MONTHLY_PACK_SCHEDULE in lib/jobs/queue.ts. */
export function monthlyEvidencePackJob(dependencies: {
  client: () => PrismaClient;
  appUrl: () => string;
  send: (mail: MailMessage) => Promise<{ delivered: boolean }>;
}) {
  return {
    name: "evidence-pack-monthly",
    schema: z.object({}).passthrough(),
    async handler(_payload: Record<string, unknown>) {
      await sendMonthlyEvidencePacks(dependencies.client(), {
        now: new Date(),
        appUrl: dependencies.appUrl(),
        send: dependencies.send,
      });
    },
  } satisfies JobDefinition<z.ZodType>;
}
