"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { isSnapshotStale, loadCurrentIamEvidence, MAX_SNAPSHOT_AGE_HOURS } from "@/lib/access-reviews/iam-evidence";
import { computeRiskFlags, isRisky } from "@/lib/access-reviews/risk-flags";
import { isOwnIamUser } from "@/lib/access-reviews/self-review";
import { buildUserSnapshots } from "@/lib/access-reviews/snapshot";
import {
  ACCESS_REVIEW_STATUS_LABELS,
  assertCanDecide,
  assertCanSignOff,
  statusAfterDecisions,
  UNDECIDED_OUTCOME_LABELS,
} from "@/lib/access-reviews/workflow";
import {
  decideAccessReviewItemSchema,
  decideAccessReviewItemsSchema,
  endAccessReviewSchema,
  MIN_JUSTIFICATION,
  type ReviewDecisionValue,
  signOffAccessReviewSchema,
  startAccessReviewSchema,
} from "@/lib/actions/access-review-schemas";
import { actionClient } from "@/lib/actions/action-client";
import {
  type Actor,
  authorize,
  type Permission,
  usersWhoCan,
  withCustomerIdScope,
  withCustomerScope,
} from "@/lib/authz/policy";
import { recordsClock } from "@/lib/clock";
import { db, type Transaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { followEvidenceChange } from "@/lib/evaluation/after-evidence-change";
import { queueCriticalAlertMail } from "@/lib/jobs/alert-jobs";

// Access-review campaigns (SOP 000 §3, control IAM-12): a consultant starts one from a frozen snapshot of
// the customer's IAM users, reviewers decide KEEP / REVOKE / MODIFY per user, a manager signs it off
// (IAM-12 then passes for its accounts), or a consultant ends it early. Every mutation re-checks the
// customer scope inside its transaction and writes its audit row there.

const REVIEW_NOT_FOUND = "Access review not found";

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The campaign named by an input, within the actor's scope; out of scope reads as absent. */
async function scopedReview(tx: Transaction, actor: Actor, reviewId: string, permission: Permission) {
  const review = await tx.accessReview.findFirst({
    where: withCustomerScope(actor, { id: reviewId }),
    select: {
      id: true,
      customerId: true,
      period: true,
      status: true,
      accountIds: true,
      signedOffAt: true,
      signedOffBy: { select: { name: true } },
    },
  });
  if (!review) throw notFound(REVIEW_NOT_FOUND);
  authorize(actor, permission, { customerId: review.customerId });
  return review;
}

type ScopedReview = Awaited<ReturnType<typeof scopedReview>>;

/** Decisions are refused once a campaign is signed off or ended (lib/access-reviews/workflow.ts). */
function assertOpenForDecisions(review: ScopedReview): void {
  assertCanDecide({ status: review.status, signedOffBy: review.signedOffBy?.name, signedOffAt: review.signedOffAt });
}

/**
 * Re-evaluates IAM-12 for the campaign's accounts after a sign-off, and their alerts follow at once (an
 * IAM-12 alert resolves now, not at the next sync). Accounts never evaluated are left alone.
 */
async function reevaluate(awsAccountIds: readonly string[]): Promise<number> {
  if (awsAccountIds.length === 0) return 0;
  const effects = await followEvidenceChange(db(), {
    clock: recordsClock(),
    accounts: awsAccountIds.map((awsAccountId) => ({ awsAccountId, syncRunId: null })),
  });
  await queueCriticalAlertMail(effects.criticalAlertIds);
  return effects.evaluatedAccountIds.length;
}

function revalidateReviews(reviewId?: string): void {
  revalidatePath("/reviews");
  if (reviewId) revalidatePath(`/reviews/${reviewId}`);
}

// ---------- Start ----------

/** Whoever holds review:decide on the customer may review (lib/authz/policy.ts usersWhoCan). */
function reviewerWhere(customerId: string): Prisma.UserWhereInput {
  return usersWhoCan("review:decide", customerId);
}

export const startAccessReviewAction = actionClient
  .metadata({ actionName: "startAccessReview", permission: "review:run" })
  .inputSchema(startAccessReviewSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    try {
      const review = await transaction(async (tx, audit) => {
        const customer = await tx.customer.findFirst({
          where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
          select: { id: true, name: true },
        });
        if (!customer) throw notFound("Customer not found");
        authorize(actor, "review:run", { customerId: customer.id });

        const requestedAccounts = [...new Set(parsedInput.accountIds)];
        const accounts = await tx.awsAccount.findMany({
          where: withCustomerScope(actor, {
            customerId: customer.id,
            ...(requestedAccounts.length > 0 ? { id: { in: requestedAccounts } } : {}),
          }),
          select: { id: true, accountNumber: true, alias: true },
          orderBy: { alias: "asc" },
        });
        if (requestedAccounts.length > 0 && accounts.length !== requestedAccounts.length) {
          throw notFound("Account not found");
        }
        if (accounts.length === 0) {
          returnValidationErrors(startAccessReviewSchema, {
            accountIds: { _errors: ["This customer has no AWS account yet: connect one in Settings and sync it."] },
          });
        }

        const reviewerIds = [...new Set(parsedInput.reviewerIds)];
        const reviewers = await tx.user.findMany({
          where: { AND: [{ id: { in: reviewerIds } }, reviewerWhere(customer.id)] },
          select: { id: true },
        });
        if (reviewers.length !== reviewerIds.length) {
          returnValidationErrors(startAccessReviewSchema, {
            reviewerIds: {
              _errors: [
                "Reviewers are active consultants of this customer, administrators or the customer's own reviewers; one of those chosen is not.",
              ],
            },
          });
        }

        const existing = await tx.accessReview.findFirst({
          where: { customerId: customer.id, period: parsedInput.period },
          select: { status: true },
        });
        if (existing) {
          throw new AppError(
            "CONFLICT",
            `${customer.name} already has a ${parsedInput.period} review (${ACCESS_REVIEW_STATUS_LABELS[existing.status]}). Open it, or choose another period label.`,
          );
        }

        const now = recordsClock().now();
        const evidence = await loadCurrentIamEvidence(
          tx,
          accounts.map((account) => account.id),
        );
        const items: Prisma.AccessReviewItemCreateManyReviewInput[] = [];
        let snapshotAt: Date | null = null;
        for (const account of accounts) {
          const label = `${account.alias} (${account.accountNumber})`;
          const current = evidence.get(account.id);
          if (!current) {
            throw new AppError(
              "BAD_INPUT",
              `No IAM evidence for ${label} yet: sync the account, then start the review.`,
            );
          }
          if (isSnapshotStale(current.confirmedAt, now)) {
            throw new AppError(
              "BAD_INPUT",
              `The IAM evidence of ${label} was last confirmed ${minute(current.confirmedAt)}, more than ${MAX_SNAPSHOT_AGE_HOURS} h ago: sync the account first, then start the review.`,
            );
          }
          if (!snapshotAt || current.confirmedAt < snapshotAt) snapshotAt = current.confirmedAt;
          const snapshots = buildUserSnapshots(current.data, {
            accountNumber: account.accountNumber,
            asOf: current.confirmedAt,
          });
          for (const snapshot of snapshots) {
            items.push({
              awsAccountId: account.id,
              userName: snapshot.userName,
              userArn: snapshot.userArn,
              snapshot: snapshot as unknown as Prisma.InputJsonValue,
              riskFlags: computeRiskFlags(snapshot),
            });
          }
        }

        const created = await tx.accessReview.create({
          data: {
            customerId: customer.id,
            period: parsedInput.period,
            dueAt: parsedInput.dueAt,
            snapshotAt: snapshotAt ?? now,
            accountIds: accounts.map((account) => account.id),
            createdById: actor.userId,
            reviewers: { create: reviewerIds.map((userId) => ({ userId })) },
            items: { createMany: { data: items } },
          },
          select: { id: true, period: true },
        });
        await audit({
          action: "access_review.started",
          targetType: "AccessReview",
          targetId: created.id,
          customerId: customer.id,
          metadata: {
            period: created.period,
            dueAt: parsedInput.dueAt.toISOString(),
            accountIds: accounts.map((account) => account.id),
            reviewerIds,
            users: items.length,
            riskyUsers: items.filter((item) => isRisky(item.riskFlags as string[])).length,
          },
        });
        return { ...created, users: items.length };
      });
      revalidateReviews();
      return { reviewId: review.id, period: review.period, users: review.users };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("CONFLICT", `A ${parsedInput.period} review already exists for this customer.`);
      }
      throw error;
    }
  });

// ---------- Decide ----------

interface DecisionRequest {
  reviewId: string;
  items: { itemId: string; version: number }[];
  decision: ReviewDecisionValue;
  modification: string | null;
  justification: string | null;
  /** false: refuse when an item already carries a different decision (bulk); true: replace it. */
  replaceDecided: boolean;
}

const DECISION_WORDS: Record<ReviewDecisionValue, string> = { KEEP: "Keep", REVOKE: "Revoke", MODIFY: "Modify" };

function sameDecision(
  item: { decision: string | null; modification: string | null },
  request: Pick<DecisionRequest, "decision" | "modification">,
): boolean {
  if (item.decision !== request.decision) return false;
  return request.decision !== "MODIFY" || item.modification === request.modification;
}

/** Why an item needs a justification, or null. */
function justificationNeed(
  actor: Actor,
  item: { userName: string; riskFlags: string[] },
  decision: ReviewDecisionValue,
): "risky" | "self" | null {
  if (decision !== "REVOKE" && isOwnIamUser(actor, item.userName)) return "self";
  return isRisky(item.riskFlags) ? "risky" : null;
}

async function recordDecisions(
  tx: Transaction,
  actor: Actor,
  request: DecisionRequest,
  schema: typeof decideAccessReviewItemSchema | typeof decideAccessReviewItemsSchema,
) {
  const review = await scopedReview(tx, actor, request.reviewId, "review:decide");
  assertOpenForDecisions(review);
  const reviewer = await tx.accessReviewer.findUnique({
    where: { reviewId_userId: { reviewId: review.id, userId: actor.userId } },
    select: { userId: true },
  });
  if (!reviewer) {
    throw new AppError("FORBIDDEN", "You are not a reviewer of this access review; ask the consultant who runs it.");
  }

  const itemIds = [...new Set(request.items.map((item) => item.itemId))];
  const items = await tx.accessReviewItem.findMany({
    where: { reviewId: review.id, id: { in: itemIds } },
    select: {
      id: true,
      userName: true,
      riskFlags: true,
      awsAccountId: true,
      decision: true,
      modification: true,
      version: true,
    },
  });
  if (items.length !== itemIds.length) {
    throw new AppError("NOT_FOUND", "One of the users is not part of this access review.");
  }

  if (!request.replaceDecided) {
    // Issue 19 §1: a bulk decision never silently replaces one already made. An item decided since the
    // page was loaded (stale version) is refused below as a conflict naming who decided.
    const requested = new Map(request.items.map((entry) => [entry.itemId, entry.version]));
    const decided = items.filter(
      (item) => item.decision !== null && !sameDecision(item, request) && requested.get(item.id) === item.version,
    );
    if (decided.length > 0) {
      const names = decided
        .slice(0, 10)
        .map((item) => `${item.userName} (${DECISION_WORDS[item.decision as ReviewDecisionValue] ?? item.decision})`)
        .join(", ");
      const more = decided.length > 10 ? ` and ${decided.length - 10} more` : "";
      returnValidationErrors(schema, {
        items: {
          _errors: [
            `Nothing was saved: ${names}${more} already ${decided.length === 1 ? "has a decision" : "have decisions"}. Confirm to replace ${decided.length === 1 ? "it" : "them"}, or leave ${decided.length === 1 ? "that user" : "those users"} out.`,
          ],
        },
      });
    }
  }

  const justification = request.justification;
  if (!justification || justification.length < MIN_JUSTIFICATION) {
    const needs = items.map((item) => ({ item, need: justificationNeed(actor, item, request.decision) }));
    const self = needs.filter((entry) => entry.need === "self").map((entry) => entry.item.userName);
    const risky = needs.filter((entry) => entry.need === "risky").map((entry) => entry.item.userName);
    const problems: string[] = [];
    if (self.length > 0) {
      problems.push(
        `${self.join(", ")} looks like your own IAM user (its name matches your name or e-mail): state why you may keep this access`,
      );
    }
    if (risky.length > 0) {
      const names =
        risky.length > 5 ? `${risky.slice(0, 5).join(", ")} and ${risky.length - 5} more` : risky.join(", ");
      problems.push(`${names} ${risky.length === 1 ? "has" : "have"} risk flags: justify the decision`);
    }
    if (problems.length > 0) {
      returnValidationErrors(schema, {
        justification: { _errors: [`${problems.join(". ")} (at least ${MIN_JUSTIFICATION} characters).`] },
      });
    }
  }

  const now = recordsClock().now();
  const versions = new Map(request.items.map((item) => [item.itemId, item.version]));
  for (const item of items) {
    const version = versions.get(item.id)!;
    const { count } = await tx.accessReviewItem.updateMany({
      where: { id: item.id, reviewId: review.id, version },
      data: {
        decision: request.decision,
        modification: request.decision === "MODIFY" ? request.modification : null,
        justification,
        decidedById: actor.userId,
        decidedAt: now,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      // Someone decided since this reviewer loaded the page: never overwrite silently.
      const latest = await tx.accessReviewItem.findUniqueOrThrow({
        where: { id: item.id },
        select: { decision: true, decidedAt: true, decidedBy: { select: { name: true, email: true } } },
      });
      const who = latest.decidedBy ? latest.decidedBy.name || latest.decidedBy.email : "Someone";
      const what = latest.decision ? ` (${latest.decision})` : "";
      const when = latest.decidedAt ? ` at ${minute(latest.decidedAt)}` : "";
      throw new AppError(
        "CONFLICT",
        `${who} decided on ${item.userName}${what}${when} after you loaded the page; nothing was saved. Reload to see their decision, then decide again.`,
      );
    }
  }

  const undecided = await tx.accessReviewItem.count({ where: { reviewId: review.id, decision: null } });
  const status = statusAfterDecisions(undecided);
  if (status !== review.status) {
    await tx.accessReview.update({ where: { id: review.id }, data: { status } });
  }
  return { review, items, status, undecided, selfReviewed: items.filter((item) => isOwnIamUser(actor, item.userName)) };
}

export const decideAccessReviewItemAction = actionClient
  .metadata({ actionName: "decideAccessReviewItem", permission: "review:decide" })
  .inputSchema(decideAccessReviewItemSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const outcome = await recordDecisions(
        tx,
        actor,
        {
          ...parsedInput,
          items: [{ itemId: parsedInput.itemId, version: parsedInput.version }],
          // One user's own form shows its current decision: changing it there is the confirmation.
          replaceDecided: true,
        },
        decideAccessReviewItemSchema,
      );
      const [item] = outcome.items;
      await audit({
        action: "access_review.decided",
        targetType: "AccessReviewItem",
        targetId: parsedInput.itemId,
        customerId: outcome.review.customerId,
        metadata: {
          reviewId: outcome.review.id,
          userName: item?.userName,
          decision: parsedInput.decision,
          modification: parsedInput.modification,
          justification: parsedInput.justification,
          ownAccess: outcome.selfReviewed.length > 0,
        },
      });
      return outcome;
    });
    revalidateReviews(result.review.id);
    return { decided: 1, status: result.status, undecided: result.undecided };
  });

export const decideAccessReviewItemsAction = actionClient
  .metadata({ actionName: "decideAccessReviewItems", permission: "review:decide" })
  .inputSchema(decideAccessReviewItemsSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const outcome = await recordDecisions(tx, actor, parsedInput, decideAccessReviewItemsSchema);
      await audit({
        action: "access_review.decided_in_bulk",
        targetType: "AccessReview",
        targetId: outcome.review.id,
        customerId: outcome.review.customerId,
        metadata: {
          decision: parsedInput.decision,
          modification: parsedInput.modification,
          justification: parsedInput.justification,
          itemIds: outcome.items.map((item) => item.id),
          users: outcome.items.map((item) => item.userName),
          replaced: outcome.items
            .filter((item) => item.decision !== null && !sameDecision(item, parsedInput))
            .map((item) => `${item.userName}: ${item.decision}`),
          ownAccess: outcome.selfReviewed.map((item) => item.userName),
        },
      });
      return outcome;
    });
    revalidateReviews(result.review.id);
    return { decided: result.items.length, status: result.status, undecided: result.undecided };
  });

// ---------- Sign off, end early ----------

export const signOffAccessReviewAction = actionClient
  .metadata({ actionName: "signOffAccessReview", permission: "review:signoff" })
  .inputSchema(signOffAccessReviewSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const review = await transaction(async (tx, audit) => {
      const review = await scopedReview(tx, actor, parsedInput.reviewId, "review:signoff");
      const undecided = await tx.accessReviewItem.count({ where: { reviewId: review.id, decision: null } });
      assertCanSignOff({ status: review.status, signedOffBy: review.signedOffBy?.name }, undecided);
      const signedOffAt = recordsClock().now();
      // The status guard makes a concurrent second sign-off fail instead of overwriting the first.
      const { count } = await tx.accessReview.updateMany({
        where: { id: review.id, status: review.status },
        data: { status: "SIGNED_OFF", signedOffById: actor.userId, signedOffAt },
      });
      if (count === 0) throw new AppError("CONFLICT", "This review changed while you signed it off; reload it.");
      await audit({
        action: "access_review.signed_off",
        targetType: "AccessReview",
        targetId: review.id,
        customerId: review.customerId,
        metadata: { period: review.period, accountIds: review.accountIds, previousStatus: review.status },
      });
      return { ...review, signedOffAt };
    });
    const reevaluatedAccounts = await reevaluate(review.accountIds);
    revalidateReviews(review.id);
    revalidatePath("/customers/[customerId]", "layout");
    return { reviewId: review.id, signedOffAt: review.signedOffAt.toISOString(), reevaluatedAccounts };
  });

export const endAccessReviewAction = actionClient
  .metadata({ actionName: "endAccessReview", permission: "review:run" })
  .inputSchema(endAccessReviewSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const review = await scopedReview(tx, actor, parsedInput.reviewId, "review:run");
      assertOpenForDecisions(review);
      const now = recordsClock().now();
      let applied = 0;
      if (parsedInput.undecided !== "LEAVE_UNDECIDED") {
        const { count } = await tx.accessReviewItem.updateMany({
          where: { reviewId: review.id, decision: null },
          data: {
            decision: parsedInput.undecided,
            justification: `Review ended early by ${actor.name || actor.email}: ${parsedInput.reason}`,
            decidedById: actor.userId,
            decidedAt: now,
            version: { increment: 1 },
          },
        });
        applied = count;
      }
      const undecided = await tx.accessReviewItem.count({ where: { reviewId: review.id, decision: null } });
      const endedReason = `${parsedInput.reason} (undecided users: ${UNDECIDED_OUTCOME_LABELS[parsedInput.undecided]})`;
      await tx.accessReview.update({
        where: { id: review.id },
        data: { status: "ENDED", endedAt: now, endedReason },
      });
      await audit({
        action: "access_review.ended",
        targetType: "AccessReview",
        targetId: review.id,
        customerId: review.customerId,
        metadata: { reason: parsedInput.reason, undecided: parsedInput.undecided, applied, leftUndecided: undecided },
      });
      return { reviewId: review.id, applied, undecided };
    });
    revalidateReviews(result.reviewId);
    return result;
  });
