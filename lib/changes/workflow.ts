import type { ChangeApprovalRole, ChangeStatus as PrismaChangeStatus } from "../db/generated/enums";
import { AppError } from "../errors";

// The change workflow of SOP 000 §11 as data: request → assessment → approval → communication → execution
// in the window → validation → closing into the ICR log. A change moves
//   DRAFT → ASSESSED → APPROVED | REJECTED → IN_PROGRESS → VALIDATED → CLOSED,
// and may be CANCELLED before it starts (DRAFT, ASSESSED, APPROVED). Each move names the permission it
// needs (lib/authz/policy.ts) and the statuses it starts from; a refusal names the moves that are allowed.
// Approvals are not a move of their own: each is recorded while ASSESSED, and the change becomes APPROVED
// once every required approval is in (requiredApprovalRoles), REJECTED at the first rejection.
// The request itself may be edited until it is approved (EDIT_SENDS_BACK): an edit sends it back to DRAFT.

export const CHANGE_STATUSES = [
  "DRAFT",
  "ASSESSED",
  "APPROVED",
  "REJECTED",
  "IN_PROGRESS",
  "VALIDATED",
  "CLOSED",
  "CANCELLED",
] as const satisfies readonly ChangeStatus[];
/** The stored enum (read models return it as Prisma gives it, no cast). */
export type ChangeStatus = PrismaChangeStatus;

export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  DRAFT: "Draft",
  ASSESSED: "Assessed",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  IN_PROGRESS: "In progress",
  VALIDATED: "Validated",
  CLOSED: "Closed",
  CANCELLED: "Cancelled",
};

/** The stored enum: who may approve a change. */
export type ApprovalRole = ChangeApprovalRole;

export const APPROVAL_ROLE_LABELS: Record<ApprovalRole, string> = {
  TECHNICAL_MANAGER: "Technical manager",
  CUSTOMER: "Customer",
  GOVERNANCE: "Governance",
};

export const CHANGE_OUTCOMES = ["SUCCESSFUL", "ROLLED_BACK", "FAILED"] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<ChangeOutcome, string> = {
  SUCCESSFUL: "Successful",
  ROLLED_BACK: "Rolled back",
  FAILED: "Failed",
};

export type ChangeMove = "edit" | "assess" | "decide" | "start" | "validate" | "close" | "cancel";

export type ChangePermission = "change:draft" | "change:approve" | "change:run";

export interface MoveDefinition {
  /** Button and audit verb. */
  verb: string;
  permission: ChangePermission;
  from: readonly ChangeStatus[];
  /** The status the move leaves the change in; a decision decides it from the approvals. */
  to: ChangeStatus | "by-approvals";
}

/** Who may do what from where (SOP 000 §11: consultants request, assess and run; approvers decide). */
export const CHANGE_MOVES: Readonly<Record<ChangeMove, MoveDefinition>> = {
  // Editing the request (what, why, components, window, who) is drafting: see EDIT_SENDS_BACK.
  edit: { verb: "Edit", permission: "change:draft", from: ["DRAFT", "ASSESSED"], to: "DRAFT" },
  // Re-assessing an assessed change is allowed until the first approval or rejection is recorded.
  assess: { verb: "Assess", permission: "change:draft", from: ["DRAFT", "ASSESSED"], to: "ASSESSED" },
  decide: { verb: "Approve or reject", permission: "change:approve", from: ["ASSESSED"], to: "by-approvals" },
  start: { verb: "Start", permission: "change:run", from: ["APPROVED"], to: "IN_PROGRESS" },
  validate: { verb: "Validate", permission: "change:run", from: ["IN_PROGRESS"], to: "VALIDATED" },
  close: { verb: "Close", permission: "change:run", from: ["VALIDATED"], to: "CLOSED" },
  cancel: { verb: "Cancel", permission: "change:draft", from: ["DRAFT", "ASSESSED", "APPROVED"], to: "CANCELLED" },
};

const MOVE_ORDER: readonly ChangeMove[] = ["edit", "assess", "decide", "start", "validate", "close", "cancel"];

export function movesFrom(status: ChangeStatus): ChangeMove[] {
  return MOVE_ORDER.filter((move) => CHANGE_MOVES[move].from.includes(status));
}

export function canMove(status: ChangeStatus, move: ChangeMove): boolean {
  return CHANGE_MOVES[move].from.includes(status);
}

/** Why a move is refused from a status, naming what can be done from there. */
export function moveRefusal(status: ChangeStatus, move: ChangeMove): string {
  const label = CHANGE_STATUS_LABELS[status];
  const allowed = movesFrom(status).map((candidate) => CHANGE_MOVES[candidate].verb.toLowerCase());
  const what = MOVE_REFUSALS[move];
  const next = allowed.length > 0 ? ` From ${label} it can: ${allowed.join(", ")}.` : ` ${label} is final.`;
  return `${what} The change is ${label}.${next}`;
}

const MOVE_REFUSALS: Record<ChangeMove, string> = {
  edit: "Only a change that is not approved yet (a draft or an assessed change) can be edited; cancel it and request it again instead.",
  assess: "Only a draft, or an assessed change nobody has decided on yet, can be assessed.",
  decide: "Approvals and rejections are recorded on an assessed change only.",
  start: "Only an approved change can be started.",
  validate: "Only a change in progress can be validated.",
  close: "Only a validated change can be closed into the ICR log.",
  cancel: "A change can be cancelled only before it starts.",
};

/** Throws CONFLICT (the change's status decides) unless the move is allowed from `status`. */
export function assertMove(status: ChangeStatus, move: ChangeMove): void {
  if (!canMove(status, move)) throw new AppError("CONFLICT", moveRefusal(status, move));
}

// ---------- Editing the request ----------

/** What an edit of the request withdraws, so that nobody's decision stands on text they did not see. */
export interface EditConsequence {
  /** The assessment was made on the old request: the change must be assessed again (assessedAt cleared). */
  assessment: boolean;
  /** Approvals given on the old request are withdrawn (deleted; the audit row keeps who, when and what). */
  approvals: boolean;
}

/**
 * SOP 000 §11: an assessment and each approval judge the request as it was written. Editing it therefore
 * sends it back: a draft stays a draft; an assessed change (with or without some approvals recorded)
 * returns to DRAFT, its assessment must be confirmed again (its text is kept to start from) and every
 * approval given so far is withdrawn, so it is approved again by everyone on what it now says.
 * An approved, rejected, running or finished change is not edited: it is cancelled and requested again.
 */
export const EDIT_SENDS_BACK: Readonly<Record<"DRAFT" | "ASSESSED", EditConsequence>> = {
  DRAFT: { assessment: false, approvals: false },
  ASSESSED: { assessment: true, approvals: true },
};

/** What editing a change in `status` withdraws; throws CONFLICT when it may not be edited at all. */
export function editConsequence(status: ChangeStatus): EditConsequence {
  assertMove(status, "edit");
  return EDIT_SENDS_BACK[status as keyof typeof EDIT_SENDS_BACK];
}

// ---------- Approvals ----------

/**
 * The approvals a change needs (SOP 000 §11 "Change Approval"): always the customer's technical manager;
 * the customer too when its environment is managed collaboratively; the internal governance team when
 * the assessment asked for it.
 */
export function requiredApprovalRoles(input: {
  collaborative: boolean;
  governanceApprovalRequired: boolean;
}): ApprovalRole[] {
  return [
    "TECHNICAL_MANAGER",
    ...(input.collaborative ? (["CUSTOMER"] as const) : []),
    ...(input.governanceApprovalRequired ? (["GOVERNANCE"] as const) : []),
  ];
}

export type ApprovalVerdict = "APPROVED" | "REJECTED";

/** Where the recorded verdicts leave an assessed change: any rejection rejects it; all approvals approve it. */
export function statusAfterVerdicts(
  required: readonly ApprovalRole[],
  verdicts: readonly { role: ApprovalRole; verdict: ApprovalVerdict }[],
): "ASSESSED" | "APPROVED" | "REJECTED" {
  if (verdicts.some((verdict) => verdict.verdict === "REJECTED")) return "REJECTED";
  const approved = new Set(verdicts.filter((verdict) => verdict.verdict === "APPROVED").map((verdict) => verdict.role));
  return required.every((role) => approved.has(role)) ? "APPROVED" : "ASSESSED";
}

export function missingApprovals(
  required: readonly ApprovalRole[],
  verdicts: readonly { role: ApprovalRole }[],
): ApprovalRole[] {
  const given = new Set(verdicts.map((verdict) => verdict.role));
  return required.filter((role) => !given.has(role));
}

/** What makes someone an approver of one change (loaded by the action, decided here). */
export interface ApproverFacts {
  role: "ADMIN" | "CONSULTANT" | "MANAGER" | "CUSTOMER_VIEWER" | "CUSTOMER_REVIEWER";
  userId: string;
  /** CUSTOMER_* users: their customer. */
  customerId: string | null;
  /** A MANAGER assigned to the change's customer (CustomerAssignment, ADR 010). */
  isTechnicalManager: boolean;
}

/** The approval role this person holds for this change, or the reason they hold none. */
export function approvalRoleFor(
  approver: ApproverFacts,
  change: {
    customerId: string;
    requestedById: string | null;
    collaborative: boolean;
    governanceApprovalRequired: boolean;
  },
): { role: ApprovalRole } | { refusal: string } {
  if (change.requestedById !== null && change.requestedById === approver.userId)
    return { refusal: "You requested this change, so you cannot approve or reject it: another approver must." };
  switch (approver.role) {
    case "MANAGER":
      return approver.isTechnicalManager
        ? { role: "TECHNICAL_MANAGER" }
        : {
            refusal:
              "Only the customer's technical manager approves its changes, and you are not assigned as its technical manager (Administration → Assignments).",
          };
    case "CUSTOMER_REVIEWER":
      if (approver.customerId !== change.customerId) return { refusal: "Not found" };
      return change.collaborative
        ? { role: "CUSTOMER" }
        : {
            refusal:
              "This customer's environment is not managed collaboratively, so its changes are approved by the technical manager alone.",
          };
    case "ADMIN":
      return change.governanceApprovalRequired
        ? { role: "GOVERNANCE" }
        : { refusal: "The assessment did not ask for a governance approval of this change." };
    default:
      return { refusal: "You do not have permission to do that." };
  }
}

/** A change that needs a rollback plan before any approval (SOP 000 §11 "Define rollback plans"). */
export function hasRollbackPlan(change: { rollbackPlan: string | null }): boolean {
  return Boolean(change.rollbackPlan?.trim());
}

export const ROLLBACK_PLAN_REQUIRED =
  "This change has no rollback plan yet. Add one in the assessment before it can be approved.";
