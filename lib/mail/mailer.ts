import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let transporter: Transporter | null | undefined;

function getTransporter(): Transporter | null {
  if (transporter === undefined) {
    const url = env().SMTP_URL;
    transporter = url ? nodemailer.createTransport(url) : null;
  }
  return transporter;
}

/** For tests that point SMTP_URL at a fresh local server. */
export function resetMailer(): void {
  transporter = undefined;
}

/**
 * Sends one message over SMTP_URL. Without SMTP_URL (the demo) mail is disabled: that is logged with
 * the recipient and subject only — bodies carry one-time links and are never logged.
 */
export async function sendMail(message: MailMessage): Promise<{ delivered: boolean }> {
  const transport = getTransporter();
  if (!transport) {
    logger.warn(
      { to: message.to, subject: message.subject },
      "mail is disabled (SMTP_URL is not set); message not sent",
    );
    return { delivered: false };
  }
  await transport.sendMail({ from: env().MAIL_FROM, ...message });
  logger.info({ to: message.to, subject: message.subject }, "mail sent");
  return { delivered: true };
}
