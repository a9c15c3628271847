import type { AddressInfo } from "node:net";
import PostalMime from "postal-mime";
import { SMTPServer } from "smtp-server";
import type { PrismaClient } from "../db/generated/client";
import { logger } from "../logger";

// The demo's mail catcher (issue 19 §4, ADR 020): a real SMTP server on loopback that accepts every
// message Rampart sends (invitations, alerts, digests, review reminders, lockout notices) and stores it
// in PostgreSQL (CaughtMail) instead of delivering it, so administrators read it at /admin/outbox. It
// runs only when `npm start` runs the demo without an SMTP_URL, or in the browser tests' setup.

/** Largest message kept; bigger ones are refused at SMTP level (552), which the sender reports. */
export const MAX_CAUGHT_MAIL_BYTES = 10 * 1024 * 1024;
/** The outbox keeps the newest messages only: a long-running demo does not grow without bound. */
export const KEEP_CAUGHT_MAILS = 1000;

export interface CaughtMailInput {
  mailFrom: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  sizeBytes: number;
}

/** A received message as the outbox stores it: decoded headers, text and HTML parts. */
export async function parseCaughtMail(
  raw: Buffer,
  envelope: { mailFrom: string; to: string[] },
): Promise<CaughtMailInput> {
  const email = await PostalMime.parse(raw);
  return {
    mailFrom: email.from?.address ?? envelope.mailFrom,
    to: envelope.to.map((address) => address.toLowerCase()),
    subject: email.subject ?? "(no subject)",
    text: email.text ?? "",
    html: email.html ?? null,
    sizeBytes: raw.length,
  };
}

/** Stores one message and trims the outbox to the newest KEEP_CAUGHT_MAILS. */
export async function storeCaughtMail(client: PrismaClient, mail: CaughtMailInput): Promise<void> {
  // PostgreSQL text cannot hold U+0000; a mail part that carries one is stored without it.
  const clean = (value: string) => value.replaceAll("\u0000", "");
  await client.$transaction(async (tx) => {
    await tx.caughtMail.create({
      data: {
        ...mail,
        mailFrom: clean(mail.mailFrom),
        subject: clean(mail.subject),
        text: clean(mail.text),
        html: mail.html === null ? null : clean(mail.html),
      },
    });
    const stale = await tx.caughtMail.findMany({
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: KEEP_CAUGHT_MAILS,
      select: { id: true },
    });
    if (stale.length > 0) await tx.caughtMail.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
  });
}

export interface MailCatcher {
  url: string;
  close(): Promise<void>;
}

/** Starts the catcher on 127.0.0.1:port (0 = any free port); `store` persists each message. */
export async function startMailCatcher(options: {
  port: number;
  store: (mail: CaughtMailInput) => Promise<void>;
}): Promise<MailCatcher> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_CAUGHT_MAIL_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error("Message too large for the demo outbox"), { responseCode: 552 }));
          return;
        }
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        parseCaughtMail(Buffer.concat(chunks), envelope)
          .then(options.store)
          .then(
            () => callback(),
            (error: unknown) => {
              logger.error({ err: error }, "the mail catcher could not store a message");
              callback(Object.assign(new Error("Could not store the message"), { responseCode: 451 }));
            },
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
