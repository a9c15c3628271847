import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/db/client";

// Sign-out ends one session on the server (ADR 012): its id goes into RevokedSession until the JWT
// would have expired anyway, and loadActor refuses any session whose id is there.

export function newSessionId(): string {
  return randomBytes(18).toString("base64url");
}

export async function revokeSession(
  client: Pick<PrismaClient, "revokedSession">,
  session: { sessionId: string; userId: string; expiresAt: Date },
  now = new Date(),
): Promise<void> {
  await client.revokedSession.upsert({
    where: { sessionId: session.sessionId },
    create: session,
    update: {},
  });
  // Rows past their expiry refuse nothing the JWT's own expiry would not; keep the table small.
  await client.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}

/** True when the session id is revoked; a session id that is not a string counts as revoked. */
export async function isSessionRevoked(
  client: Pick<PrismaClient, "revokedSession">,
  sessionId: unknown,
): Promise<boolean> {
  if (typeof sessionId !== "string" || !sessionId || sessionId.length > 64) return true;
  const row = await client.revokedSession.findUnique({ where: { sessionId }, select: { sessionId: true } });
  return row !== null;
}
