import { z } from "zod";
import { ALERT_SEVERITIES, type AlertSeverity } from "./sla";
import { ALERT_SOURCES } from "./source-names";
import { ALERT_STATUSES } from "./workflow";

// The alert queue's view as URL search params: filters (customer, severity, status, assignee, source,
// age, SLA state), sort and page. Each param is validated on its own; an invalid one is named in
// `problems` and replaced by its default, so a hand-edited URL explains itself instead of failing.

export const QUEUE_SORTS = ["severity", "due", "age", "seen", "customer"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export type SortDirection = "asc" | "desc";

export const SORT_LABELS: Record<QueueSort, string> = {
  severity: "severity, then due time",
  due: "due time",
  age: "age (first seen)",
  seen: "last seen",
  customer: "customer",
};

/** The end a consultant looks at first: most severe, soonest due, oldest, most recently seen. */
export const DEFAULT_SORT_DIRECTION: Record<QueueSort, SortDirection> = {
  severity: "asc",
  due: "asc",
  age: "asc",
  seen: "desc",
  customer: "asc",
};

export const STATUS_FILTERS = ["open", "all", ...ALERT_STATUSES] as const;
export const AGE_FILTERS = ["24h", "7d", "30d", "older"] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];
export const AGE_LABELS: Record<AgeFilter, string> = {
  "24h": "Opened in the last 24 hours",
  "7d": "Opened in the last 7 days",
  "30d": "Opened in the last 30 days",
  older: "Opened over 30 days ago",
};
export const SLA_FILTERS = ["breached", "due-soon", "on-track"] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];
export const SLA_FILTER_LABELS: Record<SlaFilter, string> = {
  breached: "Past SLA",
  "due-soon": "Due soon",
  "on-track": "On track",
};

export const QUEUE_PAGE_SIZE = 50;

const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id");

export const alertQueueQuerySchema = z.object({
  customer: id.optional(),
  severity: z.array(z.enum(ALERT_SEVERITIES)).max(ALERT_SEVERITIES.length).optional(),
  status: z.enum(STATUS_FILTERS).default("open"),
  /** "me", "none" (unassigned) or a user id. */
  assignee: z.union([z.enum(["me", "none"]), id]).optional(),
  source: z.enum(ALERT_SOURCES).optional(),
  age: z.enum(AGE_FILTERS).optional(),
  sla: z.enum(SLA_FILTERS).optional(),
  sort: z.enum(QUEUE_SORTS).default("severity"),
  dir: z.enum(["asc", "desc"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type AlertQueueQuery = z.output<typeof alertQueueQuerySchema>;

export type SearchParamsInput = Readonly<Record<string, string | readonly string[] | undefined>>;

const FIELDS = Object.keys(alertQueueQuerySchema.shape) as (keyof AlertQueueQuery)[];
const DEFAULTS: AlertQueueQuery = alertQueueQuerySchema.parse({});

const first = (value: string | readonly string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) as string | undefined;

/** Severity may be repeated (?severity=CRITICAL&severity=HIGH) or comma-separated; case does not matter. */
function severityValues(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const values = (Array.isArray(value) ? value : [value as string])
    .flatMap((entry) => entry.split(","))
    .map((entry) => entry.trim().toUpperCase())
    .filter(Boolean);
  return values.length === 0 ? undefined : [...new Set(values)];
}

/** Enum-valued params are accepted in any case: ?status=new, ?source=inspector. */
function normalise(field: keyof AlertQueueQuery, raw: string): string {
  const value = raw.trim();
  if (field === "source") return value.toUpperCase();
  if (field === "status") {
    const upper = value.toUpperCase();
    return (ALERT_STATUSES as readonly string[]).includes(upper) ? upper : value.toLowerCase();
  }
  return value;
}

export interface ParsedQueueQuery {
  query: AlertQueueQuery;
  /** One per invalid param: what was wrong and that its default is used instead. */
  problems: { field: string; message: string }[];
}

export function parseAlertQueueQuery(params: SearchParamsInput): ParsedQueueQuery {
  const query: Record<string, unknown> = { ...DEFAULTS };
  const problems: ParsedQueueQuery["problems"] = [];
  for (const field of FIELDS) {
    const raw = field === "severity" ? severityValues(params[field]) : first(params[field]);
    if (raw === undefined || raw === "") continue;
    const value = typeof raw === "string" ? normalise(field, raw) : raw;
    const parsed = alertQueueQuerySchema.shape[field].safeParse(value);
    if (parsed.success) query[field] = parsed.data;
    else
      problems.push({
        field,
        message: `“${field}” is not valid (${parsed.error.issues[0]?.message ?? "invalid"}): ${String(
          first(params[field]) ?? "",
        ).slice(0, 60)}. Showing ${
          DEFAULTS[field] === undefined ? "every value" : `the default (${String(DEFAULTS[field])})`
        } instead.`,
      });
  }
  return { query: query as AlertQueueQuery, problems };
}

/** The same params for a route handler, where an invalid one is a 400 naming it (withActor maps the issues). */
export const alertQueueParamsSchema = z.record(z.string(), z.string()).transform((params, context) => {
  const { query, problems } = parseAlertQueueQuery(params);
  for (const problem of problems) context.addIssue({ code: "custom", message: problem.message, path: [problem.field] });
  return query;
});

/** A queue URL: the current view with some params replaced; defaults are left out. */
export function alertQueueHref(query: Partial<AlertQueueQuery>, changes: Partial<AlertQueueQuery> = {}): string {
  const next = { ...DEFAULTS, ...query, ...changes };
  const params = new URLSearchParams();
  if (next.customer) params.set("customer", next.customer);
  for (const severity of next.severity ?? []) params.append("severity", severity);
  if (next.status !== DEFAULTS.status) params.set("status", next.status);
  if (next.assignee) params.set("assignee", next.assignee);
  if (next.source) params.set("source", next.source);
  if (next.age) params.set("age", next.age);
  if (next.sla) params.set("sla", next.sla);
  if (next.sort !== DEFAULTS.sort) params.set("sort", next.sort);
  if (next.dir && next.dir !== DEFAULT_SORT_DIRECTION[next.sort]) params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `/alerts?${search}` : "/alerts";
}

/** The view's params for the counts route: severities comma-joined (route handlers read one value per name). */
export function alertQueueSearch(query: AlertQueueQuery): string {
  const params = new URLSearchParams(alertQueueHref(query).split("?")[1] ?? "");
  const severities = params.getAll("severity");
  params.delete("severity");
  params.delete("page");
  if (severities.length > 0) params.set("severity", severities.join(","));
  return params.toString();
}

export interface QueuePreset {
  key: string;
  label: string;
  description: string;
  query: Partial<AlertQueueQuery>;
  /** Presets about "me" make sense only for staff who triage. */
  staffOnly: boolean;
}

/** Saved filters every user has (per-user saved filters are not built yet). */
export const QUEUE_PRESETS: readonly QueuePreset[] = [
  {
    key: "my-open-criticals",
    label: "My open criticals",
    description: "Critical alerts assigned to you that are not resolved or suppressed",
    query: { assignee: "me", severity: ["CRITICAL"], status: "open" },
    staffOnly: true,
  },
  {
    key: "breached",
    label: "Breached",
    description: "Open alerts past their SLA due time",
    query: { sla: "breached", status: "open", sort: "due" },
    staffOnly: false,
  },
  {
    key: "due-soon",
    label: "Due soon",
    description: "Open alerts close to their SLA due time",
    query: { sla: "due-soon", status: "open", sort: "due" },
    staffOnly: false,
  },
  {
    key: "unassigned",
    label: "Unassigned",
    description: "Open alerts nobody has taken",
    query: { assignee: "none", status: "open" },
    staffOnly: true,
  },
];

/** Whether the current view is exactly a preset (for aria-current on its link). */
export function isPreset(query: AlertQueueQuery, preset: QueuePreset): boolean {
  return alertQueueHref(query, { page: 1 }) === alertQueueHref({ ...DEFAULTS, ...preset.query });
}

export function severityLabel(severity: AlertSeverity): string {
  return severity.charAt(0) + severity.slice(1).toLowerCase();
}

export type { AlertSeverity };
