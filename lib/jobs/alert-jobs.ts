import type PgBoss from "pg-boss";
import { z } from "zod";
import { type AlertDigestInput, alertDigestEmail, criticalAlertEmail, type MailMessage } from "../alerts/alert-mail";
import { DUE_SOON_HOURS } from "../alerts/sla";
import { reopenExpiredSuppressions } from "../alerts/suppression-expiry";
import { OPEN_STATUSES } from "../alerts/workflow";
import { customerScope, hasAllCustomersFlag, rolesWith, staffWhoCan } from "../authz/policy";
import { HOUR_MS, isoDay } from "../dates";
import type { PrismaClient } from "../db/client";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { logger } from "../logger";
import { appBaseUrl, sendMail } from "../mail/mailer";
import { type JobDefinition, parseJobPayload } from "./job-definition";
import { sendJob } from "./queue";

// Alert jobs: the immediate e-mail for a new critical alert (one job per recipient, retried with
// backoff, so a failed send never blocks a sync and never re-sends to someone already mailed), the daily
// digest per consultant, and the schedule that reopens alerts whose suppression expired.

export const ALERT_DIGEST_SCHEDULE = "0 7 * * *";
export const SUPPRESSION_EXPIRY_SCHEDULE = "*/15 * * * *";
const MAIL_RETRY = { retryLimit: 6, retryDelay: 30, retryBackoff: true, expireInMinutes: 5 } as const;

// ------------------------------------------------------------------------------------- critical alerts

/**
 * Who hears about a critical alert at once: its assignee, or else the customer's assigned consultants,
 * or else (nobody assigned to the customer) the consultants who look after every customer.
 */
export async function criticalAlertRecipients(client: PrismaClient, alertId: string) {
  return (await criticalAlertRecipientsByAlert(client, [alertId])).get(alertId) ?? [];
}

type Recipient = { id: string; name: string; email: string };

/**
 * The recipients of many alerts' e-mails at once, by the same rule as criticalAlertRecipients (the active
 * assignee; else the consultants assigned to the alert's customer; else those who see every customer), in
 * three queries however many alerts a first sync opens.
 */
export async function criticalAlertRecipientsByAlert(
  client: PrismaClient,
  alertIds: readonly string[],
): Promise<Map<string, Recipient[]>> {
  const alerts = await client.alert.findMany({
    where: { id: { in: [...alertIds] } },
    select: {
      id: true,
      customerId: true,
      assignee: { select: { id: true, name: true, email: true, active: true } },
    },
  });
  const unassigned = alerts.filter((alert) => !alert.assignee?.active);
  const customerIds = [...new Set(unassigned.map((alert) => alert.customerId))];
  const [assigned, everyCustomer] = await Promise.all([
    customerIds.length === 0
      ? []
      : client.user.findMany({
          where: { OR: customerIds.map((customerId) => staffWhoCan("alert:triage", customerId, "assignment")) },
          select: { id: true, name: true, email: true, assignments: { select: { customerId: true } } },
          orderBy: { email: "asc" },
        }),
    customerIds.length === 0
      ? []
      : client.user.findMany({
          // Reaching every customer does not depend on which one: any id of the batch gives the condition.
          where: staffWhoCan("alert:triage", customerIds[0] as string, "allCustomers"),
          select: { id: true, name: true, email: true },
          orderBy: { email: "asc" },
        }),
  ]);
  const byCustomer = new Map<string, Recipient[]>();
  for (const { assignments, ...user } of assigned) {
    for (const { customerId } of assignments) {
      if (!customerIds.includes(customerId)) continue;
      byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), user]);
    }
  }
  const recipients = new Map<string, Recipient[]>();
  for (const alert of alerts) {
    if (alert.assignee?.active) {
      const { active: _active, ...assignee } = alert.assignee;
      recipients.set(alert.id, [assignee]);
    } else recipients.set(alert.id, byCustomer.get(alert.customerId) ?? everyCustomer);
  }
  return recipients;
}

export const criticalAlertMailJob = {
  name: "alert-critical-mail",
  schema: z.object({ alertId: z.string().min(1), userId: z.string().min(1) }),
  async handler({ alertId, userId }) {
    await sendCriticalAlertMail(db(), { alertId, userId });
  },
} satisfies JobDefinition<z.ZodObject<{ alertId: z.ZodString; userId: z.ZodString }>>;

/** Sends the critical-alert mail to one recipient, unless the alert was dealt with meanwhile. */
export async function sendCriticalAlertMail(
  client: PrismaClient,
  input: { alertId: string; userId: string },
  send: (message: MailMessage) => Promise<{ delivered: boolean }> = sendMail,
): Promise<"sent" | "disabled" | "skipped"> {
  const [alert, user] = await Promise.all([
    client.alert.findUnique({
      where: { id: input.alertId },
      select: {
        id: true,
        title: true,
        source: true,
        severity: true,
        status: true,
        region: true,
        resource: true,
        evidenceLink: true,
        dueAt: true,
        assigneeId: true,
        customer: { select: { name: true } },
        awsAccount: { select: { alias: true, accountNumber: true } },
      },
    }),
    client.user.findUnique({ where: { id: input.userId }, select: { name: true, email: true, active: true } }),
  ]);
  if (
    !alert ||
    !user?.active ||
    alert.severity !== "CRITICAL" ||
    !(OPEN_STATUSES as readonly string[]).includes(alert.status)
  ) {
    logger.info(
      { ...input },
      "critical alert mail skipped: the alert is no longer open and critical, or the user left",
    );
    return "skipped";
  }
  const message = criticalAlertEmail({
    to: user.email,
    recipientName: user.name,
    baseUrl: appBaseUrl(),
    alert: {
      id: alert.id,
      title: alert.title,
      source: alert.source,
      severity: alert.severity,
      region: alert.region,
      resource: alert.resource,
      evidenceLink: alert.evidenceLink,
      dueAt: alert.dueAt,
      customerName: alert.customer.name,
      account: alert.awsAccount,
      assignedToRecipient: alert.assigneeId === input.userId,
    },
  });
  const { delivered } = await send(message);
  if (!delivered) return "disabled";
  await client.alertEvent.create({
    data: { alertId: alert.id, type: "email_sent", note: `Critical alert e-mailed to ${user.name} <${user.email}>.` },
  });
  return "sent";
}

/** Queues the critical-alert mail, one job per alert and recipient (a retried job re-sends only its own). */
export async function enqueueCriticalAlertMail(alertIds: readonly string[], client: PrismaClient = db()) {
  const recipients = await criticalAlertRecipientsByAlert(client, alertIds);
  for (const alertId of alertIds) {
    for (const recipient of recipients.get(alertId) ?? []) {
      await sendJob(
        criticalAlertMailJob.name,
        { alertId, userId: recipient.id },
        { ...MAIL_RETRY, singletonKey: `${alertId}:${recipient.id}` },
      );
    }
  }
}

/**
 * Queues the immediate e-mail for critical alerts that opened, reopened or became critical (the ids a
 * follow-up returned). It never throws: the alerts are stored either way, only the e-mail would be late
 * (the daily digest lists them).
 */
export async function queueCriticalAlertMail(alertIds: readonly string[], client: PrismaClient = db()): Promise<void> {
  if (alertIds.length === 0) return;
  try {
    await enqueueCriticalAlertMail(alertIds, client);
  } catch (error) {
    logger.error({ err: error, alertIds }, "could not queue the critical alert e-mail");
  }
}

// ---------------------------------------------------------------------------------------------- digest

/**
 * The daily digest goes to staff who triage the alerts of the customers they look after (consultants);
 * administrators reach every customer through their role and read the queue instead.
 */
const DIGEST_ROLES = rolesWith("alert:triage").filter(hasAllCustomersFlag);

export const alertDigestScheduleJob = {
  name: "alert-digest-schedule",
  schema: z.object({}).passthrough(),
  async handler(_payload: Record<string, unknown>) {
    const consultants = await db().user.findMany({
      where: { role: { in: DIGEST_ROLES }, active: true },
      select: { id: true },
    });
    const day = isoDay(new Date());
    for (const consultant of consultants) {
      await sendJob(
        alertDigestMailJob.name,
        { userId: consultant.id, day },
        { ...MAIL_RETRY, singletonKey: `${consultant.id}:${day}` },
      );
    }
    logger.info({ consultants: consultants.length, day }, "alert digests queued");
  },
} satisfies JobDefinition<z.ZodType>;

export const alertDigestMailJob = {
  name: "alert-digest-mail",
  schema: z.object({ userId: z.string().min(1), day: z.iso.date() }),
  async handler({ userId }) {
    await sendAlertDigest(db(), { userId, now: new Date() });
  },
} satisfies JobDefinition<z.ZodObject<{ userId: z.ZodString; day: z.ZodISODate }>>;

/** The digest of one consultant's open alerts (within its customers), or nothing when none is open. */
export async function sendAlertDigest(
  client: PrismaClient,
  input: { userId: string; now: Date },
  send: (message: MailMessage) => Promise<{ delivered: boolean }> = sendMail,
): Promise<"sent" | "disabled" | "empty" | "skipped"> {
  const user = await client.user.findUnique({
    where: { id: input.userId },
    select: {
      name: true,
      email: true,
      role: true,
      active: true,
      allCustomers: true,
      assignments: { select: { customerId: true } },
    },
  });
  if (!user?.active || !DIGEST_ROLES.includes(user.role)) return "skipped";
  const userScope = customerScope({
    ...user,
    customerId: null,
    assignedCustomerIds: user.assignments.map((assignment) => assignment.customerId),
  });
  const scope: Prisma.AlertWhereInput =
    userScope.kind === "all" ? {} : { customerId: { in: [...userScope.customerIds] } };
  const open: Prisma.AlertWhereInput = {
    AND: [scope, { status: { in: [...OPEN_STATUSES] }, customer: { archivedAt: null } }],
  };
  const now = input.now;
  const dueSoon: Prisma.AlertWhereInput = {
    OR: Object.entries(DUE_SOON_HOURS).map(([severity, hours]) => ({
      severity: severity as "CRITICAL",
      dueAt: { gt: now, lte: new Date(now.getTime() + hours * HOUR_MS) },
    })),
  };
  const select = {
    id: true,
    title: true,
    severity: true,
    dueAt: true,
    customer: { select: { name: true } },
  } as const;
  const [total, critical, high, breachedCount, dueSoonCount, newToday, breached, soon, assigned] = await Promise.all([
    client.alert.count({ where: open }),
    client.alert.count({ where: { AND: [open, { severity: "CRITICAL" }] } }),
    client.alert.count({ where: { AND: [open, { severity: "HIGH" }] } }),
    client.alert.count({ where: { AND: [open, { dueAt: { lte: now } }] } }),
    client.alert.count({ where: { AND: [open, dueSoon] } }),
    client.alert.count({ where: { AND: [open, { firstSeenAt: { gt: new Date(now.getTime() - 24 * HOUR_MS) } }] } }),
    client.alert.findMany({
      where: { AND: [open, { dueAt: { lte: now } }] },
      select,
      orderBy: { dueAt: "asc" },
      take: 10,
    }),
    client.alert.findMany({ where: { AND: [open, dueSoon] }, select, orderBy: { dueAt: "asc" }, take: 10 }),
    client.alert.findMany({
      where: { AND: [open, { assigneeId: input.userId }] },
      select,
      orderBy: { dueAt: "asc" },
      take: 10,
    }),
  ]);
  const toDigest = (rows: typeof breached): AlertDigestInput["breached"] =>
    rows.map((row) => ({ ...row, customerName: row.customer.name }));
  const message = alertDigestEmail({
    to: user.email,
    recipientName: user.name,
    baseUrl: appBaseUrl(),
    now,
    counts: { open: total, critical, high, breached: breachedCount, dueSoon: dueSoonCount, newToday },
    breached: toDigest(breached),
    dueSoon: toDigest(soon),
    assignedToYou: toDigest(assigned),
  });
  if (!message) return "empty";
  const { delivered } = await send(message);
  return delivered ? "sent" : "disabled";
}

// ------------------------------------------------------------------------------------------ suppressions

export const suppressionExpiryJob = {
  name: "alert-suppression-expiry",
  schema: z.object({}).passthrough(),
  async handler(_payload: Record<string, unknown>) {
    const { reopened, criticalAlertIds } = await reopenExpiredSuppressions(db(), new Date());
    if (reopened > 0) logger.info({ reopened }, "alerts reopened after their suppression expired");
    await queueCriticalAlertMail(criticalAlertIds);
  },
} satisfies JobDefinition<z.ZodType>;

// ------------------------------------------------------------------------------------------------ wiring

export const ALERT_JOBS = [criticalAlertMailJob, alertDigestScheduleJob, alertDigestMailJob, suppressionExpiryJob];

/** Registers the alert jobs on a worker's pg-boss instance (queues must exist: see queue.ts). */
export async function startAlertWorkers(boss: PgBoss): Promise<void> {
  const work = async <TSchema extends z.ZodType>(job: JobDefinition<TSchema>) =>
    boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([received]) => {
      if (received) await job.handler(parseJobPayload(job, received.data));
    });
  for (const job of ALERT_JOBS) await work(job as JobDefinition<z.ZodType>);
  await boss.schedule(alertDigestScheduleJob.name, ALERT_DIGEST_SCHEDULE, {}, { tz: "UTC" });
  await boss.schedule(suppressionExpiryJob.name, SUPPRESSION_EXPIRY_SCHEDULE, {});
}
