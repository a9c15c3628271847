import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";
import { logger } from "../logger";

// The one mail sender: server actions (invitations) and the worker (alerts, digests, review reminders)
// both send through it. It is not "server-only" because the worker runs under plain Node, where that
// guard throws; nothing in a browser bundle imports it.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

// Kept per SMTP_URL, so a changed URL (a test's fresh local server) takes effect.
let transport: { url: string; transporter: Transporter } | null = null;

function getTransporter(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/** For tests that point SMTP_URL at a fresh local server. */
export function resetMailer(): void {
  transport = null;
}

/** The app's public address, for links in mail (NEXTAUTH_URL, else localhost on PORT). */
export function appBaseUrl(): string {
  return (env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
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
