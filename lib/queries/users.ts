import "server-only";
import { getInvitationState } from "@/lib/auth/invitations";
import { type Actor, authorize, customerWhere, type Role } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";

// Read models for user management. Scope: an all-customer actor sees every user; any narrower actor
// (none holds user:manage today) would see only users of its customers, never staff.

export const USERS_PAGE_SIZE = 50;

function scopedUserWhere(actor: Actor) {
  const scope = customerWhere(actor);
  return scope.customerId ? { customerId: scope.customerId } : {};
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  allCustomers: boolean;
  customer: { id: string; name: string } | null;
  lastSignInAt: Date | null;
  signsInWith: "password" | "sso" | "password+sso" | "none";
  /** A second factor is set up (ADR 015); only whether, never the secret. */
  mfaEnabled: boolean;
}

export async function listUsers(
  actor: Actor,
  input: { page?: number } = {},
): Promise<{ rows: UserRow[]; total: number; page: number; pageSize: number }> {
  authorize(actor, "user:manage");
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const where = scopedUserWhere(actor);
  const [users, total] = await Promise.all([
    db().user.findMany({
      where,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        active: true,
        allCustomers: true,
        lastSignInAt: true,
        customer: { select: { id: true, name: true } },
        // Only whether these exist: the hash and the subject themselves never leave the database layer.
        passwordHash: true,
        oidcSubject: true,
        mfaCredential: { select: { enabledAt: true } },
      },
      orderBy: [{ active: "desc" }, { email: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
    db().user.count({ where }),
  ]);
  const rows = users.map(({ passwordHash, oidcSubject, mfaCredential, ...user }) => ({
    ...user,
    mfaEnabled: Boolean(mfaCredential?.enabledAt),
    signsInWith: (passwordHash && oidcSubject
      ? "password+sso"
      : passwordHash
        ? "password"
        : oidcSubject
          ? "sso"
          : "none") as UserRow["signsInWith"],
  }));
  return { rows, total, page, pageSize: USERS_PAGE_SIZE };
}

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  customer: { id: string; name: string } | null;
  invitedBy: { name: string; email: string };
  createdAt: Date;
  expiresAt: Date;
}

/** Invitations not yet used, revoked or expired. */
export async function listOpenInvitations(actor: Actor, now = new Date()): Promise<InvitationRow[]> {
  authorize(actor, "user:manage");
  return db().invitation.findMany({
    where: { ...scopedUserWhere(actor), usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      customer: { select: { id: true, name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}

/**
 * For the signed-out accept-invitation page: the state of the invitation a token belongs to. No actor
 * (the visitor has no account yet); the token itself is the capability, and only its own invitation
 * is ever described.
 */
export async function getInvitationForAcceptance(token: unknown) {
  return getInvitationState(db(), token);
}
