import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import { THROTTLE_RULES } from "@/lib/auth/login-throttle";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { getCaughtMail, listCaughtMail } from "@/lib/queries/outbox";
import { createCustomer, createUser } from "@/prisma/factories";
import { KEEP_CAUGHT_MAILS, type MailCatcher, startMailCatcher, storeCaughtMail } from "./catcher";
import { invitationEmail } from "./invitation-email";
import { resetMailer, sendMail } from "./mailer";

// The demo's mail catcher end to end: Rampart's own mailer (nodemailer over SMTP) → the catcher's real SMTP
// server → CaughtMail in PostgreSQL → the outbox read model, as the admin page reads it.

let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher({ port: 0, store: (mail) => storeCaughtMail(db(), mail) });
  process.env.SMTP_URL = catcher.url;
  process.env.RAMPART_MAIL_CATCHER = "1";
  process.env.NEXTAUTH_URL = "http://rampart.test";
  resetEnvCache();
  resetMailer();
});

afterAll(async () => {
  await catcher.close();
  delete process.env.RAMPART_MAIL_CATCHER;
  resetEnvCache();
});

async function actorOf(role: "ADMIN" | "CONSULTANT" | "MANAGER" | "CUSTOMER_VIEWER", customerId?: string) {
  const user = await createUser(db(), { role, customerId, allCustomers: role === "CONSULTANT" ? true : undefined });
  const actor = await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion });
  if (!actor) throw new Error("no actor");
  return actor;
}

async function caughtTo(email: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const mail = await db().caughtMail.findFirst({ where: { to: { has: email } } });
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${email}`);
}

describe("mail catcher", () => {
  it("keeps an invitation with its decoded text and HTML, readable by an administrator in the outbox", async () => {
    const email = `caught-${Date.now()}@rampart-test.example`;
    const sent = await sendMail(
      invitationEmail({
        to: email,
        token: "A".repeat(43),
        role: "CUSTOMER_VIEWER",
        customerName: "Bluefin <Analytics> & Co",
        invitedByName: "Ada Admin",
        expiresAt: new Date("2026-12-31T00:00:00Z"),
      }),
    );
    expect(sent).toEqual({ delivered: true });
    const stored = await caughtTo(email);
    expect(stored.subject).toBe("Your invitation to Rampart");
    expect(stored.to).toEqual([email]);
    expect(stored.text).toContain(`http://rampart.test/accept-invitation?token=${"A".repeat(43)}`);
    expect(stored.html).toContain("Bluefin &#60;Analytics&#62; &#38; Co");

    const admin = await actorOf("ADMIN");
    const list = await listCaughtMail(admin);
    expect(list.rows).toContainEqual(expect.objectContaining({ id: stored.id, subject: "Your invitation to Rampart" }));
    const view = await getCaughtMail(admin, stored.id);
    expect(view.text).toContain("Choose your name and password here");
  });

  it("delivers the lockout notice to the account's owner (lib/auth/lockout-mail.ts)", async () => {
    const password = "correct horse battery staple";
    const user = await createUser(db(), { role: "CONSULTANT", password });
    for (let attempt = 0; attempt < THROTTLE_RULES.emailIp.maxFailures; attempt++) {
      await signInWithPassword(db(), { email: user.email, password: `wrong ${attempt}` }, { ip: "203.0.113.77" });
    }
    const notice = await caughtTo(user.email);
    expect(notice.subject).toBe("Rampart: failed sign-ins to your account");
    expect(notice.text).toContain("from the address 203.0.113.77");
    expect(notice.text).toContain("Sign-ins from that address are paused until");
  });

  it("is absent for everyone but all-customer administrators, and when the catcher is off", async () => {
    const mail = await db().caughtMail.findFirstOrThrow({ select: { id: true } });
    const customer = await createCustomer(db());
    for (const actor of [
      await actorOf("CONSULTANT"),
      await actorOf("MANAGER"),
      await actorOf("CUSTOMER_VIEWER", customer.id),
    ]) {
      await expect(listCaughtMail(actor)).rejects.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
      await expect(getCaughtMail(actor, mail.id)).rejects.toMatchObject({
        code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/),
      });
    }
    const admin = await actorOf("ADMIN");
    await expect(getCaughtMail(admin, "no-such-mail")).rejects.toMatchObject({ code: "NOT_FOUND" });
    process.env.RAMPART_MAIL_CATCHER = "0";
    resetEnvCache();
    try {
      await expect(listCaughtMail(admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getCaughtMail(admin, mail.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      process.env.RAMPART_MAIL_CATCHER = "1";
      resetEnvCache();
    }
  });

  it("keeps only the newest messages", async () => {
    const base = { mailFrom: "rampart@rampart.example", subject: "filler", text: "x", html: null, sizeBytes: 1 };
    await db().caughtMail.createMany({
      data: Array.from({ length: KEEP_CAUGHT_MAILS }, (_, index) => ({
        ...base,
        to: [`filler-${index}@rampart-test.example`],
        receivedAt: new Date(Date.now() - 86_400_000 - index * 1000),
      })),
    });
    await storeCaughtMail(db(), { ...base, to: ["newest@rampart-test.example"], subject: "newest" });
    expect(await db().caughtMail.count()).toBe(KEEP_CAUGHT_MAILS);
    expect(await db().caughtMail.count({ where: { subject: "newest" } })).toBe(1);
    expect(await db().caughtMail.count({ where: { to: { has: "filler-999@rampart-test.example" } } })).toBe(0);
  });
});
