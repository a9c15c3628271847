import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCustomer, createUser } from "@/prisma/factories";
import { loadActor } from "./load-actor";
import { clearSignInLocksFor, THROTTLE_RULES } from "./login-throttle";
import { resolveOidcUser, signInWithPassword } from "./sign-in";

const PASSWORD = "correct horse battery staple";
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

async function auditFor(email: string) {
  return db().auditLog.findMany({ where: { actorEmail: email }, orderBy: { createdAt: "asc" } });
}

describe("signInWithPassword", () => {
  let customerId: string;
  beforeAll(async () => {
    customerId = (await createCustomer(db())).id;
  });

  it("signs a user in, audits it with IP and user agent, and stamps lastSignInAt", async () => {
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    const ip = freshIp();
    const result = await signInWithPassword(
      db(),
      { email: ` ${user.email.toUpperCase()} `, password: PASSWORD },
      { ip, userAgent: "vitest" },
    );
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, sessionVersion: user.sessionVersion, secondFactor: false },
    });
    const [entry] = await auditFor(user.email);
    expect(entry).toMatchObject({
      action: "auth.sign_in.succeeded",
      actorId: user.id,
      targetId: user.id,
      ip,
      userAgent: "vitest",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it("answers a wrong password and an unknown e-mail identically, and audits both with the real reason", async () => {
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    const wrong = await signInWithPassword(
      db(),
      { email: user.email, password: "not the password at all" },
      { ip: freshIp() },
    );
    const unknownEmail = `nobody-${Date.now()}@rampart-test.example`;
    const unknown = await signInWithPassword(db(), { email: unknownEmail, password: PASSWORD }, { ip: freshIp() });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(
      (await auditFor(user.email)).map((entry) => [entry.action, (entry.metadata as { reason: string }).reason]),
    ).toEqual([["auth.sign_in.failed", "wrong_password"]]);
    const [unknownEntry] = await auditFor(unknownEmail);
    expect(unknownEntry).toMatchObject({
      action: "auth.sign_in.failed",
      actorId: null,
      metadata: { method: "password", reason: "unknown_email" },
    });
    // The unknown e-mail is throttled exactly like a real one.
    expect(
      await db().loginThrottle.findFirst({ where: { key: { startsWith: `email-ip:${unknownEmail}|` } } }),
    ).toMatchObject({ failures: 1 });
    expect(
      await db().loginThrottle.findFirst({ where: { key: { startsWith: `email-ip:${user.email}|` } } }),
    ).toMatchObject({ failures: 1 });
  });

  it("never stores the password, its hash or a token in the audit log", async () => {
    const user = await createUser(db(), { role: "ADMIN", password: PASSWORD });
    await signInWithPassword(db(), { email: user.email, password: "a-wrong-password-123" }, { ip: freshIp() });
    await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: freshIp() });
    const dump = JSON.stringify(await auditFor(user.email));
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain("a-wrong-password-123");
    expect(dump).not.toContain(passwordHash!);
  });

  it("pauses an (e-mail, IP) pair after repeated failures, even for the right password, and audits the refusal", async () => {
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    const attacker = freshIp();
    for (let i = 0; i < THROTTLE_RULES.emailIp.maxFailures; i++) {
      expect(
        await signInWithPassword(db(), { email: user.email, password: `wrong-${i}-password` }, { ip: attacker }),
      ).toMatchObject({ ok: false });
    }
    const locked = await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: attacker });
    expect(locked).toEqual({ ok: false, reason: "locked" });
    const actions = (await auditFor(user.email)).map((entry) => entry.action);
    expect(actions.filter((action) => action === "auth.sign_in.failed")).toHaveLength(
      THROTTLE_RULES.emailIp.maxFailures,
    );
    expect(actions.at(-1)).toBe("auth.sign_in.locked");
    // After the pause has passed, the right password works again and clears the pair's counter.
    const key = `email-ip:${user.email}|${attacker}`;
    await db().loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: attacker })).toMatchObject({
      ok: true,
    });
    expect(await db().loginThrottle.findUnique({ where: { key } })).toBeNull();
  });

  it("an attacker elsewhere cannot lock the owner out (issue 16)", async () => {
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    // Failures from many addresses, each pausing only itself.
    for (let i = 0; i < THROTTLE_RULES.emailIp.maxFailures * 3; i++) {
      await signInWithPassword(db(), { email: user.email, password: `wrong-${i}-password` }, { ip: freshIp() });
    }
    const attacker = freshIp();
    for (let i = 0; i < THROTTLE_RULES.emailIp.maxFailures; i++) {
      await signInWithPassword(db(), { email: user.email, password: `wrong-${i}-password` }, { ip: attacker });
    }
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: attacker })).toEqual({
      ok: false,
      reason: "locked",
    });
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: freshIp() })).toMatchObject({
      ok: true,
    });
  });

  it("an administrator's unlock lifts every pause of one e-mail", async () => {
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    const attacker = freshIp();
    for (let i = 0; i <= THROTTLE_RULES.emailIp.maxFailures; i++) {
      await signInWithPassword(db(), { email: user.email, password: `wrong-${i}-password` }, { ip: attacker });
    }
    expect(await clearSignInLocksFor(db(), user.email.toUpperCase())).toBe(1);
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: attacker })).toMatchObject({
      ok: true,
    });
  });

  it("pauses an unknown e-mail the same way as a known one", async () => {
    const email = `ghost-${Date.now()}@rampart-test.example`;
    const ip = freshIp();
    for (let i = 0; i < THROTTLE_RULES.emailIp.maxFailures; i++) {
      await signInWithPassword(db(), { email, password: `guess-number-${i}` }, { ip });
    }
    expect(await signInWithPassword(db(), { email, password: "another-guess-here" }, { ip })).toEqual({
      ok: false,
      reason: "locked",
    });
  });

  it("locks an IP that fails across many e-mails", async () => {
    const ip = freshIp();
    for (let i = 0; i < THROTTLE_RULES.ip.maxFailures; i++) {
      await signInWithPassword(
        db(),
        { email: `spray-${i}-${Date.now()}@rampart-test.example`, password: "Summer2026!!!" },
        { ip },
      );
    }
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip })).toEqual({
      ok: false,
      reason: "locked",
    });
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: freshIp() })).toMatchObject({
      ok: true,
    });
  });

  it("refuses a deactivated user with the right password, and a customer user without a customer", async () => {
    const inactive = await createUser(db(), { role: "CONSULTANT", password: PASSWORD, active: false });
    expect(await signInWithPassword(db(), { email: inactive.email, password: PASSWORD }, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const orphan = await createUser(db(), { role: "CUSTOMER_VIEWER", password: PASSWORD });
    expect(await signInWithPassword(db(), { email: orphan.email, password: PASSWORD }, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const viewer = await createUser(db(), { role: "CUSTOMER_VIEWER", password: PASSWORD, customerId });
    expect(
      await signInWithPassword(db(), { email: viewer.email, password: PASSWORD }, { ip: freshIp() }),
    ).toMatchObject({ ok: true });
    expect((await auditFor(inactive.email)).map((entry) => (entry.metadata as { reason: string }).reason)).toEqual([
      "inactive",
    ]);
  });

  it("treats a user without a password (SSO only) and junk input as a failed attempt", async () => {
    const ssoOnly = await createUser(db(), { role: "CONSULTANT" });
    expect(await signInWithPassword(db(), { email: ssoOnly.email, password: PASSWORD }, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await signInWithPassword(db(), { email: { $ne: "" }, password: ["x"] }, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await signInWithPassword(db(), { email: ssoOnly.email, password: "p".repeat(100_000) }, { ip: freshIp() }),
    ).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("loadActor", () => {
  it("resolves role, customer and assignments from the database and ends stale sessions", async () => {
    const customerA = await createCustomer(db());
    const customerB = await createCustomer(db());
    const consultant = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [customerA.id] });
    expect(await loadActor(db(), { userId: consultant.id, sessionVersion: consultant.sessionVersion })).toMatchObject({
      role: "CONSULTANT",
      allCustomers: false,
      customerId: null,
      assignedCustomerIds: [customerA.id],
    });
    // A bumped sessionVersion (role change, deactivation) makes every older session worthless.
    await db().user.update({ where: { id: consultant.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadActor(db(), { userId: consultant.id, sessionVersion: consultant.sessionVersion })).toBeNull();

    const viewer = await createUser(db(), {
      role: "CUSTOMER_VIEWER",
      customerId: customerB.id,
      assignedCustomerIds: [customerA.id],
    });
    const viewerActor = await loadActor(db(), { userId: viewer.id, sessionVersion: viewer.sessionVersion });
    expect(viewerActor).toMatchObject({ customerId: customerB.id, assignedCustomerIds: [], allCustomers: false });

    await db().user.update({ where: { id: viewer.id }, data: { active: false } });
    expect(await loadActor(db(), { userId: viewer.id, sessionVersion: viewer.sessionVersion })).toBeNull();

    const orphan = await createUser(db(), { role: "CUSTOMER_REVIEWER" });
    expect(await loadActor(db(), { userId: orphan.id, sessionVersion: orphan.sessionVersion })).toBeNull();
    expect(await loadActor(db(), { userId: "does-not-exist", sessionVersion: 1 })).toBeNull();
    expect(await loadActor(db(), { userId: consultant.id, sessionVersion: "2" })).toBeNull();
  });
});

describe("resolveOidcUser", () => {
  it("admits existing staff only: by subject, or once by verified e-mail which then pins the subject", async () => {
    const customer = await createCustomer(db());
    const staff = await createUser(db(), { role: "MANAGER" });
    const subject = `sub-${Date.now()}`;
    expect(
      await resolveOidcUser(db(), { sub: subject, email: staff.email.toUpperCase(), email_verified: true }),
    ).toEqual({
      ok: true,
      user: { id: staff.id, sessionVersion: staff.sessionVersion, secondFactor: false },
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: staff.id } })).oidcSubject).toBe(subject);
    // The pinned subject wins; a different subject with the same e-mail is no longer linked.
    expect(await resolveOidcUser(db(), { sub: subject, email: "changed@elsewhere.example" })).toMatchObject({
      ok: true,
    });
    expect(await resolveOidcUser(db(), { sub: `${subject}-other`, email: staff.email, email_verified: true })).toEqual({
      ok: false,
      reason: "invalid",
    });

    const unverified = await createUser(db(), { role: "CONSULTANT" });
    expect(
      await resolveOidcUser(db(), { sub: "s-unverified", email: unverified.email, email_verified: false }),
    ).toMatchObject({ ok: false });
    const viewer = await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: customer.id });
    expect(await resolveOidcUser(db(), { sub: "s-viewer", email: viewer.email, email_verified: true })).toMatchObject({
      ok: false,
    });
    const inactive = await createUser(db(), { role: "ADMIN", active: false });
    expect(
      await resolveOidcUser(db(), { sub: "s-inactive", email: inactive.email, email_verified: true }),
    ).toMatchObject({ ok: false });
    const stranger = `stranger-${Date.now()}@elsewhere.example`;
    expect(await resolveOidcUser(db(), { sub: "s-stranger", email: stranger, email_verified: true })).toMatchObject({
      ok: false,
    });
    expect(await db().user.count({ where: { email: stranger } })).toBe(0);

    const failures = await db().auditLog.findMany({
      where: { action: "auth.sign_in.failed", metadata: { path: ["method"], equals: "oidc" } },
    });
    expect(failures.map((entry) => (entry.metadata as { reason: string }).reason).sort()).toEqual(
      ["inactive", "not_staff", "unknown_user", "unknown_user", "unknown_user"].sort(),
    );
  });
});
