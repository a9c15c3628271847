import { z } from "zod";
import { type AlertSlaSettings, alertSlaSchema } from "../alerts/sla";
import { CONTROL_CATALOGUE } from "../controls/catalogue";
import { type ControlParams, controlParamsSchema } from "../controls/params";
import type { ControlSeverity } from "../controls/types";
import type { Transaction } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { logger } from "../logger";

// Customer.settings, typed (issue 17 item 3; ADR 016). One schema, one reader, one updater, one failure
// policy. Every key is optional in the stored JSON and has a default here.
//
// Failure policy: each key (and each control parameter) is validated on its own. A stored value that does
// not parse is replaced by its default, named in `problems` and logged as a warning with the customer id;
// the other keys keep their stored values. Reading never throws: a bad value must not stop a sync, a page
// or an alert, and the warning (and the settings form, which shows `problems`) says what to repair.
//
// Writes go through updateCustomerSettings only: it merges a patch into what is stored, under a row lock,
// so setting one key never drops another (issue 12 item 7: setting a control parameter once reset the
// corporate e-mail domains, and ROOT-5 then passed any contact).

/** Suppressions are temporary by design (spec, Scoring); a customer's settings may change the ceiling. */
export const DEFAULT_MAX_SUPPRESSION_DAYS = 180;

const knownControlIds = new Set(CONTROL_CATALOGUE.map((control) => control.id));

type ParamKey = keyof ControlParams;
const PARAM_KEYS = Object.keys(controlParamsSchema.shape) as ParamKey[];

/** One control parameter as stored: the catalogue's schema without its default (absent = default). */
const storedParamSchemas = Object.fromEntries(
  PARAM_KEYS.map((key) => [key, controlParamsSchema.shape[key].unwrap()]),
) as unknown as { [K in ParamKey]: z.ZodType<ControlParams[K]> };

export const controlSeveritySchema = z.enum(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);

/** THE schema of Customer.settings: each key as it may be stored. */
export const customerSettingsSchema = z.object({
  /** The customer's corporate e-mail domains; ROOT-5 reads them (a controlParams value overrides them). */
  emailDomains: z.array(z.string().min(1).max(253)),
  /** The spec's *param* values the customer overrides; absent ones take the catalogue's defaults. */
  controlParams: z.object(storedParamSchemas).partial().strict(),
  /** An admin's re-weighting of a control (controls.md: "an admin may re-weight them per customer"). */
  controlSeverities: z
    .record(z.string(), controlSeveritySchema)
    .refine((value) => Object.keys(value).every((id) => knownControlIds.has(id)), {
      message: "names a control that is not in the catalogue",
    }),
  /** Alert SLA hours per severity (any subset; lib/alerts/sla.ts). */
  alertSla: alertSlaSchema,
  /** The longest suppression the customer allows, in days. */
  maxSuppressionDays: z.number().int().min(1).max(3650),
  /** Change management (SOP §11): whether change requests are approved collaboratively with the customer. */
  changeManagement: z.object({ collaborative: z.boolean() }).strict(),
  /** The customer's IANA time zone: the default zone of a change window (UTC when unset). */
  timeZone: z.string().refine(isTimeZone, { message: "is not an IANA time zone" }),
  /** Evidence packs: whether last month's pack is mailed to the customer's reviewers and managers. */
  evidencePacks: z.object({ monthlyMail: z.boolean() }).strict(),
});

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type StoredSettings = z.infer<typeof customerSettingsSchema>;
type SettingsKey = keyof StoredSettings;
const SETTINGS_KEYS = Object.keys(customerSettingsSchema.shape) as SettingsKey[];

export interface CustomerSettings {
  emailDomains: string[];
  /** Only the parameters the customer stored (valid ones); see controlSettingsOf for the values in force. */
  controlParams: Partial<ControlParams>;
  controlSeverities: Partial<Record<string, ControlSeverity>>;
  /** The customer's own SLA hours only (empty = all defaults). */
  alertSla: AlertSlaSettings;
  maxSuppressionDays: number;
  changeManagement: { collaborative: boolean };
  timeZone: string;
  evidencePacks: { monthlyMail: boolean };
  /** Stored values that did not parse and were replaced by their defaults, named ("controlParams.x: …"). */
  problems: string[];
}

const DEFAULTS: Omit<CustomerSettings, "problems"> = {
  emailDomains: [],
  controlParams: {},
  controlSeverities: {},
  alertSla: {},
  maxSuppressionDays: DEFAULT_MAX_SUPPRESSION_DAYS,
  changeManagement: { collaborative: false },
  timeZone: "UTC",
  evidencePacks: { monthlyMail: false },
};

function describeIssue(prefix: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].join(".");
  return `${path}: ${issue?.message ?? "invalid"}`;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Parses stored settings without logging: the defaults for what is absent or invalid, and the problems. */
export function parseCustomerSettings(raw: unknown): CustomerSettings {
  const stored = asRecord(raw);
  const problems: string[] = [];
  if (raw !== null && raw !== undefined && !stored) problems.push("(root): not an object");
  const settings: Omit<CustomerSettings, "problems"> = structuredClone(DEFAULTS);
  for (const key of SETTINGS_KEYS) {
    const value = stored?.[key];
    if (value === undefined || value === null) continue;
    if (key === "controlParams") {
      // Parameter by parameter: one bad value never takes the customer's other parameters with it.
      const params = asRecord(value);
      if (!params) {
        problems.push("controlParams: not an object");
        continue;
      }
      const kept: Record<string, unknown> = {};
      for (const [param, paramValue] of Object.entries(params)) {
        const schema = storedParamSchemas[param as ParamKey];
        if (!schema) {
          problems.push(`controlParams.${param}: not a control parameter`);
          continue;
        }
        const parsed = schema.safeParse(paramValue);
        if (parsed.success) kept[param] = parsed.data;
        else problems.push(describeIssue(`controlParams.${param}`, parsed.error));
      }
      settings.controlParams = kept as Partial<ControlParams>;
      continue;
    }
    const parsed = customerSettingsSchema.shape[key].safeParse(value);
    if (parsed.success) Object.assign(settings, { [key]: parsed.data });
    else problems.push(describeIssue(key, parsed.error));
  }
  return { ...settings, problems };
}

/** THE reader: the customer's settings, typed; invalid stored values are defaults, named and logged. */
export function readCustomerSettings(raw: unknown, customerId: string): CustomerSettings {
  const settings = parseCustomerSettings(raw);
  if (settings.problems.length > 0)
    logger.warn(
      { customerId, problems: settings.problems },
      "customer settings hold invalid values; their defaults are used until they are corrected",
    );
  return settings;
}

/** The control parameters in force: the catalogue's defaults, the customer's e-mail domains, its overrides. */
export function controlParamsOf(settings: CustomerSettings): ControlParams {
  return controlParamsSchema.parse({
    corporateEmailDomains: settings.emailDomains,
    ...settings.controlParams,
  });
}

/**
 * A change to some keys. `null` removes a key (back to its default). controlParams merges parameter by
 * parameter (`null` removes one); every key not named keeps its stored value, unknown keys included.
 */
export type CustomerSettingsPatch = {
  [K in Exclude<SettingsKey, "controlParams">]?: StoredSettings[K] | null;
} & {
  controlParams?: { [K in ParamKey]?: ControlParams[K] | null };
};

const patchSchema = z
  .object({
    ...Object.fromEntries(
      SETTINGS_KEYS.filter((key) => key !== "controlParams").map((key) => [
        key,
        customerSettingsSchema.shape[key].nullable().optional(),
      ]),
    ),
    controlParams: z
      .object(Object.fromEntries(PARAM_KEYS.map((key) => [key, storedParamSchemas[key].nullable().optional()])))
      .strict()
      .optional(),
  })
  .strict();

/** The stored JSON after a patch: pure, so what is written can be tested without a database. */
export function mergeCustomerSettings(raw: unknown, patch: CustomerSettingsPatch): Record<string, unknown> {
  const parsed = patchSchema.safeParse(patch);
  if (!parsed.success) throw new Error(`Invalid customer settings patch: ${describeIssue("patch", parsed.error)}`);
  const next: Record<string, unknown> = { ...(asRecord(raw) ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === "controlParams") {
      const params: Record<string, unknown> = { ...(asRecord(next.controlParams) ?? {}) };
      for (const [param, paramValue] of Object.entries(value as Record<string, unknown>)) {
        if (paramValue === undefined) continue;
        if (paramValue === null) delete params[param];
        else params[param] = paramValue;
      }
      if (Object.keys(params).length === 0) delete next.controlParams;
      else next.controlParams = params;
    } else if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/**
 * THE updater: merges `patch` into the customer's stored settings in the caller's transaction, under a
 * row lock (two administrators saving different keys at once both keep theirs). Returns the settings
 * before and after, for the audit row.
 */
export async function updateCustomerSettings(
  tx: Transaction,
  customerId: string,
  patch: CustomerSettingsPatch,
): Promise<{ before: CustomerSettings; after: CustomerSettings }> {
  await tx.$queryRaw`SELECT "id" FROM "Customer" WHERE "id" = ${customerId} FOR UPDATE`;
  const { settings: raw } = await tx.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { settings: true },
  });
  const next = mergeCustomerSettings(raw, patch);
  await tx.customer.update({ where: { id: customerId }, data: { settings: next as Prisma.InputJsonValue } });
  return { before: parseCustomerSettings(raw), after: parseCustomerSettings(next) };
}
