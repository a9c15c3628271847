import { z } from "zod";
import { CONTROL_CATALOGUE } from "../controls/catalogue";
import { type ControlParams, controlParamsSchema } from "../controls/params";
import type { ControlSeverity } from "../controls/types";

// A customer's control settings live in Customer.settings: `controlParams` (the spec's *param* values)
// and `controlSeverities` (an admin's re-weighting of a control). Stored values are validated on read
// as well as on write, so a bad value names itself instead of skewing a score silently.

const severitySchema = z.enum(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
const knownControlIds = new Set(CONTROL_CATALOGUE.map((control) => control.id));

export const controlSettingsSchema = z.object({
  /** The customer's corporate e-mail domains (set when the customer is created); ROOT-5 reads them. */
  emailDomains: z.array(z.string()).optional(),
  controlParams: controlParamsSchema.partial().optional(),
  controlSeverities: z
    .record(z.string(), severitySchema)
    .refine((value) => Object.keys(value).every((id) => knownControlIds.has(id)), {
      message: "controlSeverities names a control that is not in the catalogue",
    })
    .optional(),
});

export interface CustomerControlSettings {
  params: ControlParams;
  severityOf(controlId: string): ControlSeverity;
}

export function readControlSettings(settings: unknown): CustomerControlSettings {
  const parsed = controlSettingsSchema.safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Customer control settings are invalid at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  // Only the parameters the customer actually stored override: a parsed partial fills every absent key
  // with its default (zod applies defaults inside optional), which once reset the e-mail domains to [].
  const stored = (settings as { controlParams?: Record<string, unknown> } | null)?.controlParams ?? {};
  const explicit = Object.fromEntries(
    Object.entries(parsed.data.controlParams ?? {}).filter(([key]) => Object.hasOwn(stored, key)),
  );
  const params = controlParamsSchema.parse({
    ...(parsed.data.emailDomains ? { corporateEmailDomains: parsed.data.emailDomains } : {}),
    ...explicit,
  });
  const overrides = parsed.data.controlSeverities ?? {};
  const defaults = new Map(CONTROL_CATALOGUE.map((control) => [control.id, control.severity]));
  return {
    params,
    severityOf: (controlId) => overrides[controlId] ?? defaults.get(controlId) ?? "LOW",
  };
}
