import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { PATHNAME_HEADER } from "./callback-path";
import { loadActor } from "./load-actor";
import { authOptions } from "./options";

/** The signed-in actor of this request, resolved once per request from the session and the database. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  // A cookie from before sessions had ids cannot be revoked by signing out: it is not accepted.
  if (!session?.sessionId) return null;
  return loadActor(db(), {
    userId: session.userId,
    sessionVersion: session.sessionVersion,
    sessionId: session.sessionId,
  });
});

/** For pages: the actor, or a redirect to sign-in that returns to this page afterwards. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const pathname = (await headers()).get(PATHNAME_HEADER);
  redirect(pathname ? `/sign-in?callbackUrl=${encodeURIComponent(pathname)}` : "/sign-in");
}
