import { z } from "zod";
import { CONTROL_CATALOGUE } from "@/lib/controls/catalogue";
import { addMonthsToIsoDay, endOfUtcDay, utcToday } from "@/lib/dates";

// Schemas for the consultant records that feed control results: attestations, suppressions, endpoint
// acknowledgements (NET-7) and alert reviews (GOV-5). Dates arrive as YYYY-MM-DD from date inputs and mean
// "through the end of that day (UTC)"; bounds that depend on the customer (maxSuppressionDays) are checked
// by the action, which reads the customer.

/** How far ahead an attestation may be valid: a yearly re-check with a month of slack. */
export const ATTESTATION_MAX_MONTHS = 13;

const ATTESTABLE_CONTROL_IDS = new Set(
  CONTROL_CATALOGUE.filter((control) => control.acceptsAttestation).map((control) => control.id),
);
const CONTROL_IDS = new Set(CONTROL_CATALOGUE.map((control) => control.id));

const idSchema = z.string().trim().min(1, "Required").max(64, "Not a valid id");

/** "" or absent = every account of the customer. */
const accountScopeSchema = z
  .string()
  .trim()
  .max(64, "Not a valid account")
  .optional()
  .transform((value) => (value ? value : null));

const futureDaySchema = (label: string) =>
  z
    .string({ message: `Choose ${label}` })
    .trim()
    .min(1, `Choose ${label}`)
    .pipe(z.iso.date({ message: `Choose ${label} as a date (YYYY-MM-DD)` }))
    .refine((day) => day > utcToday(), { message: "Choose a date after today" });

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : null));

export const recordAttestationSchema = z.object({
  customerId: idSchema,
  controlId: z
    .string()
    .trim()
    .refine((id) => ATTESTABLE_CONTROL_IDS.has(id), {
      message: "This control is decided from AWS evidence and does not accept attestations",
    }),
  awsAccountId: accountScopeSchema,
  note: z
    .string({ message: "Describe the evidence you checked" })
    .trim()
    .min(10, "Describe the evidence you checked (at least 10 characters)")
    .max(2000, "At most 2,000 characters"),
  link: z
    .string()
    .trim()
    .max(2000, "At most 2,000 characters")
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(z.url({ protocol: /^https?$/, message: "A link starts with https:// or http://" }).nullable()),
  documentRef: optionalText(200, "At most 200 characters"),
  validUntil: futureDaySchema("until when the attestation is valid")
    .refine((day) => day <= addMonthsToIsoDay(utcToday(), ATTESTATION_MAX_MONTHS), {
      message: `An attestation is valid for at most ${ATTESTATION_MAX_MONTHS} months; check the control again then`,
    })
    .transform(endOfUtcDay),
});

export const suppressControlSchema = z.object({
  customerId: idSchema,
  controlId: z
    .string()
    .trim()
    .refine((id) => CONTROL_IDS.has(id), { message: "Unknown control" }),
  awsAccountId: accountScopeSchema,
  reason: z
    .string({ message: "Give the reason for the suppression" })
    .trim()
    .min(10, "Give the reason for the suppression (at least 10 characters)")
    .max(1000, "At most 1,000 characters"),
  /** The day the suppression ends; its upper bound is the customer's (Customer settings' maxSuppressionDays). */
  expiresAt: futureDaySchema("when the suppression expires"),
});

export const revokeSuppressionSchema = z.object({ suppressionId: idSchema });

export const acknowledgeEndpointSchema = z.object({
  awsAccountId: idSchema,
  /** "<kind>:<id>" as built by endpointKey() in lib/controls/rules/network.ts. */
  endpointKey: z
    .string()
    .trim()
    .max(2048, "Not a valid endpoint")
    .regex(/^(elb|instance|eip|rds):\S+$/, "Not a valid endpoint"),
  note: optionalText(500, "At most 500 characters"),
});

export const recordAlertReviewSchema = z.object({
  customerId: idSchema,
  note: z
    .string({ message: "Say what you reviewed and what you found" })
    .trim()
    .min(1, "Say what you reviewed and what you found")
    .max(4000, "At most 4,000 characters"),
});
