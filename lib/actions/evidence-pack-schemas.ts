import { z } from "zod";
import { DAY_MS } from "../dates";

// The scorecard's "Evidence pack" form. The as-of arrives from a datetime-local input (read as UTC), the
// period as two YYYY-MM-DD days, both inclusive; empty fields mean "now" and "the last full quarter".

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const asOfSchema = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Enter a date and time, e.g. 2026-09-30 23:59")
    .transform((value, context) => {
      const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
      if (Number.isNaN(date.getTime())) {
        context.addIssue({ code: "custom", message: "Enter a real date and time" });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
);

const daySchema = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD")
    .transform((value, context) => {
      const date = new Date(`${value}T00:00:00.000Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
        context.addIssue({ code: "custom", message: "Enter a real date" });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
);

export const requestEvidencePackSchema = z
  .object({
    customerId: z.string().trim().min(1).max(64),
    asOf: asOfSchema,
    from: daySchema,
    /** Inclusive last day of the period. */
    to: daySchema,
  })
  .superRefine((value, context) => {
    if ((value.from === undefined) !== (value.to === undefined)) {
      context.addIssue({
        code: "custom",
        path: [value.from === undefined ? "from" : "to"],
        message: "Give both the first and the last day of the period, or neither for the last full quarter",
      });
    }
    if (value.from && value.to && value.to.getTime() < value.from.getTime()) {
      context.addIssue({ code: "custom", path: ["to"], message: "The period must end after it starts" });
    }
  })
  .transform((value) => ({
    customerId: value.customerId,
    asOf: value.asOf,
    from: value.from,
    // The pack's period end is exclusive: the day after the last day.
    to: value.to ? new Date(value.to.getTime() + DAY_MS) : undefined,
  }));
