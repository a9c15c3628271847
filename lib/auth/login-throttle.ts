import type { PrismaClient } from "@/lib/db/client";

// Failed sign-ins are counted per (e-mail, IP) pair and per IP in LoginThrottle (issue 16): an
// attacker elsewhere pauses only their own address, never the owner's sign-in. A key that reaches its
// limit inside the window is paused; the pause doubles each time the key fails again straight after
// one (capped), so a slow brute force gains nothing from waiting it out. Unknown e-mails are counted
// exactly like known ones, so a pause says nothing about whether an account exists.

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  maxLockMs: number;
}

const MINUTE = 60_000;

// OWASP Authentication Cheat Sheet, "Account lockout": a few attempts per account, more per IP (an
// office behind one NAT address shares it).
export const THROTTLE_RULES = {
  emailIp: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 5 * MINUTE, maxLockMs: 60 * MINUTE },
  ip: { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 5 * MINUTE, maxLockMs: 60 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

export interface ThrottleState {
  failures: number;
  windowStartsAt: Date;
  lockedUntil: Date | null;
}

export function throttleKeys(email: string, ip: string | undefined): { emailIp: string; ip?: string } {
  return { emailIp: `${emailKeyPrefix(email)}${ip ?? "unknown"}`, ip: ip ? `ip:${ip}` : undefined };
}

/** Every (e-mail, IP) key of one e-mail starts with this: an administrator's unlock deletes them all. */
export function emailKeyPrefix(email: string): string {
  return `email-ip:${email.trim().toLowerCase()}|`;
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil > now);
}

/** The state after one more failure at `now`. */
export function nextStateAfterFailure(state: ThrottleState | null, now: Date, rule: ThrottleRule): ThrottleState {
  // After a lock ends the key stays "hot" for one more window: a single failure then locks it again, longer.
  const horizonMs = state?.lockedUntil
    ? state.lockedUntil.getTime() - state.windowStartsAt.getTime() + rule.windowMs
    : rule.windowMs;
  const base: ThrottleState =
    !state || now.getTime() - state.windowStartsAt.getTime() >= horizonMs
      ? { failures: 0, windowStartsAt: now, lockedUntil: null }
      : state;
  const failures = base.failures + 1;
  if (failures < rule.maxFailures) return { failures, windowStartsAt: base.windowStartsAt, lockedUntil: null };
  // Each failure at or past the limit locks again; the lock doubles with every failure beyond it.
  const over = failures - rule.maxFailures;
  const lockMs = Math.min(rule.lockMs * 2 ** Math.min(over, 16), rule.maxLockMs);
  return { failures, windowStartsAt: now, lockedUntil: new Date(now.getTime() + lockMs) };
}

type ThrottleClient = Pick<PrismaClient, "loginThrottle" | "$transaction">;

/** True when either key is locked now. */
export async function isSignInLocked(client: ThrottleClient, keys: string[], now = new Date()): Promise<boolean> {
  const rows = await client.loginThrottle.findMany({
    where: { key: { in: keys } },
    select: { failures: true, windowStartsAt: true, lockedUntil: true },
  });
  return rows.some((row) => isLocked(row, now));
}

export async function recordSignInFailure(
  client: PrismaClient,
  key: string,
  rule: ThrottleRule,
  now = new Date(),
): Promise<ThrottleState> {
  return client.$transaction(async (tx) => {
    await tx.loginThrottle.upsert({ where: { key }, create: { key, failures: 0, windowStartsAt: now }, update: {} });
    // Row lock so that concurrent failures for one key are counted one after the other.
    const [row] = await tx.$queryRaw<ThrottleState[]>`
      SELECT "failures", "windowStartsAt", "lockedUntil" FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`;
    const fresh = row.failures === 0 && !row.lockedUntil;
    const next = nextStateAfterFailure(fresh ? null : row, now, rule);
    await tx.loginThrottle.update({ where: { key }, data: next });
    return next;
  });
}

export async function clearSignInFailures(client: Pick<PrismaClient, "loginThrottle">, key: string): Promise<void> {
  await client.loginThrottle.deleteMany({ where: { key } });
}

/** An administrator's unlock: every paused (e-mail, IP) pair of this e-mail. Returns how many were cleared. */
export async function clearSignInLocksFor(client: Pick<PrismaClient, "loginThrottle">, email: string): Promise<number> {
  const { count } = await client.loginThrottle.deleteMany({ where: { key: { startsWith: emailKeyPrefix(email) } } });
  return count;
}
