import { parseCustomerSettings } from "../customers/settings";
import type { MailMessage } from "../mail/mailer";

// The optional monthly evidence pack (issue 14 §5): per customer, on the 1st of each month, the previous
// calendar month's pack is generated and its customer's reviewers and Rampart's managers are told it is
// ready. The pack itself is not attached: it holds the customer's whole security posture and can be
// megabytes; the mail links to the signed-in download instead.

/** 06:00 UTC on the 1st of every month (pg-boss cron, fired once across workers). */
export const MONTHLY_PACK_SCHEDULE = "0 6 1 * *";
export const MONTHLY_PACK_ACTION = "evidence_pack.monthly_generated";

/**
 * The customer setting `evidencePacks.monthlyMail: boolean` (off unless true), typed in
 * lib/customers/settings.ts.
 */
export function isMonthlyPackMailOn(settings: unknown): boolean {
  return parseCustomerSettings(settings).evidencePacks.monthlyMail;
}

/** The calendar month before `now` (UTC): [first day, first day of now's month), as of that end. */
export function previousMonth(now: Date): { from: Date; to: Date; label: string } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1));
  return { from, to, label: from.toISOString().slice(0, 7) };
}

export function monthlyPackMail(input: {
  recipient: { name: string; email: string };
  customer: { id: string; name: string };
  month: string;
  contentDigest: string | null;
  appUrl: string;
}): MailMessage {
  const url = `${input.appUrl.replace(/\/$/, "")}/customers/${input.customer.id}`;
  return {
    to: input.recipient.email,
    subject: `Evidence pack of ${input.customer.name} for ${input.month} is ready`,
    text: [
      `Hello ${input.recipient.name},`,
      "",
      `Rampart generated the signed evidence pack of ${input.customer.name} for ${input.month}.`,
      `Download it from the scorecard (sign-in required): ${url}`,
      input.contentDigest ? `Content digest: ${input.contentDigest}` : "",
      "",
      "Check it with `npm run evidence:verify -- <pack.zip>`. You receive this because the customer's",
      "monthly evidence pack is switched on and you review or manage its security.",
    ]
      .filter((line, index, lines) => line !== "" || lines[index - 1] !== "")
      .join("\n"),
  };
}
