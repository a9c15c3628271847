import { z } from "zod";
import { alertSlaSchema } from "@/lib/alerts/sla";
import { utcToday } from "../dates";

// Inputs of the alert triage actions. Dates arrive as YYYY-MM-DD from date inputs and mean "through the
// end of that day (UTC)"; the customer-dependent bound of a suppression (maxSuppressionDays) is checked
// by the action, which reads the customer.

/** A bulk action takes at most one page of the queue at a time. */
export const BULK_MAX_ALERTS = 100;

const idSchema = z.string().trim().min(1, "Required").max(64, "Not a valid id");

const expiryDaySchema = z
  .string({ message: "Choose when the suppression ends" })
  .trim()
  .min(1, "Choose when the suppression ends")
  .pipe(z.iso.date({ message: "Choose the end as a date (YYYY-MM-DD)" }))
  .refine((day) => day > utcToday(), { message: "Choose a date after today" });

const reasonSchema = z
  .string({ message: "Give the reason for the suppression" })
  .trim()
  .min(10, "Give the reason for the suppression (at least 10 characters)")
  .max(1000, "At most 1,000 characters");

const optionalNote = z
  .string()
  .trim()
  .max(2000, "At most 2,000 characters")
  .optional()
  .transform((value) => (value ? value : null));

/** Moves a person makes with a button: acknowledge, start work, resolve, reopen (suppress has its own form). */
export const changeAlertStatusSchema = z.object({
  alertId: idSchema,
  to: z.enum(["ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED", "NEW"], { message: "Choose what to do with the alert" }),
  note: optionalNote,
});

/** "" or null = unassign. */
const assigneeSchema = z
  .string()
  .trim()
  .max(64, "Not a valid user")
  .nullable()
  .optional()
  .transform((value) => (value ? value : null));

export const assignAlertSchema = z.object({ alertId: idSchema, assigneeId: assigneeSchema });

export const commentOnAlertSchema = z.object({
  alertId: idSchema,
  body: z.string({ message: "Write a comment" }).trim().min(1, "Write a comment").max(4000, "At most 4,000 characters"),
});

export const suppressAlertSchema = z.object({
  alertId: idSchema,
  reason: reasonSchema,
  expiresAt: expiryDaySchema,
});

const alertIdsSchema = z
  .array(idSchema, { message: "Select at least one alert" })
  .min(1, "Select at least one alert")
  .max(BULK_MAX_ALERTS, `Select at most ${BULK_MAX_ALERTS} alerts at a time`)
  .transform((ids) => [...new Set(ids)]);

/** One bulk operation over selected alerts: all of them change, or none does. */
export const bulkAlertSchema = z.discriminatedUnion(
  "operation",
  [
    z.object({ operation: z.literal("acknowledge"), alertIds: alertIdsSchema }),
    z.object({
      operation: z.literal("assign"),
      alertIds: alertIdsSchema,
      assigneeId: assigneeSchema,
      /** Issue 19 §1: replacing someone else's assignment needs this, set after the person confirmed. */
      confirmReplace: z.boolean().optional().default(false),
    }),
    z.object({
      operation: z.literal("suppress"),
      alertIds: alertIdsSchema,
      reason: reasonSchema,
      expiresAt: expiryDaySchema,
      /** Suppressing alerts someone already acknowledged or is working on needs this. */
      confirmReplace: z.boolean().optional().default(false),
    }),
  ],
  { message: "Choose acknowledge, assign or suppress" },
);
export type BulkAlertInput = z.input<typeof bulkAlertSchema>;

/** A form field: "" keeps the default, otherwise a whole number of hours. */
const slaField = z
  .union([z.number(), z.string().trim()])
  .optional()
  .transform((value, context) => {
    if (value === undefined || value === "") return undefined;
    const hours = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(hours)) {
      context.addIssue({ code: "custom", message: "Enter a number of hours, or leave it empty for the default" });
      return z.NEVER;
    }
    return hours;
  });

export const updateAlertSlaSchema = z
  .object({
    customerId: idSchema,
    critical: slaField,
    high: slaField,
    medium: slaField,
    low: slaField,
  })
  .transform((input, context) => {
    const sla = Object.fromEntries(
      (["critical", "high", "medium", "low"] as const)
        .filter((key) => input[key] !== undefined)
        .map((key) => [key, input[key]]),
    );
    const parsed = alertSlaSchema.safeParse(sla);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        context.addIssue({
          code: "custom",
          message: issue.message,
          path: issue.path.length ? issue.path : ["critical"],
        });
      }
      return z.NEVER;
    }
    return { customerId: input.customerId, alertSla: parsed.data };
  });
