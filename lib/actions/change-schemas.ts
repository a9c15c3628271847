import { z } from "zod";
import { RESOURCE_KINDS } from "@/lib/changes/components";
import { zonedTimeToInstant } from "@/lib/changes/time-zone";
import { CHANGE_OUTCOMES } from "@/lib/changes/workflow";
import { isTimeZone } from "@/lib/customers/settings";
import { DAY_MS } from "@/lib/dates";

// Inputs of the change-management actions (SOP 000 §11). Window times arrive as the wall-clock values of
// datetime-local inputs ("2026-12-10T22:00") in the window's time zone; the refinement turns them into
// instants so "ends before it starts" is judged on real times, at the field that is wrong.

/** A window longer than this is not a maintenance window but a project. */
export const MAX_WINDOW_DAYS = 14;

const idSchema = z.string().trim().min(1, "Required").max(64, "Not a valid id");

const text = (label: string, min: number, max: number) =>
  z
    .string({ message: `Describe ${label}` })
    .trim()
    .min(min, min > 1 ? `Describe ${label} (at least ${min} characters)` : `Describe ${label}`)
    .max(max, `At most ${max.toLocaleString("en-US")} characters`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max.toLocaleString("en-US")} characters`)
    .optional()
    .transform((value) => (value ? value : null));

const wallClock = (what: string) =>
  z
    .string({ message: `Choose when the window ${what}` })
    .trim()
    .min(1, `Choose when the window ${what}`)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Give the time the window ${what} as a date and time`);

const versionSchema = z.coerce
  .number({ message: "Reload the page: the change's version is missing" })
  .int()
  .min(1, "Reload the page: the change's version is missing");

const optionalField = z
  .string()
  .trim()
  .max(200, "Not a valid value")
  .optional()
  .transform((value) => (value ? value : null));

export const changeComponentSchema = z
  .object({
    awsAccountId: idSchema,
    region: optionalField,
    resourceKind: z
      .union([z.enum(RESOURCE_KINDS, { message: "Not a resource kind Rampart collects" }), z.literal("")])
      .optional()
      .transform((value) => (value ? value : null)),
    resourceId: optionalField,
  })
  .refine((component) => (component.resourceKind === null) === (component.resourceId === null), {
    message: "Pick a resource from the list, or none for the whole account or region",
    path: ["resourceId"],
  });

/** The request's own fields (SOP 000 §11 "Change Request"), shared by the request and its edit. */
const requestFields = {
  title: text("the change in a few words", 3, 200),
  description: text("the change in detail", 10, 4000),
  justification: text("why the change is needed", 10, 2000),
  preliminaryImpact: text("the preliminary impact", 3, 2000),
  windowStart: wallClock("starts"),
  windowEnd: wallClock("ends"),
  windowTimeZone: z
    .string({ message: "Choose the time zone of the window" })
    .trim()
    .min(1, "Choose the time zone of the window")
    .refine(isTimeZone, "Not a time zone name (e.g. Europe/Madrid or UTC)"),
  responsibleRole: text("the role responsible for the change", 2, 120),
  responsibleName: text("the person responsible for the change", 2, 120),
  components: z
    .array(changeComponentSchema, { message: "Pick at least one affected account or resource" })
    .min(1, "Pick at least one affected account or resource")
    .max(50, "At most 50 components per change: split it into several changes"),
};

type WindowInput = { windowStart: string; windowEnd: string; windowTimeZone: string };

/** The window judged on real instants in its zone, at the field that is wrong. */
function refineWindow(input: WindowInput, context: z.RefinementCtx): void {
  if (!isTimeZone(input.windowTimeZone)) return;
  const start = zonedTimeToInstant(input.windowStart, input.windowTimeZone);
  const end = zonedTimeToInstant(input.windowEnd, input.windowTimeZone);
  if (!start) context.addIssue({ code: "custom", path: ["windowStart"], message: "Not a valid date and time" });
  if (!end) context.addIssue({ code: "custom", path: ["windowEnd"], message: "Not a valid date and time" });
  if (!start || !end) return;
  if (end.getTime() <= start.getTime()) {
    context.addIssue({
      code: "custom",
      path: ["windowEnd"],
      message: `The window must end after it starts (${input.windowStart.replace("T", " ")}).`,
    });
  } else if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    context.addIssue({
      code: "custom",
      path: ["windowEnd"],
      message: `A change window lasts at most ${MAX_WINDOW_DAYS} days: split the change or shorten the window.`,
    });
  } else if (end.getTime() <= Date.now()) {
    context.addIssue({
      code: "custom",
      path: ["windowEnd"],
      message: "This window has already ended: propose a window that ends in the future.",
    });
  }
}

function withInstants<T extends WindowInput>(input: T) {
  return {
    ...input,
    windowStartAt: zonedTimeToInstant(input.windowStart, input.windowTimeZone)!,
    windowEndAt: zonedTimeToInstant(input.windowEnd, input.windowTimeZone)!,
  };
}

export const createChangeRequestSchema = z
  .object({ customerId: idSchema, ...requestFields })
  .superRefine(refineWindow)
  .transform(withInstants);
export type CreateChangeRequestInput = z.input<typeof createChangeRequestSchema>;

/** An edit of a saved request: every field again (the form sends the whole request), on the version seen. */
export const updateChangeRequestSchema = z
  .object({ changeId: idSchema, version: versionSchema, ...requestFields })
  .superRefine(refineWindow)
  .transform(withInstants);
export type UpdateChangeRequestInput = z.input<typeof updateChangeRequestSchema>;

const booleanChoice = (message: string) =>
  z.preprocess(
    (value) => (value === "yes" || value === "true" ? true : value === "no" || value === "false" ? false : value),
    z.boolean({ message }),
  );

export const assessChangeSchema = z.object({
  changeId: idSchema,
  version: versionSchema,
  impactAvailability: text("the impact on availability", 3, 2000),
  impactSecurity: text("the impact on security", 3, 2000),
  impactPerformance: text("the impact on performance", 3, 2000),
  viability: text("whether the change is viable", 3, 2000),
  needsMaintenanceWindow: booleanChoice("Say whether a maintenance window is needed"),
  executionPlan: text("the steps of the execution", 10, 4000),
  // Required before approval, not before assessment: an assessment may be saved while it is written.
  rollbackPlan: optionalText(4000),
  governanceApprovalRequired: booleanChoice("Say whether governance must approve").default(false),
});
export type AssessChangeInput = z.input<typeof assessChangeSchema>;

export const decideChangeSchema = z
  .object({
    changeId: idSchema,
    version: versionSchema,
    verdict: z.enum(["APPROVED", "REJECTED"], { message: "Choose approve or reject" }),
    comment: z.string({ message: "Add a comment" }).trim().max(2000, "At most 2,000 characters"),
  })
  .superRefine((input, context) => {
    if (input.verdict === "REJECTED" && input.comment.length < 10)
      context.addIssue({
        code: "custom",
        path: ["comment"],
        message: "Say why the change is rejected (at least 10 characters)",
      });
    if (input.verdict === "APPROVED" && input.comment.length < 2)
      context.addIssue({ code: "custom", path: ["comment"], message: "Add a comment to your approval" });
  });

export const startChangeSchema = z.object({ changeId: idSchema, version: versionSchema });

export const validateChangeSchema = z.object({
  changeId: idSchema,
  version: versionSchema,
  rollbackInvoked: booleanChoice("Say whether the rollback plan was invoked"),
  servicesChecked: text("the services you checked", 3, 2000),
  stabilityObserved: text("how stable the environment stayed", 3, 2000),
  observations: optionalText(4000),
});

export const closeChangeSchema = z.object({
  changeId: idSchema,
  version: versionSchema,
  outcome: z.enum(CHANGE_OUTCOMES, { message: "Choose the final result" }),
  finalResult: text("the final result", 10, 4000),
});

export const cancelChangeSchema = z.object({
  changeId: idSchema,
  version: versionSchema,
  reason: text("why the change is cancelled", 10, 2000),
});
