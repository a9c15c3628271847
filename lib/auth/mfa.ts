import type { PrismaClient, Transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import {
  generateRecoveryCodes,
  generateTotpSecret,
  matchTotpStep,
  normalizeRecoveryCode,
  normalizeTotpCode,
  totpUri,
} from "./totp";

// The second factor (issue 16, ADR 015). SECURITY: the only module that reads MfaCredential.secret.
// It leaves this module only once, to its own user, while they enrol (startMfaEnrolment).

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
  await client.mfaCredential.upsert({
    where: { userId: user.userId },
    create: { userId: user.userId, secret },
    update: { secret, enabledAt: null, lastUsedStep: null },
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
  const step = matchTotpStep(credential.secret, code, now.getTime());
  if (step === null) return null;
  await tx.mfaCredential.update({ where: { userId }, data: { enabledAt: now, lastUsedStep: step } });
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
    const step = matchTotpStep(credential.secret, input, now.getTime());
    if (step === null) return { ok: false };
    const { count } = await client.mfaCredential.updateMany({
      where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
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
