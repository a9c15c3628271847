import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { DAY_MS, isoDay } from "../dates";
import type { PrismaClient } from "../db/client";
import type { JobDefinition } from "../jobs/job-definition";
import { dueReminder } from "./reminder-schedule";
import { isRisky } from "./risk-flags";

// E-mail reminders to the reviewers of open campaigns, on the schedule of reminder-schedule.ts. The last
// reminder of a campaign is the slot in its latest "access_review.reminded" audit row, so no column is needed and
// the audit log shows who was reminded when. Mail is sent through an injected sender: the pg-boss worker
// passes lib/mail/mailer.ts's sendMail.

export const REMINDED_ACTION = "access_review.reminded";
/** Hourly: a reminder goes out within the hour of its slot, and at most once per slot. */
export const ACCESS_REVIEW_REMINDER_SCHEDULE = "15 * * * *";

export interface ReminderMail {
  to: string;
  subject: string;
  text: string;
}

export interface ReminderSweepResult {
  campaigns: number;
  reminded: number;
  mails: number;
}

/** The slot a reminder audit row was sent for (its metadata), else when it was written. */
function lastSlotOf(row: { createdAt: Date; metadata: unknown }): Date {
  const parsed = z.object({ slot: z.iso.datetime() }).safeParse(row.metadata);
  return parsed.success ? new Date(parsed.data.slot) : row.createdAt;
}

/** The reminder text for one reviewer of one campaign. */
export function reminderMail(input: {
  reviewer: { name: string; email: string };
  review: { id: string; period: string; customerName: string; dueAt: Date };
  undecided: number;
  riskyUndecided: number;
  now: Date;
  appUrl: string;
}): ReminderMail {
  const { review } = input;
  const overdueDays = Math.floor((input.now.getTime() - review.dueAt.getTime()) / DAY_MS);
  const when =
    overdueDays >= 1
      ? `was due on ${isoDay(review.dueAt)} (${overdueDays} days ago)`
      : `is due on ${isoDay(review.dueAt)}`;
  const risky = input.riskyUndecided > 0 ? `, ${input.riskyUndecided} of them with risk flags` : "";
  return {
    to: input.reviewer.email,
    subject: `${overdueDays >= 1 ? "Overdue: " : ""}access review ${review.period} of ${review.customerName}: ${input.undecided} users to decide`,
    text: [
      `Hello ${input.reviewer.name},`,
      "",
      `The ${review.period} access review of ${review.customerName} ${when}. ${input.undecided} users still need a decision${risky}.`,
      "",
      `Open it: ${input.appUrl.replace(/\/$/, "")}/reviews/${review.id}`,
      "",
      "You receive this because you are one of its reviewers.",
    ].join("\n"),
  };
}

/** Sends the reminders due at `now` for every open campaign with undecided users. */
export async function sendAccessReviewReminders(
  client: PrismaClient,
  options: { now: Date; appUrl: string; send: (mail: ReminderMail) => Promise<{ delivered: boolean }> },
): Promise<ReminderSweepResult> {
  const reviews = await client.accessReview.findMany({
    where: { status: "OPEN", customer: { archivedAt: null } },
    select: {
      id: true,
      period: true,
      dueAt: true,
      createdAt: true,
      customerId: true,
      customer: { select: { name: true } },
      reviewers: { select: { user: { select: { id: true, name: true, email: true, active: true } } } },
    },
  });
  const result: ReminderSweepResult = { campaigns: reviews.length, reminded: 0, mails: 0 };
  for (const review of reviews) {
    const last = await client.auditLog.findFirst({
      where: { action: REMINDED_ACTION, targetType: "AccessReview", targetId: review.id },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, metadata: true },
    });
    const slot = dueReminder({
      startedAt: review.createdAt,
      dueAt: review.dueAt,
      lastRemindedAt: last ? lastSlotOf(last) : null,
      now: options.now,
    });
    if (!slot) continue;
    const undecided = await client.accessReviewItem.findMany({
      where: { reviewId: review.id, decision: null },
      select: { riskFlags: true },
    });
    if (undecided.length === 0) continue;
    const reviewers = review.reviewers.map(({ user }) => user).filter((user) => user.active);
    const recipients: string[] = [];
    for (const reviewer of reviewers) {
      const mail = reminderMail({
        reviewer,
        review: { id: review.id, period: review.period, customerName: review.customer.name, dueAt: review.dueAt },
        undecided: undecided.length,
        riskyUndecided: undecided.filter((item) => isRisky(item.riskFlags)).length,
        now: options.now,
        appUrl: options.appUrl,
      });
      // One reviewer's failed delivery does not stop the others; the next slot tries again.
      const sent = await options.send(mail).catch(() => ({ delivered: false }));
      if (sent.delivered) result.mails += 1;
      recipients.push(reviewer.email);
    }
    await recordAudit(client, {
      action: REMINDED_ACTION,
      targetType: "AccessReview",
      targetId: review.id,
      customerId: review.customerId,
      metadata: { slot: slot.toISOString(), recipients, undecided: undecided.length },
    });
    result.reminded += 1;
  }
  return result;
}

/**
 * The pg-boss job: register it with a cron of ACCESS_REVIEW_REMINDER_SCHEDULE in lib/jobs/worker.ts
 * (`dependencies` supplies the database, the app URL and the worker's mail sender).
 */
export function accessReviewReminderJob(dependencies: {
  client: () => PrismaClient;
  appUrl: () => string;
  send: (mail: ReminderMail) => Promise<{ delivered: boolean }>;
}) {
  return {
    name: "access-review-reminders",
    schema: z.object({}).passthrough(),
    async handler(_payload: Record<string, unknown>) {
      await sendAccessReviewReminders(dependencies.client(), {
        now: new Date(),
        appUrl: dependencies.appUrl(),
        send: dependencies.send,
      });
    },
  } satisfies JobDefinition<z.ZodType>;
}
