import { recordAudit } from "@/lib/audit/record-audit";
import type { RequestContext } from "@/lib/audit/request-context";
import { isStaffRole } from "@/lib/authz/policy";
import type { PrismaClient } from "@/lib/db/client";
import { notifyOwnerOfLockout as notifyOwner } from "./lockout-mail";
import {
  clearSignInFailures,
  isSignInLocked,
  recordSignInFailure,
  THROTTLE_RULES,
  throttleKeys,
} from "./login-throttle";
import { isMfaEnabled, verifySecondFactor } from "./mfa";
import { dummyPasswordHash, PASSWORD_MAX_LENGTH, verifyPassword } from "./password";

export type SignInResult =
  | { ok: true; user: { id: string; sessionVersion: number; secondFactor: boolean } }
  | { ok: false; reason: "invalid" | "locked" | "mfa_required" };

/** Failure reasons kept in the audit log only; the browser gets one generic message for all of them. */
type FailureReason =
  | "unknown_email"
  | "no_password"
  | "wrong_password"
  | "inactive"
  | "no_customer"
  | "bad_input"
  | "wrong_second_factor";

const MAX_CODE_LENGTH = 64;

const MAX_EMAIL_LENGTH = 320;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an e-mail and password. Every path that reaches the database does one argon2 verification
 * (against a dummy hash when there is no user), so an unknown e-mail looks and takes like a wrong
 * password. Every attempt is audited; failures count towards the e-mail's and the IP's lockout.
 *
 * With a second factor on (ADR 015), the right password without a code answers "mfa_required" and grants
 * nothing; the form asks for the code and sends all three again. A wrong code counts as a failure of the
 * same (e-mail, IP) and IP keys, so the code step is throttled exactly like the password, and a paused key
 * answers "locked" before either is looked at.
 */
export async function signInWithPassword(
  client: PrismaClient,
  input: { email: unknown; password: unknown; code?: unknown },
  context: RequestContext = {},
): Promise<SignInResult> {
  const email = typeof input.email === "string" ? normalizeEmail(input.email).slice(0, MAX_EMAIL_LENGTH) : "";
  const password = typeof input.password === "string" ? input.password : "";
  const code = typeof input.code === "string" ? input.code.trim().slice(0, MAX_CODE_LENGTH) : "";
  const keys = throttleKeys(email, context.ip);
  const keyList = [keys.emailIp, ...(keys.ip ? [keys.ip] : [])];

  if (await isSignInLocked(client, keyList)) {
    // The same argon2 work as any other attempt, so a paused key does not show in the response time.
    await verifyPassword(await dummyPasswordHash(), password.slice(0, PASSWORD_MAX_LENGTH));
    await recordAudit(client, {
      actorEmail: email || null,
      action: "auth.sign_in.locked",
      metadata: { method: "password" },
      ...context,
    });
    return { ok: false, reason: "locked" };
  }

  const user = email
    ? await client.user.findUnique({
        where: { email },
        select: {
          id: true,
          email: true,
          passwordHash: true,
          active: true,
          role: true,
          customerId: true,
          sessionVersion: true,
        },
      })
    : null;

  const passwordMatches = await verifyPassword(
    user?.passwordHash ?? (await dummyPasswordHash()),
    password.length <= PASSWORD_MAX_LENGTH ? password : "",
  );

  let failure: FailureReason | null = null;
  if (!email || !password || password.length > PASSWORD_MAX_LENGTH) failure = "bad_input";
  else if (!user) failure = "unknown_email";
  else if (!user.passwordHash) failure = "no_password";
  else if (!passwordMatches) failure = "wrong_password";
  else if (!user.active) failure = "inactive";
  else if (user.role.startsWith("CUSTOMER_") && !user.customerId) failure = "no_customer";

  let secondFactor: "totp" | "recovery_code" | null = null;
  if (!failure && user && (await isMfaEnabled(client, user.id))) {
    if (!code) {
      await recordAudit(client, {
        actor: { userId: user.id, email: user.email },
        action: "auth.sign_in.second_factor_required",
        targetType: "User",
        targetId: user.id,
        customerId: user.customerId,
        metadata: { method: "password" },
        ...context,
      });
      return { ok: false, reason: "mfa_required" };
    }
    const checked = await verifySecondFactor(client, user.id, code);
    if (checked.ok) secondFactor = checked.method;
    else failure = "wrong_second_factor";
  }

  if (failure || !user) {
    const [pair] = await Promise.all([
      recordSignInFailure(client, keys.emailIp, THROTTLE_RULES.emailIp),
      keys.ip ? recordSignInFailure(client, keys.ip, THROTTLE_RULES.ip) : undefined,
    ]);
    // The owner hears of the first pause of each attacking address (not of every failure).
    if (user?.active && pair.lockedUntil && pair.failures === THROTTLE_RULES.emailIp.maxFailures) {
      await notifyOwner({ email: user.email, ip: context.ip, until: pair.lockedUntil });
    }
    await recordAudit(client, {
      actor: user ? { userId: user.id, email: user.email } : null,
      actorEmail: email || null,
      action: "auth.sign_in.failed",
      targetType: user ? "User" : undefined,
      targetId: user?.id,
      customerId: user?.customerId,
      metadata: { method: "password", reason: failure ?? "unknown_email" },
      ...context,
    });
    return { ok: false, reason: "invalid" };
  }

  await clearSignInFailures(client, keys.emailIp);
  await client.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } });
  await recordAudit(client, {
    actor: { userId: user.id, email: user.email },
    action: "auth.sign_in.succeeded",
    targetType: "User",
    targetId: user.id,
    customerId: user.customerId,
    metadata: { method: "password", ...(secondFactor ? { secondFactor } : {}) },
    ...context,
  });
  return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion, secondFactor: secondFactor !== null } };
}

/**
 * OIDC is for the consultancy's staff only, and only for users an admin already created: matched by
 * the provider's subject, or once by verified e-mail (which then pins the subject). No self-registration.
 */
export async function resolveOidcUser(
  client: PrismaClient,
  profile: { sub?: unknown; email?: unknown; email_verified?: unknown },
  context: RequestContext = {},
): Promise<SignInResult> {
  const subject = typeof profile.sub === "string" ? profile.sub : "";
  const email = typeof profile.email === "string" ? normalizeEmail(profile.email) : "";
  const select = {
    id: true,
    email: true,
    active: true,
    role: true,
    customerId: true,
    sessionVersion: true,
    oidcSubject: true,
  };
  let user = subject ? await client.user.findUnique({ where: { oidcSubject: subject }, select }) : null;
  if (!user && email && profile.email_verified !== false) {
    const byEmail = await client.user.findUnique({ where: { email }, select });
    if (byEmail && !byEmail.oidcSubject) user = byEmail;
  }
  const staff = user && isStaffRole(user.role);
  if (!user?.active || !staff || !subject) {
    await recordAudit(client, {
      actor: user ? { userId: user.id, email: user.email } : null,
      actorEmail: email || null,
      action: "auth.sign_in.failed",
      targetType: user ? "User" : undefined,
      targetId: user?.id,
      metadata: { method: "oidc", reason: !user ? "unknown_user" : !user.active ? "inactive" : "not_staff" },
      ...context,
    });
    return { ok: false, reason: "invalid" };
  }
  await client.user.update({
    where: { id: user.id },
    data: { lastSignInAt: new Date(), ...(user.oidcSubject ? {} : { oidcSubject: subject }) },
    select: { id: true },
  });
  await recordAudit(client, {
    actor: { userId: user.id, email: user.email },
    action: "auth.sign_in.succeeded",
    targetType: "User",
    targetId: user.id,
    metadata: { method: "oidc" },
    ...context,
  });
  return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion, secondFactor: false } };
}
