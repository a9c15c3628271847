import "server-only";
import { z } from "zod";
import { type Actor, authorize, customerWhere } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { DAY_MS } from "../dates";

export const AUDIT_PAGE_SIZE = 50;

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);
const optionalDate = z
  .string()
  .optional()
  .transform((value, context) => {
    if (!value) return undefined;
    const date = new Date(value);
    // PostgreSQL's timestamp cannot hold year 0, negative or five-digit years (and JS dates beyond
    // ±275760 are NaN): outside 1..9999 the filter is not a date, not a database error.
    const year = date.getUTCFullYear();
    if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
      context.addIssue({ code: "custom", message: "Not a date." });
      return z.NEVER;
    }
    return date;
  });

/** The audit-log filters as they arrive in a URL's search params; anything unparsable is dropped. */
export const auditLogFilterSchema = z.object({
  action: optionalText,
  actor: optionalText,
  customerId: optionalText,
  target: optionalText,
  from: optionalDate.catch(undefined),
  to: optionalDate.catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AuditLogFilter = z.output<typeof auditLogFilterSchema>;

export interface AuditLogRow {
  id: string;
  createdAt: Date;
  action: string;
  actorEmail: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  customer: { id: string; name: string } | null;
  ip: string | null;
  userAgent: string | null;
  metadata: unknown;
}

export async function listAuditLog(
  actor: Actor,
  filter: Partial<AuditLogFilter> = {},
): Promise<{ rows: AuditLogRow[]; total: number; page: number; pageSize: number }> {
  authorize(actor, "audit:read");
  const page = filter.page ?? 1;
  const scope = customerWhere(actor);
  const where: Prisma.AuditLogWhereInput = {
    AND: [
      // A narrower-scoped reader sees only entries of its customers, never global ones.
      scope.customerId ? { customerId: scope.customerId } : {},
      filter.customerId ? { customerId: filter.customerId } : {},
      filter.action ? { action: { startsWith: filter.action } } : {},
      filter.actor ? { actorEmail: { contains: filter.actor, mode: "insensitive" } } : {},
      filter.target ? { OR: [{ targetId: filter.target }, { targetType: filter.target }] } : {},
      filter.from || filter.to
        ? { createdAt: { gte: filter.from, lt: filter.to ? endOfUtcDay(filter.to) : undefined } }
        : {},
    ],
  };
  const [entries, total] = await Promise.all([
    db().auditLog.findMany({
      where,
      select: {
        id: true,
        createdAt: true,
        action: true,
        actorEmail: true,
        actor: { select: { name: true } },
        targetType: true,
        targetId: true,
        customer: { select: { id: true, name: true } },
        ip: true,
        userAgent: true,
        metadata: true,
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db().auditLog.count({ where }),
  ]);
  return {
    rows: entries.map(({ actor: entryActor, ...entry }) => ({ ...entry, actorName: entryActor?.name ?? null })),
    total,
    page,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

/** The distinct actions recorded so far, for the filter's choices. */
export async function listAuditActions(actor: Actor): Promise<string[]> {
  authorize(actor, "audit:read");
  const rows = await db().auditLog.findMany({
    where: customerWhere(actor).customerId ? { customerId: customerWhere(actor).customerId } : {},
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((row) => row.action);
}

/** "To 23 Nov" includes the whole of that day. */
function endOfUtcDay(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return date.getTime() === midnight ? new Date(midnight + DAY_MS) : date;
}
