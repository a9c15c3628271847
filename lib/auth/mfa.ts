import type { PrismaClient, Transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { hashPassword, verifyPassword } from "./password";
import {
  generateRecoveryCodes,
  generateTotpSecret,
  matchTotpStep,
  normalizeRecoveryCode,
  normalizeTotpCode,
  totpUri,
} from "./totp";
import {
  type OpenedTotpSecret,
  openTotpSecret,
  sealTotpSecret,
  TotpSecretUnreadableError,
} from "./totp-secret-encryption";

// The second factor (issue 16, ADR 015). SECURITY: the only module that reads MfaCredential.secret.
// It leaves this module only once, to its own user, while they enrol (startMfaEnrolment). At rest it is
// sealed with AES-256-GCM (totp-secret-encryption.ts); a secret stored before that, or under the previous
// NEXTAUTH_SECRET, is sealed again under the current key when it is next read (and by
// sealStoredTotpSecrets, which the worker runs at start).

type MfaClient = Pick<PrismaClient, "mfaCredential" | "mfaRecoveryCode"> | Transaction;

const STAFF_ROLES = ["ADMIN", "CONSULTANT", "MANAGER"] as const;

export function isStaffRole(role: string): boolean {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export async function isMfaEnabled(client: MfaClient, userId: string): Promise<boolean> {
  const credential = await client.mfaCredential.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(credential?.enabledAt);
}

export interface MfaStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function getMfaStatus(client: MfaClient, userId: string): Promise<MfaStatus> {
  const [credential, recoveryCodesLeft] = await Promise.all([
    client.mfaCredential.findUnique({ where: { userId }, select: { enabledAt: true } }),
    client.mfaRecoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enabled: Boolean(credential?.enabledAt), enabledAt: credential?.enabledAt ?? null, recoveryCodesLeft };
}

/**
 * A fresh secret for a user who has no second factor yet (a pending one is replaced: only the latest QR
 * code counts). Returns the secret and its otpauth URI, for the user's own eyes only.
 */
export async function startMfaEnrolment(
  client: MfaClient,
  user: { userId: string; email: string },
): Promise<{ secret: string; uri: string }> {
  if (await isMfaEnabled(client, user.userId)) {
    throw new AppError("CONFLICT", "Two-step sign-in is already on. An administrator can reset it.");
  }
  const secret = generateTotpSecret();
  const sealed = sealTotpSecret(secret, user.userId);
  await client.mfaCredential.upsert({
    where: { userId: user.userId },
    create: { userId: user.userId, secret: sealed },
    update: { secret: sealed, enabledAt: null, lastUsedStep: null },
  });
  return { secret, uri: totpUri(secret, user.email) };
}

/**
 * Verify-before-enable: the first code from the app turns the factor on and returns new recovery codes
 * (shown once; only their hashes are kept). A wrong code changes nothing and returns null.
 */
export async function confirmMfaEnrolment(
  tx: Transaction,
  userId: string,
  code: string,
  now = new Date(),
): Promise<{ recoveryCodes: string[] } | null> {
  const credential = await tx.mfaCredential.findUnique({
    where: { userId },
    select: { secret: true, enabledAt: true },
  });
  if (!credential) throw new AppError("BAD_INPUT", "Start the set-up first: scan the QR code, then enter its code.");
  if (credential.enabledAt) throw new AppError("CONFLICT", "Two-step sign-in is already on.");
  const opened = openStoredSecret(credential.secret, userId);
  if (!opened) throw new AppError("BAD_INPUT", "Start the set-up again: scan the new QR code, then enter its code.");
  const step = matchTotpStep(opened.secret, code, now.getTime());
  if (step === null) return null;
  await tx.mfaCredential.update({
    where: { userId },
    data: { enabledAt: now, lastUsedStep: step, ...resealed(opened, userId) },
  });
  return { recoveryCodes: await replaceRecoveryCodes(tx, userId) };
}

async function replaceRecoveryCodes(tx: Transaction, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  const hashes = await Promise.all(codes.map((code) => hashPassword(code)));
  await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
  await tx.mfaRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash })) });
  return codes;
}

type SecondFactorResult = { ok: true; method: "totp" | "recovery_code" } | { ok: false };

/**
 * Checks a sign-in's second factor: a TOTP code of a step later than the last accepted one (a replayed
 * code is refused), or an unused recovery code, which is then used up. The compare-and-set updates make
 * two concurrent sign-ins with one code accept it at most once.
 */
export async function verifySecondFactor(
  client: MfaClient,
  userId: string,
  input: string,
  now = new Date(),
): Promise<SecondFactorResult> {
  const credential = await client.mfaCredential.findUnique({
    where: { userId },
    select: { secret: true, enabledAt: true },
  });
  if (!credential?.enabledAt) return { ok: false };

  if (normalizeTotpCode(input)) {
    // An unreadable secret refuses codes (the user can still sign in with a recovery code).
    const opened = openStoredSecret(credential.secret, userId);
    if (!opened) return { ok: false };
    const step = matchTotpStep(opened.secret, input, now.getTime());
    if (step === null) return { ok: false };
    const { count } = await client.mfaCredential.updateMany({
      where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step, ...resealed(opened, userId) },
    });
    return count === 1 ? { ok: true, method: "totp" } : { ok: false };
  }

  const recovery = normalizeRecoveryCode(input);
  if (!recovery) return { ok: false };
  const unused = await client.mfaRecoveryCode.findMany({
    where: { userId, usedAt: null },
    select: { id: true, codeHash: true },
  });
  for (const candidate of unused) {
    if (!(await verifyPassword(candidate.codeHash, recovery))) continue;
    const { count } = await client.mfaRecoveryCode.updateMany({
      where: { id: candidate.id, usedAt: null },
      data: { usedAt: now },
    });
    return count === 1 ? { ok: true, method: "recovery_code" } : { ok: false };
  }
  return { ok: false };
}

/** Removes a user's second factor and recovery codes (an administrator's reset). Returns whether one was on. */
export async function removeMfa(tx: Transaction, userId: string): Promise<boolean> {
  const { count } = await tx.mfaCredential.deleteMany({ where: { userId, enabledAt: { not: null } } });
  await tx.mfaCredential.deleteMany({ where: { userId } });
  await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
  return count > 0;
}

/** The stored secret opened, or null (logged by user id only) when it is altered or under an unknown key. */
function openStoredSecret(stored: string, userId: string): OpenedTotpSecret | null {
  try {
    return openTotpSecret(stored, userId);
  } catch (error) {
    if (!(error instanceof TotpSecretUnreadableError)) throw error;
    logger.error({ userId, reason: error.message }, "two-step sign-in secret unreadable");
    return null;
  }
}

function resealed(opened: OpenedTotpSecret, userId: string): { secret?: string } {
  return opened.needsReseal ? { secret: sealTotpSecret(opened.secret, userId) } : {};
}

/**
 * Seals every secret still stored in plain text (from before encryption) or under the previous key.
 * Compare-and-set per row, so a set-up or sign-in running at the same time is not overwritten.
 * Returns how many rows it sealed; unreadable rows are left as they are (logged by user id).
 */
export async function sealStoredTotpSecrets(client: Pick<PrismaClient, "mfaCredential">): Promise<number> {
  const rows = await client.mfaCredential.findMany({ select: { userId: true, secret: true } });
  let sealed = 0;
  for (const row of rows) {
    const opened = openStoredSecret(row.secret, row.userId);
    if (!opened?.needsReseal) continue;
    const { count } = await client.mfaCredential.updateMany({
      where: { userId: row.userId, secret: row.secret },
      data: { secret: sealTotpSecret(opened.secret, row.userId) },
    });
    sealed += count;
  }
  return sealed;
}
