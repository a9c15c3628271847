import { readFileSync } from "node:fs";
import path from "node:path";
import { hash, verify } from "@node-rs/argon2";

export const PASSWORD_MIN_LENGTH = 12;
// Argon2 cost grows with input length; a cap stops a megabyte "password" from being a DoS lever.
export const PASSWORD_MAX_LENGTH = 256;

// OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1. The library defaults to argon2id.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(plain: string): Promise<string> {
  return hash(plain, ARGON2_OPTIONS);
}

/** False for a wrong password and for a malformed hash; never throws on bad input. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  if (plain.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A real argon2 hash of a random string, computed once per process. Sign-in verifies against it when
 * the e-mail is unknown (or has no password), so the response takes as long as for a known user.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${crypto.randomUUID()}`);
  return dummyHash;
}

let commonPasswords: Set<string> | undefined;

/** The shipped list (lib/auth/common-passwords.txt), lower-cased. */
export function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    const text = readFileSync(path.join(process.cwd(), "lib", "auth", "common-passwords.txt"), "utf8");
    commonPasswords = new Set(
      text
        .split("\n")
        .filter((line) => line.length > 0 && !line.startsWith("# "))
        .map((line) => line.toLowerCase()),
    );
  }
  return commonPasswords;
}

export function isCommonPassword(plain: string): boolean {
  return loadCommonPasswords().has(plain.toLowerCase());
}

/**
 * The rules for a password a user chooses (NIST SP 800-63B §5.1.1.2: length and a blocklist, no
 * composition rules). Returns a message for the form, or null when the password is acceptable.
 */
export function validateNewPassword(plain: string, context: { email?: string; name?: string } = {}): string | null {
  if (plain.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (plain.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (plain.trim().length === 0) return "The password cannot be only spaces.";
  if (new Set(plain).size < 4) return "Use more than three different characters.";
  if (isCommonPassword(plain)) return "This password is too common. Choose one that is harder to guess.";
  const lower = plain.toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const local = email.split("@")[0] ?? "";
    if (lower === email || lower.includes(email) || (local.length >= 4 && lower.includes(local))) {
      return "The password must not contain your e-mail address.";
    }
  }
  const name = context.name?.trim().toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) return "The password must not contain your name.";
  return null;
}
