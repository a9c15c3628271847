import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

// TOTP secrets at rest (issue 16, ADR 015 "Secrets"): AES-256-GCM under a key derived with HKDF-SHA256
// from NEXTAUTH_SECRET, which lives in the installation's environment and not in the database, so a
// database dump or backup alone does not give away anyone's authenticator seed. Whoever holds
// NEXTAUTH_SECRET can already forge any session, so deriving from it widens nothing.
//
// Stored form, version 1 (ASCII, '.'-separated; base32 secrets never contain '.' or lower case):
//   v1.<key id: 8 hex>.<IV: 12 bytes base64url>.<ciphertext ‖ 16-byte GCM tag: base64url>
// The user's id is the additional authenticated data, so a sealed secret copied into another user's row
// does not open. SECURITY: nothing here logs; errors never carry the secret or the stored value.

const VERSION = "v1";
const HKDF_SALT = "rampart";
const HKDF_INFO = "rampart mfa-credential-secret v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A secret stored before encryption (RFC 4648 base32, as generateTotpSecret writes it). */
const PLAIN_BASE32 = /^[A-Z2-7]+=*$/;

export interface TotpSecretKey {
  id: string;
  key: Buffer;
}

/** The key for one NEXTAUTH_SECRET value: HKDF-SHA256 to 32 bytes; its id is a short hash of the key. */
export function deriveTotpSecretKey(nextAuthSecret: string): TotpSecretKey {
  const key = Buffer.from(hkdfSync("sha256", nextAuthSecret, HKDF_SALT, HKDF_INFO, 32));
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
}

/**
 * The keys of this installation: the current one (seals) and, while NEXTAUTH_SECRET is being rotated,
 * the previous one (opens only; what it opened is sealed again under the current key).
 */
export function installationTotpSecretKeys(): { current: TotpSecretKey; previous?: TotpSecretKey } {
  const { NEXTAUTH_SECRET, RAMPART_PREVIOUS_NEXTAUTH_SECRET } = env();
  if (!NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET is not set: two-step sign-in secrets are encrypted with a key derived from it");
  }
  return {
    current: deriveTotpSecretKey(NEXTAUTH_SECRET),
    previous: RAMPART_PREVIOUS_NEXTAUTH_SECRET ? deriveTotpSecretKey(RAMPART_PREVIOUS_NEXTAUTH_SECRET) : undefined,
  };
}

function additionalData(userId: string): Buffer {
  return Buffer.from(`MfaCredential.secret:${userId}`, "utf8");
}

/** Encrypts a base32 TOTP secret of a user for storage in MfaCredential.secret. */
export function sealTotpSecret(secret: string, userId: string, key = installationTotpSecretKeys().current): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(additionalData(userId));
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, key.id, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

export class TotpSecretUnreadableError extends Error {
  constructor(reason: string) {
    super(`The stored two-step sign-in secret cannot be read: ${reason}`);
    this.name = "TotpSecretUnreadableError";
  }
}

export interface OpenedTotpSecret {
  secret: string;
  /** Stored in plain text (before encryption) or under the previous key: seal it again under the current key. */
  needsReseal: boolean;
}

/**
 * The base32 secret of a stored value. Throws TotpSecretUnreadableError for an unknown format or key,
 * or when the value was altered or belongs to another user (GCM tag check).
 */
export function openTotpSecret(
  stored: string,
  userId: string,
  keys: { current: TotpSecretKey; previous?: TotpSecretKey } = installationTotpSecretKeys(),
): OpenedTotpSecret {
  if (PLAIN_BASE32.test(stored)) return { secret: stored, needsReseal: true };
  const parts = stored.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new TotpSecretUnreadableError("unknown format");
  const [, keyId, ivText, sealedText] = parts as [string, string, string, string];
  const key = [keys.current, keys.previous].find((candidate) => candidate?.id === keyId);
  if (!key) throw new TotpSecretUnreadableError("sealed under another key (was NEXTAUTH_SECRET changed?)");
  const iv = Buffer.from(ivText, "base64url");
  const sealed = Buffer.from(sealedText, "base64url");
  if (iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) throw new TotpSecretUnreadableError("truncated");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, iv);
    decipher.setAAD(additionalData(userId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const secret = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    return { secret: secret.toString("utf8"), needsReseal: key !== keys.current };
  } catch {
    throw new TotpSecretUnreadableError("altered, or not this user's");
  }
}
