import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { PATHNAME_HEADER } from "./callback-path";
import { loadSessionActor, type SessionActor } from "./load-actor";
import { authOptions } from "./options";

/** The session of this request, including one that must still set up a second factor (ADR 015). */
export const getSessionActor = cache(async (): Promise<SessionActor | null> => {
  const session = await getServerSession(authOptions);
  // A cookie from before sessions had ids cannot be revoked by signing out: it is not accepted.
  if (!session?.sessionId) return null;
  return loadSessionActor(
    db(),
    { userId: session.userId, sessionVersion: session.sessionVersion, sessionId: session.sessionId, amr: session.amr },
    { mfaRequiredForStaff: env().RAMPART_MFA_REQUIRED_FOR_STAFF },
  );
});

/**
 * The signed-in actor of this request, resolved once per request from the session and the database.
 * Null for a session that must set up its second factor first: it opens nothing but /mfa.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getSessionActor();
  return session && !session.mfaEnrolmentPending ? session.actor : null;
});

/** For pages: the actor, or a redirect to sign-in (or to the second-factor set-up) that returns here afterwards. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const pathname = (await headers()).get(PATHNAME_HEADER);
  const next = pathname ? `?callbackUrl=${encodeURIComponent(pathname)}` : "";
  if ((await getSessionActor())?.mfaEnrolmentPending) redirect(`/mfa${next}`);
  redirect(`/sign-in${next}`);
}
