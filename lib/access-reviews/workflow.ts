import type { AccessReviewStatus } from "../db/generated/enums";
import { AppError } from "../errors";

// The access-review workflow as data (SOP 000 §3, issue 17 §5), like lib/alerts/workflow.ts: a campaign
// is OPEN while users are undecided, COMPLETED once every user has a decision, then SIGNED_OFF by a
// manager (IAM-12 passes) or ENDED early by a consultant. The actions enforce these rules and the read
// models show the same ones (which buttons appear, why a reviewer cannot decide), from this one table.

export const ACCESS_REVIEW_STATUSES = [
  "OPEN",
  "COMPLETED",
  "SIGNED_OFF",
  "ENDED",
] as const satisfies readonly AccessReviewStatus[];

export const ACCESS_REVIEW_STATUS_LABELS: Record<AccessReviewStatus, string> = {
  OPEN: "open",
  COMPLETED: "completed",
  SIGNED_OFF: "signed off",
  ENDED: "ended",
};

/** A campaign is due within a year at most; a quarterly review is usually due in 2–4 weeks. */
export const MAX_DUE_DAYS = 366;

/** What ending a campaign early does to the users nobody decided on. */
export const UNDECIDED_OUTCOMES = ["KEEP", "REVOKE", "LEAVE_UNDECIDED"] as const;
export const UNDECIDED_OUTCOME_LABELS: Record<(typeof UNDECIDED_OUTCOMES)[number], string> = {
  KEEP: "keep their access",
  REVOKE: "revoke their access",
  LEAVE_UNDECIDED: "leave them undecided (the review cannot be signed off)",
};

export type AccessReviewOperation = "decide" | "end" | "signOff";

/**
 * What may happen to a campaign in each status. Sign-off also needs every user decided (see
 * signOffRefusal): an ENDED campaign can be signed off only when ending it decided everyone.
 */
export const ACCESS_REVIEW_OPERATIONS: Readonly<Record<AccessReviewStatus, readonly AccessReviewOperation[]>> = {
  OPEN: ["decide", "end", "signOff"],
  COMPLETED: ["decide", "end", "signOff"],
  SIGNED_OFF: [],
  ENDED: ["signOff"],
};

/** Statuses in which reviewers still work: decisions are taken, the due date counts (overdue). */
export const IN_PROGRESS_STATUSES = (Object.keys(ACCESS_REVIEW_OPERATIONS) as AccessReviewStatus[]).filter((status) =>
  ACCESS_REVIEW_OPERATIONS[status].includes("decide"),
);

export function allowsOperation(status: AccessReviewStatus, operation: AccessReviewOperation): boolean {
  return ACCESS_REVIEW_OPERATIONS[status].includes(operation);
}

/** The status a campaign takes after decisions: COMPLETED once nobody is undecided. */
export function statusAfterDecisions(undecided: number): "OPEN" | "COMPLETED" {
  return undecided === 0 ? "COMPLETED" : "OPEN";
}

export function isOverdue(review: { status: AccessReviewStatus; dueAt: Date }, now: Date): boolean {
  return allowsOperation(review.status, "decide") && review.dueAt < now;
}

interface SignedOff {
  status: AccessReviewStatus;
  /** Who signed off and when, named in the refusal when known. */
  signedOffBy?: string | null;
  signedOffAt?: Date | null;
}

function signedOffPhrase(review: SignedOff): string {
  const by = review.signedOffBy ? ` by ${review.signedOffBy}` : "";
  const on = review.signedOffAt ? ` on ${review.signedOffAt.toISOString().slice(0, 10)}` : "";
  return `${by}${on}`;
}

/**
 * Why decisions (and ending early) are refused in this status, or null: a signed-off or ended campaign
 * is a record, not a worklist. Without who/when (the read model's short form) the text stays general.
 */
export function decideRefusal(review: SignedOff): string | null {
  if (allowsOperation(review.status, "decide")) return null;
  if (review.status === "SIGNED_OFF") {
    const phrase = signedOffPhrase(review);
    return phrase
      ? `This review was signed off${phrase} and is read-only.`
      : "This review is signed off and read-only.";
  }
  return "This review was ended early and is read-only.";
}

/** Why a sign-off is refused, or null: once only, and only when every user has a decision. */
export function signOffRefusal(review: SignedOff, undecided: number): string | null {
  if (!allowsOperation(review.status, "signOff")) {
    const by = review.signedOffBy ? ` by ${review.signedOffBy}` : "";
    return `This review is already signed off${by}.`;
  }
  if (undecided === 0) return null;
  return review.status === "ENDED"
    ? `This review ended early with ${undecided} undecided users; it cannot be signed off. Start a new review for them.`
    : `${undecided} users are still undecided: a review is signed off once every user has a decision (or end it early).`;
}

/** Throws CONFLICT (the campaign's status decides) unless decisions may be recorded. */
export function assertCanDecide(review: SignedOff): void {
  const refusal = decideRefusal(review);
  if (refusal) throw new AppError("CONFLICT", refusal);
}

/** Throws CONFLICT unless the campaign may be signed off now. */
export function assertCanSignOff(review: SignedOff, undecided: number): void {
  const refusal = signOffRefusal(review, undecided);
  if (refusal) throw new AppError("CONFLICT", refusal);
}
