import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { logger } from "@/lib/logger";
import { type SmtpInbox, startSmtpInbox } from "@/lib/mail/testing/smtp-inbox";
import { createCustomer, createUser, enrolMfa } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";

// Two-step sign-in (issue 16 item 5, ADR 015) against real PostgreSQL and a real SMTP server: only the
// session lookup is stubbed, to run the actions as a given user.

const { signInWithPassword } = await import("./sign-in");
const { loadActor, loadSessionActor } = await import("./load-actor");
const { confirmMfaEnrolment, verifySecondFactor } = await import("./mfa");
const { totpCode, totpStep } = await import("./totp");
const { THROTTLE_RULES } = await import("./login-throttle");
const { startMfaEnrolmentAction, confirmMfaEnrolmentAction } = await import("@/lib/actions/mfa");
const { resetUserMfaAction } = await import("@/lib/actions/users");
const { listUsers } = await import("@/lib/queries/users");
const { resetMailer } = await import("@/lib/mail/mailer");
const { openTotpSecret, sealTotpSecret, deriveTotpSecretKey } = await import("./totp-secret-encryption");
const { sealStoredTotpSecrets } = await import("./mfa");

const PASSWORD = "correct horse battery staple";
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;
let inbox: SmtpInbox;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  resetEnvCache();
  resetMailer();
});

beforeEach(() => {
  testSession.actor = null;
  testSession.pending = false;
});

afterAll(async () => {
  await inbox.close();
});

async function enrolledConsultant() {
  const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
  const { secret, recoveryCodes } = await enrolMfa(db(), user.id, { recoveryCodes: true });
  return { user, secret, recoveryCodes };
}

async function actorOf(userId: string): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  return (await loadActor(db(), { userId, sessionVersion: user.sessionVersion }))!;
}

describe("sign-in with a second factor", () => {
  it("without one: the password alone signs in", async () => {
    const user = await createUser(db(), {
      role: "CUSTOMER_VIEWER",
      customerId: (await createCustomer(db())).id,
      password: PASSWORD,
    });
    const result = await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: freshIp() });
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, sessionVersion: user.sessionVersion, secondFactor: false },
    });
  });

  it("with one: the right password alone grants nothing and asks for the code; the code then signs in", async () => {
    const { user, secret } = await enrolledConsultant();
    const ip = freshIp();
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip })).toEqual({
      ok: false,
      reason: "mfa_required",
    });
    const audit = await db().auditLog.findMany({ where: { actorId: user.id }, select: { action: true } });
    expect(audit.map((entry) => entry.action)).toEqual(["auth.sign_in.second_factor_required"]);

    const result = await signInWithPassword(
      db(),
      { email: user.email, password: PASSWORD, code: totpCode(secret) },
      { ip },
    );
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, sessionVersion: user.sessionVersion, secondFactor: true },
    });
    const succeeded = await db().auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: "auth.sign_in.succeeded" },
    });
    expect(succeeded.metadata).toMatchObject({ method: "password", secondFactor: "totp" });
    expect(JSON.stringify(await db().auditLog.findMany({ where: { actorId: user.id } }))).not.toContain(secret);
  });

  it("a wrong password with a right code is refused like any wrong password (the code is not even looked at)", async () => {
    const { user, secret } = await enrolledConsultant();
    const result = await signInWithPassword(
      db(),
      { email: user.email, password: "wrong password entirely", code: totpCode(secret) },
      { ip: freshIp() },
    );
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect((await db().mfaCredential.findUniqueOrThrow({ where: { userId: user.id } })).lastUsedStep).toBeNull();
  });

  it("refuses a code used once already (replay within its step) and a code from another secret", async () => {
    const { user, secret } = await enrolledConsultant();
    const code = totpCode(secret);
    expect(
      (await signInWithPassword(db(), { email: user.email, password: PASSWORD, code }, { ip: freshIp() })).ok,
    ).toBe(true);
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD, code }, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const failed = await db().auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "auth.sign_in.failed" } });
    expect(failed.metadata).toMatchObject({ reason: "wrong_second_factor" });
    // Two sign-ins racing with one code: at most one is accepted.
    const other = await enrolledConsultant();
    const racing = totpCode(other.secret);
    const results = await Promise.all([1, 2, 3].map(() => verifySecondFactor(db(), other.user.id, racing)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("a recovery code signs in once and only once", async () => {
    const { user, recoveryCodes } = await enrolledConsultant();
    const [first, second] = recoveryCodes;
    const ip = freshIp();
    const signIn = (code: string) => signInWithPassword(db(), { email: user.email, password: PASSWORD, code }, { ip });
    expect((await signIn(first!.toUpperCase())).ok).toBe(true);
    expect(await signIn(first!)).toEqual({ ok: false, reason: "invalid" });
    expect((await signIn(second!.replace("-", ""))).ok).toBe(true);
    expect(await db().mfaRecoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(8);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: "auth.sign_in.succeeded" },
    });
    expect(audit.metadata).toMatchObject({ secondFactor: "recovery_code" });
  });

  it("throttles the code step like the password: wrong codes pause the (e-mail, IP) pair, the owner gets a mail, then even a right code is refused", async () => {
    const { user, secret } = await enrolledConsultant();
    const ip = freshIp();
    const now = Date.now();
    const wrong = totpCode(secret, now + 10 * 60_000);
    for (let attempt = 0; attempt < THROTTLE_RULES.emailIp.maxFailures; attempt += 1) {
      expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD, code: wrong }, { ip })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    // Paused: the right password and code get "locked" (the form shows the same message as for "invalid"),
    // and the right password alone does not reveal that a code is needed.
    expect(
      await signInWithPassword(db(), { email: user.email, password: PASSWORD, code: totpCode(secret) }, { ip }),
    ).toEqual({ ok: false, reason: "locked" });
    expect(await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip })).toEqual({
      ok: false,
      reason: "locked",
    });
    const mail = await inbox.waitFor(user.email);
    expect(mail.decoded).toContain("Rampart: failed sign-ins to your account");
    expect(mail.decoded).toContain(ip);
    // The owner elsewhere is not affected.
    expect(
      (
        await signInWithPassword(
          db(),
          { email: user.email, password: PASSWORD, code: totpCode(secret) },
          { ip: freshIp() },
        )
      ).ok,
    ).toBe(true);
  });
});

describe("the lockout mail (issue 16 item 4)", () => {
  it("is delivered to the owner when wrong passwords pause an address, without the password tried", async () => {
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    const ip = freshIp();
    const tried = "guessed-password-that-must-not-be-mailed";
    for (let attempt = 0; attempt < THROTTLE_RULES.emailIp.maxFailures; attempt += 1) {
      await signInWithPassword(db(), { email: user.email, password: tried }, { ip });
    }
    const mail = await inbox.waitFor(user.email);
    expect(mail.to).toEqual([user.email]);
    expect(mail.decoded).toContain("Rampart: failed sign-ins to your account");
    expect(mail.decoded).toContain(`from the address ${ip}`);
    expect(mail.decoded).not.toContain(tried);
    // One mail per pause, not one per failure.
    expect(inbox.messages.filter((message) => message.to.includes(user.email))).toHaveLength(1);
  });
});

describe("setting it up", () => {
  it("is verified before it is enabled: a wrong code leaves it off, the right one turns it on with ten recovery codes", async () => {
    const user = await createUser(db(), { role: "MANAGER", password: PASSWORD });
    testSession.actor = await actorOf(user.id);
    testSession.pending = true;
    const started = await startMfaEnrolmentAction({});
    const secret = started.data!.secret;
    expect(started.data!.qrSvg).toMatch(/^<svg/);
    expect((await db().mfaCredential.findUniqueOrThrow({ where: { userId: user.id } })).enabledAt).toBeNull();
    // Not yet on: the password alone still signs in (no code asked).
    expect((await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: freshIp() })).ok).toBe(
      true,
    );

    const wrong = await confirmMfaEnrolmentAction({ code: totpCode(secret, Date.now() + 5 * 60_000) });
    expect(wrong.validationErrors?.fieldErrors?.code?.[0]).toMatch(/did not match/);
    expect((await db().mfaCredential.findUniqueOrThrow({ where: { userId: user.id } })).enabledAt).toBeNull();
    expect((await confirmMfaEnrolmentAction({ code: "12ab56" })).validationErrors?.fieldErrors?.code?.[0]).toMatch(
      /6-digit/,
    );

    const confirmed = await confirmMfaEnrolmentAction({ code: totpCode(secret) });
    expect(confirmed.data!.recoveryCodes).toHaveLength(10);
    const credential = await db().mfaCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(credential.enabledAt).not.toBeNull();
    // The step of the code just entered (the clock may have moved on to the next one meanwhile).
    expect([totpStep(Date.now()) - 1, totpStep(Date.now())]).toContain(credential.lastUsedStep);
    const hashes = await db().mfaRecoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(hashes).toHaveLength(10);
    for (const { codeHash } of hashes) expect(codeHash).toMatch(/^\$argon2id\$/);

    const audit = await db().auditLog.findMany({
      where: { targetId: user.id },
      select: { action: true, metadata: true },
    });
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["user.mfa_enrolment_started", "user.mfa_enabled"]),
    );
    expect(JSON.stringify(audit)).not.toContain(secret);
    // A second set-up while on is refused; the secret does not change.
    expect((await startMfaEnrolmentAction({})).serverError).toMatch(/already on/);
    const stored = (await db().mfaCredential.findUniqueOrThrow({ where: { userId: user.id } })).secret;
    expect(openTotpSecret(stored, user.id).secret).toBe(secret);
  });

  it("confirming without a started set-up or twice is refused", async () => {
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    await expect(confirmMfaEnrolment(db() as never, user.id, "123456")).rejects.toThrow(/Start the set-up first/);
  });

  it("staff without a second factor must set it up first when the installation requires it; customer users and SSO sessions need not", async () => {
    const customer = await createCustomer(db());
    const staff = await createUser(db(), { role: "ADMIN", password: PASSWORD });
    const viewer = await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: customer.id, password: PASSWORD });
    const claims = (user: { id: string; sessionVersion: number }, amr = "pwd") => ({
      userId: user.id,
      sessionVersion: user.sessionVersion,
      sessionId: `s-${user.id}`,
      amr,
    });
    const required = { mfaRequiredForStaff: true };
    expect((await loadSessionActor(db(), claims(staff), required))?.mfaEnrolmentPending).toBe(true);
    expect(await loadActor(db(), claims(staff), required)).toBeNull();
    expect((await loadSessionActor(db(), claims(staff), { mfaRequiredForStaff: false }))?.mfaEnrolmentPending).toBe(
      false,
    );
    expect((await loadSessionActor(db(), claims(staff, "oidc"), required))?.mfaEnrolmentPending).toBe(false);
    expect((await loadSessionActor(db(), claims(viewer), required))?.mfaEnrolmentPending).toBe(false);
    await enrolMfa(db(), staff.id);
    expect((await loadActor(db(), claims(staff), required))?.userId).toBe(staff.id);
  });
});

describe("an administrator's reset", () => {
  it("removes the second factor and recovery codes, ends the user's sessions, and is audit-logged", async () => {
    const admin = await createUser(db(), { role: "ADMIN", password: PASSWORD });
    const { user, secret } = await enrolledConsultant();
    testSession.actor = await actorOf(admin.id);
    const listed = (await listUsers(testSession.actor)).rows.find((row) => row.id === user.id);
    expect(listed?.mfaEnabled).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const result = await resetUserMfaAction({ userId: user.id });
    expect(result.data).toEqual({ userId: user.id, wasOn: true });
    expect(await db().mfaCredential.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().mfaRecoveryCode.count({ where: { userId: user.id } })).toBe(0);
    // The session from before the reset no longer loads.
    expect(await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion })).toBeNull();
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "user.mfa_reset", targetId: user.id } });
    expect(entry).toMatchObject({ actorId: admin.id });
    expect(entry.metadata).toMatchObject({ email: user.email, wasOn: true });
    // The password alone signs in now (to set up a new one).
    expect((await signInWithPassword(db(), { email: user.email, password: PASSWORD }, { ip: freshIp() })).ok).toBe(
      true,
    );
  });

  it("is for administrators only, and not on one's own account", async () => {
    const admin = await createUser(db(), { role: "ADMIN", password: PASSWORD });
    const consultant = await createUser(db(), { role: "CONSULTANT", allCustomers: true, password: PASSWORD });
    const { user } = await enrolledConsultant();
    testSession.actor = await actorOf(consultant.id);
    expect((await resetUserMfaAction({ userId: user.id })).serverError).toBe("You do not have permission to do that.");
    testSession.actor = await actorOf(admin.id);
    expect((await resetUserMfaAction({ userId: admin.id })).serverError).toMatch(/cannot reset your own/);
    expect((await resetUserMfaAction({ userId: "not-a-user" })).serverError).toBe("Not found");
    expect(await db().mfaCredential.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("the secret at rest", () => {
  /** The column as PostgreSQL holds it (raw SQL, past any Prisma mapping). */
  async function storedSecret(userId: string): Promise<string> {
    const rows = await db().$queryRaw<
      { secret: string }[]
    >`SELECT secret FROM "MfaCredential" WHERE "userId" = ${userId}`;
    return rows[0]!.secret;
  }

  it("holds no plain secret after a set-up through the actions, and the code still signs in", async () => {
    const user = await createUser(db(), { role: "CONSULTANT", password: PASSWORD });
    testSession.actor = await actorOf(user.id);
    testSession.pending = true;
    const secret = (await startMfaEnrolmentAction({})).data!.secret;
    const pending = await storedSecret(user.id);
    expect(pending).toMatch(/^v1\./);
    expect(pending).not.toContain(secret);
    expect(pending).not.toContain(Buffer.from(secret).toString("base64"));
    expect((await confirmMfaEnrolmentAction({ code: totpCode(secret) })).data?.recoveryCodes).toHaveLength(10);
    expect(await storedSecret(user.id)).toBe(pending);

    const raw = await db().$queryRaw<
      { hits: bigint }[]
    >`SELECT count(*) AS hits FROM "MfaCredential" WHERE secret LIKE ${`%${secret}%`}`;
    expect(Number(raw[0]!.hits)).toBe(0);
    const credential = await db().mfaCredential.findUniqueOrThrow({ where: { userId: user.id } });
    await db().mfaCredential.update({
      where: { userId: user.id },
      data: { lastUsedStep: (credential.lastUsedStep ?? 0) - 2 },
    });
    expect((await verifySecondFactor(db(), user.id, totpCode(secret, Date.now() + 30_000))).ok).toBe(true);
  });

  it("a factory-enrolled user's secret is sealed too", async () => {
    const { user, secret } = await enrolledConsultant();
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(secret);
  });

  it("a plain secret from before encryption still signs in, and is sealed by that sign-in", async () => {
    const { user, secret } = await enrolledConsultant();
    await db().mfaCredential.update({ where: { userId: user.id }, data: { secret } });
    expect((await verifySecondFactor(db(), user.id, totpCode(secret))).ok).toBe(true);
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^v1\./);
    expect(openTotpSecret(stored, user.id)).toEqual({ secret, needsReseal: false });
  });

  it("the worker's start seals every plain secret and every one under the previous key, and leaves sealed ones", async () => {
    const plain = await enrolledConsultant();
    const rotated = await enrolledConsultant();
    const current = await enrolledConsultant();
    await db().mfaCredential.update({ where: { userId: plain.user.id }, data: { secret: plain.secret } });
    const previousSecret = "previous-nextauth-secret-0123456789abcdef0123456789";
    await db().mfaCredential.update({
      where: { userId: rotated.user.id },
      data: { secret: sealTotpSecret(rotated.secret, rotated.user.id, deriveTotpSecretKey(previousSecret)) },
    });
    const untouched = await storedSecret(current.user.id);
    process.env.RAMPART_PREVIOUS_NEXTAUTH_SECRET = previousSecret;
    resetEnvCache();
    try {
      expect(await sealStoredTotpSecrets(db())).toBeGreaterThanOrEqual(2);
    } finally {
      delete process.env.RAMPART_PREVIOUS_NEXTAUTH_SECRET;
      resetEnvCache();
    }
    for (const { user, secret } of [plain, rotated]) {
      expect(openTotpSecret(await storedSecret(user.id), user.id)).toEqual({ secret, needsReseal: false });
    }
    expect(await storedSecret(current.user.id)).toBe(untouched);
    const plainLeft = await db().$queryRaw<
      { hits: bigint }[]
    >`SELECT count(*) AS hits FROM "MfaCredential" WHERE secret !~ '^v1[.]'`;
    expect(Number(plainLeft[0]!.hits)).toBe(0);
  });

  it("an altered secret refuses codes without a 500 (a recovery code still works) and is never logged", async () => {
    const { user, secret, recoveryCodes } = await enrolledConsultant();
    const stored = await storedSecret(user.id);
    const altered = `${stored.slice(0, -3)}${stored.endsWith("AAA") ? "BBB" : "AAA"}`;
    await db().mfaCredential.update({ where: { userId: user.id }, data: { secret: altered } });
    const logged = vi.spyOn(logger, "error");
    expect(await verifySecondFactor(db(), user.id, totpCode(secret))).toEqual({ ok: false });
    expect(logged).toHaveBeenCalledWith(
      { userId: user.id, reason: expect.stringMatching(/altered/) },
      expect.any(String),
    );
    const text = JSON.stringify(logged.mock.calls);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(altered);
    logged.mockRestore();
    expect(await verifySecondFactor(db(), user.id, recoveryCodes[0]!)).toEqual({ ok: true, method: "recovery_code" });
  });
});
