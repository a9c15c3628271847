import { z } from "zod";
import { emailDomainListSchema } from "@/lib/actions/customer-schemas";
import { CONTROL_CATALOGUE } from "@/lib/controls/catalogue";
import { type ControlParams, controlParamsSchema, DEFAULT_CONTROL_PARAMS } from "@/lib/controls/params";
import { controlSeveritySchema, DEFAULT_MAX_SUPPRESSION_DAYS } from "@/lib/customers/settings";

// The per-customer control parameters of ../shared/spec/controls.md (*param*), the corporate e-mail
// domains ROOT-5 reads, an admin's severity re-weighting and the longest suppression, as a form sends
// them. Each field: absent = unchanged, empty = back to the default, a value = set. Bounds come from the
// catalogue's own schema (lib/controls/params.ts), so the form and the evaluators can never disagree.

type NumberParamKey = {
  [K in keyof ControlParams]: ControlParams[K] extends number ? K : never;
}[keyof ControlParams];

export interface NumberParameterField {
  key: NumberParamKey;
  label: string;
  unit: string;
  min: number;
  max: number;
}

const numberField = (key: NumberParamKey, label: string, unit: string): NumberParameterField => {
  const schema = controlParamsSchema.shape[key].unwrap() as z.ZodNumber;
  return { key, label, unit, min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
};

/** The numeric parameters, in the catalogue's order, with the control each one tunes. */
export const NUMBER_PARAMETER_FIELDS: readonly NumberParameterField[] = [
  numberField("minimumPasswordLength", "Minimum password length (IAM-1)", "characters"),
  numberField("maxPasswordAgeDays", "Maximum password age (IAM-3)", "days"),
  numberField("passwordReusePrevention", "Previous passwords remembered (IAM-4)", "passwords"),
  numberField("unusedCredentialDays", "Credentials unused for (IAM-6)", "days"),
  numberField("accessKeyMaxAgeDays", "Access key maximum age (IAM-7)", "days"),
  numberField("accessReviewMaxAgeDays", "Access review at least every (IAM-12)", "days"),
  numberField("logRetentionMinDays", "Trail log retention at least (TRAIL-4)", "days"),
  numberField("certificateMinValidDays", "Certificate validity left at least (NET-8)", "days"),
  numberField("inspectorCriticalMaxAgeDays", "Critical Inspector finding open at most (DET-4)", "days"),
  numberField("inspectorHighMaxAgeDays", "High Inspector finding open at most (DET-4)", "days"),
  numberField("restoreTestMaxAgeDays", "Restore test at least every (BAK-4)", "days"),
  numberField("alertReviewCadenceDays", "Alert review at least every (GOV-5)", "days"),
];

export const INSPECTOR_RESOURCE_TYPES = ["ec2", "ecr", "lambda", "lambdaCode"] as const;
export const MAX_SUPPRESSION_DAYS_LIMIT = 3650;

function wholeNumber(field: { label: string; unit: string; min: number; max: number }, fallback: number) {
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      const text = String(value).trim();
      if (text === "") return null;
      const number = Number(text);
      if (!/^\d+$/.test(text) || number < field.min || number > field.max) {
        ctx.addIssue({
          code: "custom",
          message: `Give a whole number of ${field.unit} from ${field.min} to ${field.max}, or leave it empty for the default (${fallback}).`,
        });
        return z.NEVER;
      }
      return number;
    })
    .optional();
}

function splitOn(value: string | string[], separator: RegExp): string[] {
  const items = (Array.isArray(value) ? value : value.split(separator)).map((item) => item.trim()).filter(Boolean);
  return [...new Set(items)];
}

const adminPortsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value, ctx) => {
    const items = splitOn(value, /[\s,;]+/);
    if (items.length === 0) return null;
    const bad = items.filter((item) => !/^\d+$/.test(item) || Number(item) > 65535);
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `${bad.map((item) => `"${item}"`).join(", ")} ${bad.length === 1 ? "is not a port" : "are not ports"}: give port numbers from 0 to 65535 separated by commas, or leave it empty for the default (${DEFAULT_CONTROL_PARAMS.adminPorts.join(", ")}).`,
      });
      return z.NEVER;
    }
    return items.map(Number);
  })
  .optional();

const requiredTagKeysSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value, ctx) => {
    // Tag keys may contain spaces (AWS allows letters, digits, spaces and + - = . _ : / @): commas separate.
    const keys = splitOn(value, /[,\n]+/);
    if (keys.length === 0) return null;
    const tooLong = keys.filter((key) => key.length > 128);
    if (tooLong.length > 0) {
      ctx.addIssue({ code: "custom", message: "A tag key has at most 128 characters (AWS's limit)." });
      return z.NEVER;
    }
    if (keys.length > 50) {
      ctx.addIssue({ code: "custom", message: `At most 50 required tag keys (you gave ${keys.length}).` });
      return z.NEVER;
    }
    return keys;
  })
  .optional();

const inspectorResourceTypesSchema = z
  .union([z.enum(INSPECTOR_RESOURCE_TYPES), z.array(z.string())])
  .transform((value, ctx) => {
    const chosen = splitOn(value, /[\s,]+/);
    const unknown = chosen.filter((type) => !(INSPECTOR_RESOURCE_TYPES as readonly string[]).includes(type));
    if (unknown.length > 0 || chosen.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: "Choose at least one resource type Inspector must scan (EC2, ECR, Lambda, Lambda code).",
      });
      return z.NEVER;
    }
    return INSPECTOR_RESOURCE_TYPES.filter((type) => chosen.includes(type));
  })
  .optional();

const accountAliasPatternSchema = z
  .string()
  .transform((value, ctx) => {
    const pattern = value.trim();
    if (pattern === "") return null;
    if (pattern.length > 200) {
      ctx.addIssue({ code: "custom", message: "At most 200 characters." });
      return z.NEVER;
    }
    try {
      new RegExp(pattern);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: `Not a regular expression Rampart can use (${(error as Error).message}). Example: ^acme-(prod|dev|test)$`,
      });
      return z.NEVER;
    }
    return pattern;
  })
  .optional();

const knownControlIds = new Set(CONTROL_CATALOGUE.map((control) => control.id));

const controlSeveritiesSchema = z
  .record(z.string(), z.string())
  .transform((value, ctx) => {
    const unknown = Object.keys(value).filter((id) => !knownControlIds.has(id));
    if (unknown.length > 0) {
      ctx.addIssue({ code: "custom", message: `${unknown.join(", ")}: not a control of the catalogue.` });
      return z.NEVER;
    }
    const chosen: Record<string, z.infer<typeof controlSeveritySchema>> = {};
    for (const [controlId, severity] of Object.entries(value)) {
      if (severity === "") continue;
      const parsed = controlSeveritySchema.safeParse(severity);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: `${controlId}: choose critical, high, medium, low or the default.` });
        return z.NEVER;
      }
      chosen[controlId] = parsed.data;
    }
    return chosen;
  })
  .optional();

export const updateControlParametersSchema = z.object({
  customerId: z.string().trim().min(1, "Required").max(64, "Not a valid id"),
  /** ROOT-5: the customer's corporate e-mail domains (empty = any SECURITY contact passes). */
  corporateEmailDomains: emailDomainListSchema.optional(),
  ...(Object.fromEntries(
    NUMBER_PARAMETER_FIELDS.map((field) => [field.key, wholeNumber(field, DEFAULT_CONTROL_PARAMS[field.key])]),
  ) as Record<NumberParamKey, ReturnType<typeof wholeNumber>>),
  adminPorts: adminPortsSchema,
  inspectorResourceTypes: inspectorResourceTypesSchema,
  requiredTagKeys: requiredTagKeysSchema,
  accountAliasPattern: accountAliasPatternSchema,
  controlSeverities: controlSeveritiesSchema,
  maxSuppressionDays: wholeNumber(
    { label: "Longest suppression", unit: "days", min: 1, max: MAX_SUPPRESSION_DAYS_LIMIT },
    DEFAULT_MAX_SUPPRESSION_DAYS,
  ),
});
