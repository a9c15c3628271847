import { type Actor, hasAllCustomersFlag, isCustomerRole } from "@/lib/authz/policy";
import type { PrismaClient } from "@/lib/db/client";
import { isSessionRevoked } from "./revoked-sessions";

/**
 * The actor for a session's claims, or null when the session no longer stands: the user is gone or
 * inactive, the session generation was bumped (deactivation, role change), or a customer user has no
 * customer. Role, customer and assignments always come from the database, never from the cookie.
 */
export async function loadActor(
  client: Pick<PrismaClient, "user" | "revokedSession">,
  claims: { userId?: unknown; sessionVersion?: unknown; sessionId?: unknown },
): Promise<Actor | null> {
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
    },
  });
  if (!user?.active || user.sessionVersion !== claims.sessionVersion) return null;
  const customerUser = isCustomerRole(user.role);
  if (customerUser && (!user.customerId || user.customer?.archivedAt)) return null;
  return {
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
}
