import { z } from "zod";
import { MAX_DUE_DAYS, UNDECIDED_OUTCOMES } from "@/lib/access-reviews/workflow";
import { addDaysToIsoDay, endOfUtcDay, utcToday } from "@/lib/dates";

// Schemas of the access-review actions: start a campaign, decide on its users (one or in bulk), sign it
// off, end it early. Rules that need the database (risky or own users need a justification, reviewer
// eligibility, evidence freshness) are checked by the actions.

/** A justification that says something (risky users, own access, ending early). */
export const MIN_JUSTIFICATION = 10;
export const MAX_BULK_ITEMS = 1000;

const idSchema = z.string().trim().min(1, "Required").max(64, "Not a valid id");

export const REVIEW_DECISIONS = ["KEEP", "REVOKE", "MODIFY"] as const;
export type ReviewDecisionValue = (typeof REVIEW_DECISIONS)[number];

export const startAccessReviewSchema = z.object({
  customerId: idSchema,
  /** Empty = every account of the customer. */
  accountIds: z.array(idSchema).max(500, "Too many accounts").default([]),
  period: z
    .string({ message: "Give the period the review covers, e.g. 2026-Q4" })
    .trim()
    .min(1, "Give the period the review covers, e.g. 2026-Q4")
    .max(40, "At most 40 characters")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/, "Use letters, digits, spaces and . _ / - (e.g. 2026-Q4)"),
  dueAt: z
    .string({ message: "Choose the due date" })
    .trim()
    .min(1, "Choose the due date")
    .pipe(z.iso.date({ message: "Choose the due date as a date (YYYY-MM-DD)" }))
    .refine((day) => day > utcToday(), { message: "The due date must be after today" })
    .refine((day) => day <= addDaysToIsoDay(utcToday(), MAX_DUE_DAYS), {
      message: `The due date must be within ${MAX_DUE_DAYS} days`,
    })
    .transform(endOfUtcDay),
  reviewerIds: z
    .array(idSchema, { message: "Choose at least one reviewer" })
    .min(1, "Choose at least one reviewer")
    .max(50, "At most 50 reviewers"),
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max.toLocaleString("en")} characters`)
    .optional()
    .transform((value) => (value ? value : null));

const decisionFields = {
  decision: z.enum(REVIEW_DECISIONS, { message: "Choose Keep, Revoke or Modify" }),
  /** MODIFY only: what to change ("remove from group admins", "deactivate key 2"). */
  modification: optionalText(1000),
  /** Required for risky users and for the reviewer's own IAM user (checked by the action). */
  justification: optionalText(2000),
};

function requireModification<T extends { decision: ReviewDecisionValue; modification: string | null }>(
  value: T,
  context: z.RefinementCtx,
) {
  if (value.decision === "MODIFY" && !value.modification) {
    context.addIssue({ code: "custom", path: ["modification"], message: "Say what to change" });
  }
}

const versionSchema = z.coerce.number().int().min(1, "Not a valid version").max(1_000_000, "Not a valid version");

export const decideAccessReviewItemSchema = z
  .object({ reviewId: idSchema, itemId: idSchema, version: versionSchema, ...decisionFields })
  .superRefine(requireModification);

export const decideAccessReviewItemsSchema = z
  .object({
    reviewId: idSchema,
    items: z
      .array(z.object({ itemId: idSchema, version: versionSchema }), { message: "Select at least one user" })
      .min(1, "Select at least one user")
      .max(MAX_BULK_ITEMS, `At most ${MAX_BULK_ITEMS} users at once`),
    ...decisionFields,
    /**
     * A bulk decision never replaces a different decision already made unless the reviewer confirmed it
     * after being shown whose (issue 19 §1); without it the action refuses and names them.
     */
    replaceDecided: z.boolean().optional().default(false),
  })
  .superRefine(requireModification);

export const signOffAccessReviewSchema = z.object({ reviewId: idSchema });

export const endAccessReviewSchema = z.object({
  reviewId: idSchema,
  undecided: z.enum(UNDECIDED_OUTCOMES, { message: "Choose what happens to the users nobody decided on" }),
  reason: z
    .string({ message: "Say why the review ends early" })
    .trim()
    .min(MIN_JUSTIFICATION, `Say why the review ends early (at least ${MIN_JUSTIFICATION} characters)`)
    .max(1000, "At most 1,000 characters"),
});
