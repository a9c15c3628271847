import "server-only";
import { z } from "zod";
import { type Actor, withCustomerScope } from "../authz/policy";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { getCustomer } from "./customers";

// Issue 19 §6: a customer's findings (Inspector, Config, GuardDuty) as a paged, searchable table, most
// severe first and, within a severity, the oldest first. Server-side paging over the customer's rows only:
// the customer id is resolved through the actor's scope first (getCustomer), and every row is read with
// that id, so one customer's page never reaches another's findings. Reads Finding(customerId, status,
// severity) — a few thousand rows per customer even on the 2,000,000-row bench — see ADR 023.

export const FINDINGS_PAGE_SIZE = 25;
export const FINDING_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"] as const;
export const FINDING_STATUS_FILTERS = ["OPEN", "RESOLVED", "SUPPRESSED", "ALL"] as const;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blankToUndefined = (value: unknown) => {
  const first = firstValue(value);
  if (typeof first !== "string") return first;
  const trimmed = first.trim();
  return trimmed === "" ? undefined : trimmed;
};

/** The findings table's URL search params. */
export const findingsQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().max(100, "Search for at most 100 characters.").optional()),
  severity: z.preprocess(
    blankToUndefined,
    z.enum(FINDING_SEVERITIES, { error: "Choose a severity from the list." }).optional(),
  ),
  status: z.preprocess(
    blankToUndefined,
    z
      .enum(FINDING_STATUS_FILTERS, { error: "Choose open, resolved, suppressed or all." })
      .optional()
      .transform((value) => value ?? "OPEN"),
  ),
  account: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, "Choose an account from the list.")
      .optional(),
  ),
  page: z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      return typeof blank === "string" ? Number(blank) : blank;
    },
    z
      .number({ error: "A page is a whole number from 1." })
      .int("A page is a whole number from 1.")
      .min(1, "A page is a whole number from 1.")
      .max(100_000, "A page is a whole number from 1.")
      .optional()
      .transform((value) => value ?? 1),
  ),
});
export type FindingsQueryInput = z.input<typeof findingsQuerySchema>;
export type FindingsQuery = z.output<typeof findingsQuerySchema>;
type FindingsField = keyof FindingsQuery;

/**
 * The page's search params: each invalid field falls back to its default and its message is returned by
 * field, so the form shows it next to the field instead of failing the page.
 */
export function parseFindingsSearchParams(params: Record<string, unknown>): {
  query: FindingsQuery;
  errors: Partial<Record<FindingsField, string>>;
} {
  const input = {
    q: params.q,
    severity: params.severity,
    status: params.status,
    account: params.account,
    page: params.page,
  };
  const parsed = findingsQuerySchema.safeParse(input);
  if (parsed.success) return { query: parsed.data, errors: {} };
  const errors: Partial<Record<FindingsField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as FindingsField;
    errors[field] ??= issue.message;
  }
  const cleaned = { ...input, ...Object.fromEntries(Object.keys(errors).map((key) => [key, undefined])) };
  return { query: findingsQuerySchema.parse(cleaned), errors };
}

export interface FindingRow {
  id: string;
  title: string;
  severity: (typeof FINDING_SEVERITIES)[number];
  status: "OPEN" | "RESOLVED" | "SUPPRESSED";
  source: string;
  accountId: string;
  accountAlias: string;
  region: string;
  resourceType: string | null;
  resourceId: string | null;
  /** The Config rule or the vulnerability (CVE) behind the finding, when the source names one. */
  rule: string | null;
  firstSeenAt: Date;
  /** When the source first observed it (Inspector), else when Rampart first saw it: the age's start. */
  observedAt: Date;
  resolvedAt: Date | null;
}

export interface FindingsPage {
  customer: { id: string; name: string };
  /** The customer's accounts (the account filter's choices), retired ones aside. */
  accounts: { id: string; alias: string }[];
  query: FindingsQuery;
  rows: FindingRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** One page of a customer's findings, filtered and searched; an out-of-scope customer answers NOT_FOUND. */
export async function listCustomerFindings(
  actor: Actor,
  customerId: string,
  input: FindingsQueryInput = {},
): Promise<FindingsPage> {
  const parsed = findingsQuerySchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_INPUT", parsed.error.issues[0]?.message ?? "Invalid findings query.");
  const query = parsed.data;
  const customer = await getCustomer(actor, customerId);
  const accounts = await db().awsAccount.findMany({
    where: withCustomerScope(actor, { customerId: customer.id, archivedAt: null }),
    select: { id: true, alias: true },
    orderBy: [{ alias: "asc" }, { id: "asc" }],
  });

  // SECURITY: every condition below is ANDed with the customer id resolved through the actor's scope.
  const conditions: Prisma.Sql[] = [Prisma.sql`f."customerId" = ${customer.id}`];
  if (query.status !== "ALL") conditions.push(Prisma.sql`f."status" = ${query.status}::"FindingStatus"`);
  if (query.severity) conditions.push(Prisma.sql`f."severity" = ${query.severity}::"Severity"`);
  if (query.account) conditions.push(Prisma.sql`f."awsAccountId" = ${query.account}`);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    conditions.push(Prisma.sql`(
      f."title" ILIKE ${pattern} OR f."resourceId" ILIKE ${pattern} OR f."resourceType" ILIKE ${pattern}
      OR f."details"->>'configRuleName' ILIKE ${pattern} OR f."details"->>'vulnerabilityId' ILIKE ${pattern}
    )`);
  }
  const where = Prisma.join(conditions, " AND ");

  const [{ total }] = await db().$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS "total" FROM "Finding" f WHERE ${where}`;
  const pageCount = Math.max(1, Math.ceil(total / FINDINGS_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows =
    total === 0
      ? []
      : await db().$queryRaw<FindingRow[]>`
          SELECT f."id", f."title", f."severity"::text AS "severity", f."status"::text AS "status",
                 f."source"::text AS "source", f."awsAccountId" AS "accountId", a."alias" AS "accountAlias",
                 f."region", f."resourceType", f."resourceId",
                 coalesce(f."details"->>'configRuleName', f."details"->>'vulnerabilityId') AS "rule",
                 f."firstSeenAt", coalesce(f."observedAt", f."firstSeenAt") AS "observedAt", f."resolvedAt"
          FROM "Finding" f JOIN "AwsAccount" a ON a."id" = f."awsAccountId"
          WHERE ${where}
          ORDER BY f."severity", coalesce(f."observedAt", f."firstSeenAt"), f."id"
          LIMIT ${FINDINGS_PAGE_SIZE} OFFSET ${(page - 1) * FINDINGS_PAGE_SIZE}`;
  return {
    customer: { id: customer.id, name: customer.name },
    accounts,
    query: { ...query, page },
    rows,
    total,
    page,
    pageCount,
    pageSize: FINDINGS_PAGE_SIZE,
  };
}
