import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";

/** The actor a signed-in user's session resolves to, as the app loads it on every request. */
export async function actorOf(user: { id: string; sessionVersion: number }): Promise<Actor> {
  const actor = await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion });
  if (!actor) throw new Error(`test user ${user.id} has no actor`);
  return actor;
}
