import { z } from "zod";
import { type CustomerSettings, type CustomerSettingsPatch, isTimeZone } from "./settings";

// The customer settings an administrator edits with the customer (Settings → Edit customer): the customer's
// time zone (change windows are entered and shown in it, issue 15), whether its changes are approved
// collaboratively with it (SOP 000 §11), and whether last month's evidence pack is mailed to it (issue 14).

/** An IANA zone name ("Europe/Madrid", "UTC"), not an offset or an abbreviation Intl happens to accept. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export const TIME_ZONE_REFUSAL =
  "Not an IANA time zone. Use a name from the list, such as Europe/Madrid, America/New_York or UTC.";

/** The zone's canonical spelling ("europe/madrid" → "Europe/Madrid"), or null when it is not an IANA zone. */
export function canonicalTimeZone(value: string): string | null {
  const zone = value.trim();
  if (!IANA_NAME.test(zone) || !isTimeZone(zone)) return null;
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}

export const customerTimeZoneSchema = z
  .string({ message: "Give the customer's time zone, such as Europe/Madrid or UTC." })
  .trim()
  .min(1, "Give the customer's time zone, such as Europe/Madrid or UTC.")
  .max(64, TIME_ZONE_REFUSAL)
  .transform((value, context) => {
    const zone = canonicalTimeZone(value);
    if (zone) return zone;
    context.addIssue({ code: "custom", message: TIME_ZONE_REFUSAL });
    return z.NEVER;
  });

/** The settings fields of the customer edit; each absent field keeps what is stored. */
export const customerPracticeFields = {
  timeZone: customerTimeZoneSchema.optional(),
  collaborativeChanges: z.boolean({ message: "Choose yes or no" }).optional(),
  monthlyEvidencePackMail: z.boolean({ message: "Choose yes or no" }).optional(),
};

export interface CustomerPracticeInput {
  timeZone?: string;
  collaborativeChanges?: boolean;
  monthlyEvidencePackMail?: boolean;
}

/** The settings patch of an edit: only the fields it carries (updateCustomerSettings keeps the others). */
export function customerPracticePatch(input: CustomerPracticeInput): CustomerSettingsPatch {
  return {
    ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    ...(input.collaborativeChanges !== undefined
      ? { changeManagement: { collaborative: input.collaborativeChanges } }
      : {}),
    ...(input.monthlyEvidencePackMail !== undefined
      ? { evidencePacks: { monthlyMail: input.monthlyEvidencePackMail } }
      : {}),
  };
}

/** Before and after of each of these settings that an edit changed, for its audit row. */
export function customerPracticeChanges(
  before: CustomerSettings,
  after: CustomerSettings,
): Record<string, { from: string | boolean; to: string | boolean }> {
  const pairs: [string, string | boolean, string | boolean][] = [
    ["timeZone", before.timeZone, after.timeZone],
    ["changeManagement.collaborative", before.changeManagement.collaborative, after.changeManagement.collaborative],
    ["evidencePacks.monthlyMail", before.evidencePacks.monthlyMail, after.evidencePacks.monthlyMail],
  ];
  return Object.fromEntries(pairs.filter(([, from, to]) => from !== to).map(([key, from, to]) => [key, { from, to }]));
}
