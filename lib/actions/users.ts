"use server";

import { actionClient, publicActionClient } from "@/lib/actions/action-client";
import {
  acceptInvitationSchema,
  changeUserRoleSchema,
  deactivateUserSchema,
  inviteUserSchema,
  reactivateUserSchema,
  resetUserMfaSchema,
  revokeInvitationSchema,
  unlockSignInSchema,
} from "@/lib/actions/user-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import {
  createInvitationToken,
  hashInvitationToken,
  INVITATION_TTL_HOURS,
  isWellFormedInvitationToken,
} from "@/lib/auth/invitation-token";
import { clearSignInLocksFor } from "@/lib/auth/login-throttle";
import { removeMfa } from "@/lib/auth/mfa";
import { hashPassword, validateNewPassword } from "@/lib/auth/password";
import {
  type Actor,
  authorize,
  customerIdWhere,
  customerScope,
  customerWhere,
  hasAllCustomersFlag,
} from "@/lib/authz/policy";
import type { Transaction } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { invitationEmail, invitationUrl } from "@/lib/mail/invitation-email";
import { sendMail } from "@/lib/mail/mailer";

// User management (user:manage, admins) and invitation acceptance (anyone holding a valid token).
// Ids in the input are never trusted: each is loaded through the actor's scope first, and an id
// outside it answers "Not found" exactly like an id that does not exist.

/** Users the actor may manage: everyone for an all-customer scope, otherwise only in-scope customer users. */
function manageableUserWhere(actor: Actor) {
  const scope = customerWhere(actor);
  return scope.customerId ? { customerId: scope.customerId } : {};
}

async function loadManageableUser(tx: Transaction, actor: Actor, userId: string) {
  const user = await tx.user.findFirst({
    where: { AND: [{ id: userId }, manageableUserWhere(actor)] },
    select: { id: true, email: true, role: true, customerId: true, allCustomers: true, active: true },
  });
  if (!user) throw notFound("Not found");
  return user;
}

/** The customer a role is for; only an all-customer actor may hand out staff roles (no customer). */
async function loadCustomerInScope(tx: Transaction, actor: Actor, customerId: string | undefined) {
  if (!customerId) {
    if (customerScope(actor).kind !== "all") throw new AppError("FORBIDDEN", "You do not have permission to do that.");
    return null;
  }
  const customer = await tx.customer.findFirst({
    // AND, not a spread: customerIdWhere() also sets `id`, and a spread would replace the requested id.
    where: { AND: [{ id: customerId, archivedAt: null }, customerIdWhere(actor)] },
    select: { id: true, name: true },
  });
  if (!customer) throw notFound("Not found");
  authorize(actor, "user:manage", { customerId: customer.id });
  return customer;
}

export const inviteUserAction = actionClient
  .metadata({ actionName: "inviteUser", permission: "user:manage" })
  .inputSchema(inviteUserSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const { token, tokenHash } = createInvitationToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_HOURS * 3600_000);
    const invitation = await transaction(async (tx, audit) => {
      const customer = await loadCustomerInScope(tx, actor, parsedInput.customerId);
      const existing = await tx.user.findUnique({ where: { email: parsedInput.email }, select: { id: true } });
      if (existing) {
        throw new AppError("CONFLICT", "A user with this e-mail address already exists.", {
          fieldErrors: { email: "A user with this e-mail address already exists." },
        });
      }
      // One open invitation per address: a new one replaces any earlier link.
      await tx.invitation.updateMany({
        where: { email: parsedInput.email, usedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      const created = await tx.invitation.create({
        data: {
          email: parsedInput.email,
          role: parsedInput.role,
          customerId: customer?.id ?? null,
          allCustomers: hasAllCustomersFlag(parsedInput.role) ? parsedInput.allCustomers : false,
          tokenHash,
          expiresAt,
          invitedById: actor.userId,
        },
        select: { id: true, email: true, role: true, expiresAt: true },
      });
      await audit({
        action: "user.invited",
        targetType: "Invitation",
        targetId: created.id,
        customerId: customer?.id,
        metadata: { email: created.email, role: created.role },
      });
      // Sent inside the transaction: if the mail server refuses it, no unusable invitation is left behind.
      const { delivered } = await sendMail(
        invitationEmail({
          to: created.email,
          token,
          role: created.role,
          customerName: customer?.name,
          invitedByName: actor.name,
          expiresAt,
        }),
      );
      return { ...created, delivered };
    });
    return {
      invitationId: invitation.id,
      email: invitation.email,
      expiresAt: invitation.expiresAt.toISOString(),
      delivered: invitation.delivered,
      // Issue 19 §4: with mail off the admin finishes by hand. The link goes only to the admin who created
      // it, in this one response: the database keeps only the token's hash, so it is never shown again.
      invitationUrl: invitation.delivered ? null : invitationUrl(token),
    };
  });

export const revokeInvitationAction = actionClient
  .metadata({ actionName: "revokeInvitation", permission: "user:manage" })
  .inputSchema(revokeInvitationSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    await transaction(async (tx, audit) => {
      const scope = customerWhere(actor);
      const invitation = await tx.invitation.findFirst({
        where: { AND: [{ id: parsedInput.invitationId }, scope.customerId ? { customerId: scope.customerId } : {}] },
        select: { id: true, customerId: true, usedAt: true, revokedAt: true },
      });
      if (!invitation) throw notFound("Not found");
      if (invitation.usedAt) throw new AppError("CONFLICT", "This invitation has already been accepted.");
      if (!invitation.revokedAt) {
        await tx.invitation.update({
          where: { id: invitation.id },
          data: { revokedAt: new Date() },
          select: { id: true },
        });
        await audit({
          action: "invitation.revoked",
          targetType: "Invitation",
          targetId: invitation.id,
          customerId: invitation.customerId,
        });
      }
    });
    return { invitationId: parsedInput.invitationId };
  });

export const deactivateUserAction = actionClient
  .metadata({ actionName: "deactivateUser", permission: "user:manage" })
  .inputSchema(deactivateUserSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    if (parsedInput.userId === actor.userId) throw new AppError("BAD_INPUT", "You cannot deactivate your own account.");
    await transaction(async (tx, audit) => {
      const user = await loadManageableUser(tx, actor, parsedInput.userId);
      // Bumping sessionVersion ends every session of the user on its next request.
      await tx.user.update({
        where: { id: user.id },
        data: { active: false, sessionVersion: { increment: 1 } },
        select: { id: true },
      });
      await audit({
        action: "user.deactivated",
        targetType: "User",
        targetId: user.id,
        customerId: user.customerId,
        metadata: { email: user.email },
      });
    });
    return { userId: parsedInput.userId };
  });

/** Lifts every sign-in pause of a user's e-mail (issue 16: the owner locked out by their own typos). */
export const unlockSignInAction = actionClient
  .metadata({ actionName: "unlockSignIn", permission: "user:manage" })
  .inputSchema(unlockSignInSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const cleared = await transaction(async (tx, audit) => {
      const user = await loadManageableUser(tx, actor, parsedInput.userId);
      const count = await clearSignInLocksFor(tx, user.email);
      await audit({
        action: "user.sign_in_unlocked",
        targetType: "User",
        targetId: user.id,
        customerId: user.customerId,
        metadata: { email: user.email, cleared: count },
      });
      return count;
    });
    return { userId: parsedInput.userId, cleared };
  });

/**
 * Removes a user's second factor and recovery codes (a lost phone) and ends every session of theirs
 * (ADR 015). At the next sign-in the password alone lets them in to set up a new one — and, for staff
 * while the installation requires it, to nothing else.
 */
export const resetUserMfaAction = actionClient
  .metadata({ actionName: "resetUserMfa", permission: "user:manage" })
  .inputSchema(resetUserMfaSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    if (parsedInput.userId === actor.userId) {
      throw new AppError("BAD_INPUT", "You cannot reset your own two-step sign-in. Ask another administrator.");
    }
    const wasOn = await transaction(async (tx, audit) => {
      const user = await loadManageableUser(tx, actor, parsedInput.userId);
      const removed = await removeMfa(tx, user.id);
      await tx.user.update({
        where: { id: user.id },
        data: { sessionVersion: { increment: 1 } },
        select: { id: true },
      });
      await audit({
        action: "user.mfa_reset",
        targetType: "User",
        targetId: user.id,
        customerId: user.customerId,
        metadata: { email: user.email, wasOn: removed },
      });
      return removed;
    });
    return { userId: parsedInput.userId, wasOn };
  });

export const reactivateUserAction = actionClient
  .metadata({ actionName: "reactivateUser", permission: "user:manage" })
  .inputSchema(reactivateUserSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    await transaction(async (tx, audit) => {
      const user = await loadManageableUser(tx, actor, parsedInput.userId);
      await tx.user.update({
        where: { id: user.id },
        data: { active: true, sessionVersion: { increment: 1 } },
        select: { id: true },
      });
      await audit({
        action: "user.reactivated",
        targetType: "User",
        targetId: user.id,
        customerId: user.customerId,
        metadata: { email: user.email },
      });
    });
    return { userId: parsedInput.userId };
  });

export const changeUserRoleAction = actionClient
  .metadata({ actionName: "changeUserRole", permission: "user:manage" })
  .inputSchema(changeUserRoleSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    if (parsedInput.userId === actor.userId) throw new AppError("BAD_INPUT", "You cannot change your own role.");
    await transaction(async (tx, audit) => {
      const user = await loadManageableUser(tx, actor, parsedInput.userId);
      const customer = await loadCustomerInScope(tx, actor, parsedInput.customerId);
      const allCustomers = hasAllCustomersFlag(parsedInput.role) ? parsedInput.allCustomers : false;
      await tx.user.update({
        where: { id: user.id },
        data: {
          role: parsedInput.role,
          customerId: customer?.id ?? null,
          allCustomers,
          sessionVersion: { increment: 1 },
        },
        select: { id: true },
      });
      await audit({
        action: "user.role_changed",
        targetType: "User",
        targetId: user.id,
        customerId: customer?.id ?? user.customerId,
        metadata: {
          email: user.email,
          from: { role: user.role, customerId: user.customerId, allCustomers: user.allCustomers },
          to: { role: parsedInput.role, customerId: customer?.id ?? null, allCustomers },
        },
      });
    });
    return { userId: parsedInput.userId };
  });

export const acceptInvitationAction = publicActionClient
  .metadata({ actionName: "acceptInvitation" })
  .inputSchema(acceptInvitationSchema)
  .action(async ({ parsedInput, ctx: { transaction, request } }) => {
    const invalidLink = new AppError(
      "NOT_FOUND",
      "This invitation link is no longer valid. Ask your administrator for a new one.",
    );
    if (!isWellFormedInvitationToken(parsedInput.token)) throw invalidLink;
    const user = await transaction(async (tx) => {
      const invitation = await tx.invitation.findUnique({
        where: { tokenHash: hashInvitationToken(parsedInput.token) },
        select: { id: true, email: true, role: true, customerId: true, allCustomers: true },
      });
      if (!invitation) throw invalidLink;
      const problem = validateNewPassword(parsedInput.password, { email: invitation.email, name: parsedInput.name });
      if (problem) throw new AppError("BAD_INPUT", problem, { fieldErrors: { password: problem } });
      // Claim the invitation atomically: of two concurrent uses, exactly one updates the row.
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        data: { usedAt: new Date() },
      });
      if (claimed.count !== 1) throw invalidLink;
      const existing = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
      if (existing)
        throw new AppError("CONFLICT", "An account with this e-mail address already exists. Sign in instead.");
      const created = await tx.user.create({
        data: {
          email: invitation.email,
          name: parsedInput.name,
          role: invitation.role,
          customerId: invitation.customerId,
          allCustomers: invitation.allCustomers,
          passwordHash: await hashPassword(parsedInput.password),
        },
        select: { id: true, email: true, customerId: true },
      });
      await recordAudit(tx, {
        actor: { userId: created.id, email: created.email },
        action: "invitation.accepted",
        targetType: "Invitation",
        targetId: invitation.id,
        customerId: created.customerId,
        ip: request.ip,
        userAgent: request.userAgent,
      });
      return created;
    });
    return { email: user.email };
  });
