import "server-only";
import { getMfaStatus, type MfaStatus } from "@/lib/auth/mfa";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";

/** The actor's own second-factor status (never the secret: lib/auth/mfa.ts keeps that). */
export async function getOwnMfaStatus(actor: Actor): Promise<MfaStatus> {
  return getMfaStatus(db(), actor.userId);
}
