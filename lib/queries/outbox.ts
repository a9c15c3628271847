import "server-only";
import { type Actor, authorize, customerScope } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";

// The demo outbox (issue 19 §4): what the mail catcher (lib/mail/catcher.ts) received. Mail spans every
// customer and carries one-time invitation links, so only an administrator who sees every customer may
// read it (user:manage, all-customer scope), and only while the catcher is on; otherwise it is absent (404).

export const OUTBOX_PAGE_SIZE = 50;

export interface CaughtMailRow {
  id: string;
  receivedAt: Date;
  to: string[];
  subject: string;
}

export interface CaughtMailView extends CaughtMailRow {
  mailFrom: string;
  text: string;
  html: string | null;
  sizeBytes: number;
}

/** Throws NOT_FOUND unless the outbox exists here and this actor may read it. */
function assertOutboxReadable(actor: Actor): void {
  if (!env().RAMPART_MAIL_CATCHER) throw notFound("Not found");
  authorize(actor, "user:manage");
  if (customerScope(actor).kind !== "all") throw notFound("Not found");
}

export function isOutboxEnabled(): boolean {
  return env().RAMPART_MAIL_CATCHER;
}

export async function listCaughtMail(
  actor: Actor,
  input: { page?: number } = {},
): Promise<{ rows: CaughtMailRow[]; total: number; page: number; pageSize: number }> {
  assertOutboxReadable(actor);
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const [rows, total] = await Promise.all([
    db().caughtMail.findMany({
      select: { id: true, receivedAt: true, to: true, subject: true },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
    }),
    db().caughtMail.count(),
  ]);
  return { rows, total, page, pageSize: OUTBOX_PAGE_SIZE };
}

export async function getCaughtMail(actor: Actor, mailId: string): Promise<CaughtMailView> {
  assertOutboxReadable(actor);
  const mail = await db().caughtMail.findUnique({
    where: { id: mailId },
    select: {
      id: true,
      receivedAt: true,
      to: true,
      subject: true,
      mailFrom: true,
      text: true,
      html: true,
      sizeBytes: true,
    },
  });
  if (!mail) throw notFound("Mail not found");
  return mail;
}
