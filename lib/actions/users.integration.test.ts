import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { invitationTokenFrom, type SmtpInbox, startSmtpInbox } from "@/lib/mail/testing/smtp-inbox";
import { createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";

// The session is the only thing stubbed: getActor() returns the actor under test. Everything else is
// real — the action client, zod, the policy, PostgreSQL, and a local SMTP server receiving the mail.

const { acceptInvitationAction, changeUserRoleAction, deactivateUserAction, inviteUserAction, revokeInvitationAction } =
  await import("./users");
const { resetMailer } = await import("@/lib/mail/mailer");
const { hashInvitationToken } = await import("@/lib/auth/invitation-token");
const { loadActor } = await import("@/lib/auth/load-actor");
const { signInWithPassword } = await import("@/lib/auth/sign-in");
const { listUsers, listOpenInvitations } = await import("@/lib/queries/users");
const { listAuditLog } = await import("@/lib/queries/audit-log");

let inbox: SmtpInbox;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.NEXTAUTH_URL = "http://rampart.test";
  resetEnvCache();
  resetMailer();
});

afterAll(async () => {
  await inbox.close();
});

beforeEach(() => {
  testSession.actor = null;
});

async function lastToken(email: string): Promise<string> {
  return invitationTokenFrom(await inbox.waitFor(email));
}

describe("invitations", () => {
  it("e-mails a one-time link whose token only exists as sha256 in the database, and accepts it once", async () => {
    const customer = await createCustomer(db(), { name: "Meridian Freight" });
    const admin = await createUser(db(), { role: "ADMIN" });
    testSession.actor = await actorOf(admin);
    const email = `new-viewer-${Date.now()}@meridian.example`;

    const invited = await inviteUserAction({
      email: email.toUpperCase(),
      role: "CUSTOMER_VIEWER",
      customerId: customer.id,
    });
    expect(invited.serverError).toBeUndefined();
    expect(invited.data?.email).toBe(email);
    // Delivered by mail: the link is in the mail only, never in the response.
    expect(invited.data).toMatchObject({ delivered: true, invitationUrl: null });

    const mail = await inbox.waitFor(email);
    expect(mail.decoded).toContain("Customer viewer for Meridian Freight");
    expect(mail.decoded).toContain("http://rampart.test/accept-invitation?token=");
    const token = invitationTokenFrom(mail);
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: invited.data!.invitationId } });
    expect(stored.tokenHash).toBe(hashInvitationToken(token));
    const everything = JSON.stringify([stored, await db().auditLog.findMany()]);
    expect(everything).not.toContain(token);
    expect(await listOpenInvitations(testSession.actor)).toEqual([expect.objectContaining({ email })]);

    testSession.actor = null;
    const weak = await acceptInvitationAction({
      token,
      name: "Vera Viewer",
      password: "password1234",
      passwordConfirmation: "password1234",
    });
    expect(weak.serverError).toMatch(/too common/);
    const mismatch = await acceptInvitationAction({
      token,
      name: "Vera",
      password: "a long good passphrase",
      passwordConfirmation: "other",
    });
    expect(mismatch.validationErrors?.fieldErrors.passwordConfirmation).toEqual(["The passwords do not match."]);

    const accepted = await acceptInvitationAction({
      token,
      name: "Vera Viewer",
      password: "a long good passphrase",
      passwordConfirmation: "a long good passphrase",
    });
    expect(accepted).toEqual({ data: { email } });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ role: "CUSTOMER_VIEWER", customerId: customer.id, name: "Vera Viewer", active: true });
    expect(await signInWithPassword(db(), { email, password: "a long good passphrase" })).toMatchObject({ ok: true });

    const again = await acceptInvitationAction({
      token,
      name: "Mallory",
      password: "another good passphrase",
      passwordConfirmation: "another good passphrase",
    });
    expect(again.serverError).toBe("This invitation link is no longer valid. Ask your administrator for a new one.");
    expect(await db().user.count({ where: { email } })).toBe(1);
    expect(
      await db().auditLog.findFirst({ where: { action: "invitation.accepted", actorId: user.id } }),
    ).not.toBeNull();
  });

  it("with mail off, hands the one-time link to the inviting admin once, and the link works", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    testSession.actor = await actorOf(admin);
    const email = `no-mail-${Date.now()}@rampart-test.example`;
    const before = inbox.messages.length;
    delete process.env.SMTP_URL;
    resetEnvCache();
    resetMailer();
    try {
      const invited = await inviteUserAction({ email, role: "MANAGER" });
      expect(invited.serverError).toBeUndefined();
      expect(invited.data?.delivered).toBe(false);
      const url = invited.data?.invitationUrl ?? "";
      expect(url).toMatch(/^http:\/\/rampart\.test\/accept-invitation\?token=[A-Za-z0-9_-]{43}$/);
      const token = new URL(url).searchParams.get("token")!;
      const stored = await db().invitation.findUniqueOrThrow({ where: { id: invited.data!.invitationId } });
      expect(stored.tokenHash).toBe(hashInvitationToken(token));
      // Nothing else keeps it: not the database, not the audit log, not the open-invitations list.
      const everything = JSON.stringify([
        stored,
        await db().auditLog.findMany(),
        await listOpenInvitations(testSession.actor),
      ]);
      expect(everything).not.toContain(token);
      expect(inbox.messages.length).toBe(before);

      testSession.actor = null;
      const accepted = await acceptInvitationAction({
        token,
        name: "Nora Nomail",
        password: "a long good passphrase",
        passwordConfirmation: "a long good passphrase",
      });
      expect(accepted).toEqual({ data: { email } });
    } finally {
      process.env.SMTP_URL = inbox.url;
      resetEnvCache();
      resetMailer();
    }
  });

  it("refuses an expired or revoked link, and a new invitation replaces an older one", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    testSession.actor = await actorOf(admin);
    const email = `late-${Date.now()}@rampart-test.example`;
    const first = await inviteUserAction({ email, role: "CONSULTANT", allCustomers: true });
    const firstToken = await lastToken(email);
    const second = await inviteUserAction({ email, role: "CONSULTANT" });
    const secondToken = await lastToken(email);
    expect(await db().invitation.findUniqueOrThrow({ where: { id: first.data!.invitationId } })).toMatchObject({
      revokedAt: expect.any(Date),
    });

    const input = {
      name: "Late Comer",
      password: "a long good passphrase",
      passwordConfirmation: "a long good passphrase",
    };
    testSession.actor = null;
    expect((await acceptInvitationAction({ ...input, token: firstToken })).serverError).toMatch(/no longer valid/);
    await db().invitation.update({
      where: { id: second.data!.invitationId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await acceptInvitationAction({ ...input, token: secondToken })).serverError).toMatch(/no longer valid/);
    expect((await acceptInvitationAction({ ...input, token: "x".repeat(43) })).serverError).toMatch(/no longer valid/);
    expect(await db().user.count({ where: { email } })).toBe(0);

    testSession.actor = await actorOf(admin);
    const third = await inviteUserAction({ email, role: "MANAGER" });
    expect((await revokeInvitationAction({ invitationId: third.data!.invitationId })).serverError).toBeUndefined();
    testSession.actor = null;
    const thirdToken = await lastToken(email);
    expect((await acceptInvitationAction({ ...input, token: thirdToken })).serverError).toMatch(/no longer valid/);
  });

  it("checks role/customer consistency, forged customer ids and existing users", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    testSession.actor = await actorOf(admin);
    const noCustomer = await inviteUserAction({ email: "a@rampart-test.example", role: "CUSTOMER_REVIEWER" });
    expect(noCustomer.validationErrors?.fieldErrors.customerId).toEqual(["Choose the customer this user belongs to."]);
    const staffWithCustomer = await inviteUserAction({
      email: "b@rampart-test.example",
      role: "MANAGER",
      customerId: "c1",
    });
    expect(staffWithCustomer.validationErrors?.fieldErrors.customerId).toEqual([
      "Only customer roles belong to a customer.",
    ]);
    const forged = await inviteUserAction({
      email: "c@rampart-test.example",
      role: "CUSTOMER_VIEWER",
      customerId: "cl-forged-id",
    });
    expect(forged.serverError).toBe("Not found");
    const existing = await inviteUserAction({ email: admin.email, role: "MANAGER" });
    expect(existing.serverError).toBe("A user with this e-mail address already exists.");
  });

  it("is refused to every role without user:manage and to anonymous callers", async () => {
    const customer = await createCustomer(db());
    for (const role of ["CONSULTANT", "MANAGER", "CUSTOMER_VIEWER", "CUSTOMER_REVIEWER"] as const) {
      const user = await createUser(db(), {
        role,
        customerId: role.startsWith("CUSTOMER_") ? customer.id : null,
        allCustomers: true,
      });
      testSession.actor = await actorOf(user);
      const result = await inviteUserAction({ email: `x-${role}@rampart-test.example`, role: "ADMIN" });
      expect(result.serverError).toBe("You do not have permission to do that.");
    }
    testSession.actor = null;
    expect((await inviteUserAction({ email: "y@rampart-test.example", role: "ADMIN" })).serverError).toBe(
      "Your session has ended. Sign in again.",
    );
    expect(await db().invitation.count({ where: { email: { in: ["y@rampart-test.example"] } } })).toBe(0);
  });
});

describe("deactivation and role changes", () => {
  it("deactivating a user ends its sessions and its sign-ins, and is audited", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const consultant = await createUser(db(), { role: "CONSULTANT", password: "correct horse battery staple" });
    testSession.actor = await actorOf(admin);
    expect(await loadActor(db(), { userId: consultant.id, sessionVersion: consultant.sessionVersion })).not.toBeNull();

    expect((await deactivateUserAction({ userId: consultant.id })).serverError).toBeUndefined();
    expect(await loadActor(db(), { userId: consultant.id, sessionVersion: consultant.sessionVersion })).toBeNull();
    expect(
      await signInWithPassword(db(), { email: consultant.email, password: "correct horse battery staple" }),
    ).toMatchObject({ ok: false });
    expect(
      await db().auditLog.findFirst({
        where: { action: "user.deactivated", targetId: consultant.id, actorId: admin.id },
      }),
    ).not.toBeNull();

    expect((await deactivateUserAction({ userId: admin.id })).serverError).toBe(
      "You cannot deactivate your own account.",
    );
    expect((await deactivateUserAction({ userId: "cl-does-not-exist" })).serverError).toBe("Not found");
  });

  it("changing a role bumps the session version so the old session cannot keep the old role", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const customer = await createCustomer(db());
    const manager = await createUser(db(), { role: "MANAGER" });
    testSession.actor = await actorOf(admin);
    const result = await changeUserRoleAction({ userId: manager.id, role: "CUSTOMER_VIEWER", customerId: customer.id });
    expect(result.serverError).toBeUndefined();
    expect(await loadActor(db(), { userId: manager.id, sessionVersion: manager.sessionVersion })).toBeNull();
    expect(await loadActor(db(), { userId: manager.id, sessionVersion: manager.sessionVersion + 1 })).toMatchObject({
      role: "CUSTOMER_VIEWER",
      customerId: customer.id,
    });
    const entry = await db().auditLog.findFirstOrThrow({
      where: { action: "user.role_changed", targetId: manager.id },
    });
    expect(entry.metadata).toMatchObject({
      from: { role: "MANAGER" },
      to: { role: "CUSTOMER_VIEWER", customerId: customer.id },
    });
    expect((await changeUserRoleAction({ userId: admin.id, role: "MANAGER" })).serverError).toBe(
      "You cannot change your own role.",
    );
  });
});

describe("read models", () => {
  it("lists users without secrets, and refuses users and the audit log to roles without permission", async () => {
    const admin = await createUser(db(), { role: "ADMIN", password: "correct horse battery staple" });
    const adminActor = await actorOf(admin);
    const page = await listUsers(adminActor);
    expect(page.rows.length).toBeGreaterThan(0);
    const row = page.rows.find((candidate) => candidate.id === admin.id);
    expect(row).toMatchObject({ signsInWith: "password" });
    expect(JSON.stringify(page)).not.toContain("argon2");
    expect(Object.keys(row!)).not.toContain("passwordHash");

    const customer = await createCustomer(db());
    const manager = await actorOf(await createUser(db(), { role: "MANAGER" }));
    const viewer = await actorOf(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: customer.id }));
    const consultant = await actorOf(await createUser(db(), { role: "CONSULTANT", allCustomers: true }));
    await expect(listUsers(manager)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listUsers(viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditLog(viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditLog(consultant)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const log = await listAuditLog(manager, { action: "user.", page: 1 });
    expect(log.rows.every((entry) => entry.action.startsWith("user."))).toBe(true);
    expect(log.total).toBeGreaterThan(0);
    const byActor = await listAuditLog(manager, { actor: admin.email.toUpperCase() });
    expect(byActor.rows.every((entry) => entry.actorEmail === admin.email)).toBe(true);
  });
});
