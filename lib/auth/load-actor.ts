import { type Actor, hasAllCustomersFlag, isCustomerRole } from "@/lib/authz/policy";
import type { PrismaClient } from "@/lib/db/client";
import { isStaffRole } from "./mfa";
import { isSessionRevoked } from "./revoked-sessions";

export interface SessionActor {
  actor: Actor;
  /**
   * ADR 015: a staff user signed in with a password only, with no second factor set up, while the
   * installation requires one. Such a session may open the set-up page and nothing else.
   */
  mfaEnrolmentPending: boolean;
}

/**
 * The actor for a session's claims, or null when the session no longer stands: the user is gone or
 * inactive, the session generation was bumped (deactivation, role change), or a customer user has no
 * customer. Role, customer and assignments always come from the database, never from the cookie.
 */
export async function loadActor(
  client: Pick<PrismaClient, "user" | "revokedSession">,
  claims: { userId?: unknown; sessionVersion?: unknown; sessionId?: unknown; amr?: unknown },
  options: { mfaRequiredForStaff?: boolean } = {},
): Promise<Actor | null> {
  const session = await loadSessionActor(client, claims, options);
  return session && !session.mfaEnrolmentPending ? session.actor : null;
}

/** loadActor, plus whether the session still has to set up a second factor before it counts. */
export async function loadSessionActor(
  client: Pick<PrismaClient, "user" | "revokedSession">,
  claims: { userId?: unknown; sessionVersion?: unknown; sessionId?: unknown; amr?: unknown },
  options: { mfaRequiredForStaff?: boolean } = {},
): Promise<SessionActor | null> {
  if (typeof claims.userId !== "string" || !claims.userId || typeof claims.sessionVersion !== "number") return null;
  if (claims.sessionId !== undefined && (await isSessionRevoked(client, claims.sessionId))) return null;
  const user = await client.user.findUnique({
    where: { id: claims.userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      customerId: true,
      allCustomers: true,
      active: true,
      sessionVersion: true,
      customer: { select: { archivedAt: true } },
      assignments: { select: { customerId: true }, orderBy: { customerId: "asc" } },
      mfaCredential: { select: { enabledAt: true } },
    },
  });
  if (!user?.active || user.sessionVersion !== claims.sessionVersion) return null;
  const customerUser = isCustomerRole(user.role);
  if (customerUser && (!user.customerId || user.customer?.archivedAt)) return null;
  // Single sign-on sessions are exempt: the identity provider enforces its own second factor (ADR 015).
  const mfaEnrolmentPending =
    Boolean(options.mfaRequiredForStaff) &&
    isStaffRole(user.role) &&
    !user.mfaCredential?.enabledAt &&
    claims.amr !== "oidc";
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    customerId: customerUser ? user.customerId : null,
    allCustomers: hasAllCustomersFlag(user.role) ? user.allCustomers : false,
    assignedCustomerIds: hasAllCustomersFlag(user.role)
      ? user.assignments.map((assignment) => assignment.customerId)
      : [],
  };
  return { actor, mfaEnrolmentPending };
}
