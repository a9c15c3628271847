import type { PrismaClient } from "@/lib/db/client";
import { hashInvitationToken, isWellFormedInvitationToken } from "./invitation-token";

export type InvitationState =
  | {
      status: "valid";
      invitation: { id: string; email: string; role: string; customerName: string | null; expiresAt: Date };
    }
  | { status: "used" | "expired" | "revoked" | "invalid" };

/** What the accept-invitation page may know about a token: never more than its own invitation. */
export async function getInvitationState(
  client: Pick<PrismaClient, "invitation">,
  token: unknown,
  now = new Date(),
): Promise<InvitationState> {
  if (!isWellFormedInvitationToken(token)) return { status: "invalid" };
  const invitation = await client.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      customer: { select: { name: true, archivedAt: true } },
    },
  });
  if (!invitation) return { status: "invalid" };
  if (invitation.usedAt) return { status: "used" };
  if (invitation.revokedAt || invitation.customer?.archivedAt) return { status: "revoked" };
  if (invitation.expiresAt <= now) return { status: "expired" };
  return {
    status: "valid",
    invitation: {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      customerName: invitation.customer?.name ?? null,
      expiresAt: invitation.expiresAt,
    },
  };
}
