import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";

// TOTP as RFC 6238 defines it and every authenticator app implements it: HMAC-SHA1, 6 digits, 30 s steps
// (RFC 6238 §4, §5.2). Pure functions; lib/auth/mfa.ts keeps the secrets and the replay guard.

export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** Steps either side of now that are accepted: one step of clock drift (RFC 6238 §5.2 recommends at most one). */
const TOTP_WINDOW = 1;
const TOTP_ISSUER = "Rampart";

const RECOVERY_CODE_COUNT = 10;
// Base32 without 0/1/8/9 look-alikes (Crockford-like): 10 characters = 50 bits, shown as xxxxx-xxxxx.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz234567";
const RECOVERY_LENGTH = 10;

/** A new random secret, base32 (160 bits, RFC 4226 §4 recommends at least 128). */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label = "") {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return totpFor(secret, accountName).toString();
}

/** The time step of a moment (seconds since the epoch / 30). */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a step (for tests, the demo and the e2e fixtures, which act as the user's authenticator). */
export function totpCode(secret: string, nowMs = Date.now()): string {
  return totpFor(secret).generate({ timestamp: nowMs });
}

/** Six digits, spaces ignored (apps show "123 456"); anything else is not a TOTP code. */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/\s+/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step the code belongs to, within ±TOTP_WINDOW steps of now, or null. The caller refuses a
 * step at or before the last one it accepted (RFC 6238 §5.2: a code is valid once).
 */
export function matchTotpStep(secret: string, code: string, nowMs = Date.now()): number | null {
  const normalized = normalizeTotpCode(code);
  if (!normalized) return null;
  const delta = totpFor(secret).validate({ token: normalized, timestamp: nowMs, window: TOTP_WINDOW });
  return delta === null ? null : totpStep(nowMs) + delta;
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
  });
}

/** The canonical form of a recovery code as typed (case, spaces and the dash ignored), or null. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]+/g, "");
  if (compact.length !== RECOVERY_LENGTH || [...compact].some((char) => !RECOVERY_ALPHABET.includes(char))) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}
