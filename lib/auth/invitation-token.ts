import { createHash, randomBytes } from "node:crypto";

/** A fresh one-time invitation token (256 bits, URL-safe) and the sha256 that is all the database keeps. */
export function createInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check before any database look-up: 32 random bytes in base64url are 43 characters. */
export function isWellFormedInvitationToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export const INVITATION_TTL_HOURS = 72;
