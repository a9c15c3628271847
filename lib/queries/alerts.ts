import "server-only";
import {
  type AlertQueueQuery,
  DEFAULT_SORT_DIRECTION,
  QUEUE_PAGE_SIZE,
  type SortDirection,
} from "../alerts/queue-query";
import { type AlertSlaHours, DUE_SOON_HOURS, slaHoursOf } from "../alerts/sla";
import { parseDedupKey } from "../alerts/sources";
import { OPEN_STATUSES } from "../alerts/workflow";
import {
  type Actor,
  authorize,
  can,
  customerScope,
  isCustomerInScope,
  isStaffRole,
  rolesWith,
  staffWhoCan,
  withCustomerIdScope,
  withCustomerScope,
} from "../authz/policy";
import { readCustomerSettings } from "../customers/settings";
import { DAY_MS, HOUR_MS } from "../dates";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { notFound } from "../errors";

// The alert queue's read models: the queue (filters, sort, page), its counts (polled by the page), one
// alert with its history and the evidence behind it, and the staff an alert may be assigned to. Every
// query ANDs the actor's customer scope; an alert outside it does not exist for the actor.

/** Open alerts across the actor's customers, most severe and oldest first. */
export async function listOpenAlerts(actor: Actor, options: { take?: number } = {}) {
  authorize(actor, "alert:read");
  return db().alert.findMany({
    where: withCustomerScope(actor, {
      status: { in: [...OPEN_STATUSES] },
      customer: { archivedAt: null },
    }),
    select: {
      id: true,
      title: true,
      severity: true,
      status: true,
      region: true,
      resource: true,
      firstSeenAt: true,
      dueAt: true,
      customer: { select: { id: true, name: true } },
      awsAccount: { select: { alias: true, accountNumber: true } },
    },
    orderBy: [{ severity: "asc" }, { firstSeenAt: "asc" }],
    take: options.take ?? 100,
  });
}

function dueSoonWhere(now: Date): Prisma.AlertWhereInput {
  return {
    OR: Object.entries(DUE_SOON_HOURS).map(([severity, hours]) => ({
      severity: severity as "CRITICAL",
      dueAt: { gt: now, lte: new Date(now.getTime() + hours * HOUR_MS) },
    })),
  };
}

function onTrackWhere(now: Date): Prisma.AlertWhereInput {
  return {
    OR: Object.entries(DUE_SOON_HOURS).map(([severity, hours]) => ({
      severity: severity as "CRITICAL",
      dueAt: { gt: new Date(now.getTime() + hours * HOUR_MS) },
    })),
  };
}

const OPEN: Prisma.AlertWhereInput = { status: { in: [...OPEN_STATUSES] } };

/** The queue's filters as a where clause (without scope: callers AND it with the actor's). */
export function alertFilterWhere(query: AlertQueueQuery, actor: Actor, now: Date): Prisma.AlertWhereInput {
  const and: Prisma.AlertWhereInput[] = [{ customer: { archivedAt: null } }];
  if (query.customer) and.push({ customerId: query.customer });
  if (query.severity?.length) and.push({ severity: { in: query.severity } });
  if (query.status === "open") and.push(OPEN);
  else if (query.status !== "all") and.push({ status: query.status });
  if (query.assignee === "me") and.push({ assigneeId: actor.userId });
  else if (query.assignee === "none") and.push({ assigneeId: null });
  else if (query.assignee) and.push({ assigneeId: query.assignee });
  if (query.source) and.push({ source: query.source });
  if (query.age) {
    const days = { "24h": 1, "7d": 7, "30d": 30, older: 30 }[query.age];
    const since = new Date(now.getTime() - days * DAY_MS);
    and.push({ firstSeenAt: query.age === "older" ? { lte: since } : { gt: since } });
  }
  if (query.sla === "breached") and.push(OPEN, { dueAt: { lte: now } });
  else if (query.sla === "due-soon") and.push(OPEN, dueSoonWhere(now));
  else if (query.sla === "on-track") and.push(OPEN, onTrackWhere(now));
  return { AND: and };
}

function orderBy(sort: AlertQueueQuery["sort"], dir: SortDirection): Prisma.AlertOrderByWithRelationInput[] {
  const flip = (direction: SortDirection): SortDirection =>
    dir === DEFAULT_SORT_DIRECTION[sort] ? direction : direction === "asc" ? "desc" : "asc";
  switch (sort) {
    case "severity":
      return [{ severity: flip("asc") }, { dueAt: "asc" }, { id: "asc" }];
    case "due":
      return [{ dueAt: flip("asc") }, { id: "asc" }];
    case "age":
      return [{ firstSeenAt: flip("asc") }, { id: "asc" }];
    case "seen":
      return [{ lastSeenAt: flip("desc") }, { id: "asc" }];
    case "customer":
      return [{ customer: { name: flip("asc") } }, { severity: "asc" }, { dueAt: "asc" }, { id: "asc" }];
  }
}

const QUEUE_SELECT = {
  id: true,
  title: true,
  source: true,
  rule: true,
  severity: true,
  status: true,
  region: true,
  resource: true,
  occurrences: true,
  firstSeenAt: true,
  lastSeenAt: true,
  dueAt: true,
  resolvedAt: true,
  suppressedUntil: true,
  customer: { select: { id: true, name: true } },
  awsAccount: { select: { id: true, alias: true, accountNumber: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.AlertSelect;

export type AlertQueueRow = Prisma.AlertGetPayload<{ select: typeof QUEUE_SELECT }>;

export interface AlertQueuePage {
  rows: AlertQueueRow[];
  matching: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/**
 * Whether the queue's filters select exactly the open alerts of the actor's active customers, the counters'
 * `open`: the queue's first view. Keep in step with alertFilterWhere.
 */
function isOpenQueueUnfiltered(query: AlertQueueQuery): boolean {
  return (
    query.status === "open" &&
    !query.customer &&
    !query.severity?.length &&
    !query.assignee &&
    !query.source &&
    !query.age &&
    !query.sla
  );
}

/** One page of the queue across the actor's customers. */
export async function listAlertQueue(
  actor: Actor,
  query: AlertQueueQuery,
  now = new Date(),
  options: { counters?: Promise<Omit<AlertCounts, "matching">> } = {},
): Promise<AlertQueuePage> {
  authorize(actor, "alert:read");
  const where = withCustomerScope(actor, alertFilterWhere(query, actor, now));
  // With no filter the alerts matching are the open ones the counters count anyway: not counted twice.
  const matching =
    options.counters && isOpenQueueUnfiltered(query)
      ? (await options.counters).open
      : await db().alert.count({ where });
  const pageCount = Math.max(1, Math.ceil(matching / QUEUE_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = await db().alert.findMany({
    where,
    select: QUEUE_SELECT,
    orderBy: orderBy(query.sort, query.dir ?? DEFAULT_SORT_DIRECTION[query.sort]),
    skip: (page - 1) * QUEUE_PAGE_SIZE,
    take: QUEUE_PAGE_SIZE,
  });
  return { rows, matching, page, pageCount, pageSize: QUEUE_PAGE_SIZE };
}

export interface AlertCounts {
  /** Alerts matching the current filters (any status the filters allow). */
  matching: number;
  open: number;
  new: number;
  breached: number;
  dueSoon: number;
  mine: number;
  unassigned: number;
  openBySeverity: Record<"CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL", number>;
  /** When these were counted (ISO), so a client can tell fresh counts from the first paint. */
  countedAt: string;
}

/** The queue's counters: what is open, new, past SLA, due soon, mine, unassigned — within scope. */
export async function getAlertCounts(actor: Actor, query: AlertQueueQuery, now = new Date()): Promise<AlertCounts> {
  authorize(actor, "alert:read");
  const [matching, counters] = await Promise.all([
    db().alert.count({ where: withCustomerScope(actor, alertFilterWhere(query, actor, now)) }),
    getAlertCounters(actor, now),
  ]);
  return { matching, ...counters };
}

/**
 * The counters that do not depend on the queue's filters, in one pass over the open alerts in scope (the
 * partial index Alert_open_customerId_counts_idx, index-only) instead of one count per counter (ADR 030).
 * The page takes `matching` from its own page of the queue.
 */
export async function getAlertCounters(actor: Actor, now = new Date()): Promise<Omit<AlertCounts, "matching">> {
  authorize(actor, "alert:read");
  const scope = customerScope(actor);
  // SECURITY: the same scope as withCustomerScope: every customer, or only the actor's ids.
  const inScope =
    scope.kind === "all" ? Prisma.sql`` : Prisma.sql`AND a."customerId" = ANY(${[...scope.customerIds]}::text[])`;
  const dueSoon = Prisma.join(
    Object.entries(DUE_SOON_HOURS).map(
      ([severity, hours]) =>
        Prisma.sql`(a."severity" = ${severity}::"Severity" AND a."dueAt" <= ${new Date(now.getTime() + hours * HOUR_MS)})`,
    ),
    " OR ",
  );
  const [row] = await db().$queryRaw<
    (Record<"open" | "new" | "breached" | "dueSoon" | "mine" | "unassigned", number> &
      Record<"CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL", number>)[]
  >`
    SELECT count(*)::int AS "open",
           (count(*) FILTER (WHERE a."status" = 'NEW'))::int AS "new",
           (count(*) FILTER (WHERE a."dueAt" <= ${now}))::int AS "breached",
           (count(*) FILTER (WHERE a."dueAt" > ${now} AND (${dueSoon})))::int AS "dueSoon",
           (count(*) FILTER (WHERE a."assigneeId" = ${actor.userId}))::int AS "mine",
           (count(*) FILTER (WHERE a."assigneeId" IS NULL))::int AS "unassigned",
           (count(*) FILTER (WHERE a."severity" = 'CRITICAL'))::int AS "CRITICAL",
           (count(*) FILTER (WHERE a."severity" = 'HIGH'))::int AS "HIGH",
           (count(*) FILTER (WHERE a."severity" = 'MEDIUM'))::int AS "MEDIUM",
           (count(*) FILTER (WHERE a."severity" = 'LOW'))::int AS "LOW",
           (count(*) FILTER (WHERE a."severity" = 'INFORMATIONAL'))::int AS "INFORMATIONAL"
    FROM "Alert" a
    JOIN "Customer" c ON c."id" = a."customerId" AND c."archivedAt" IS NULL
    WHERE a."status" IN ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS') ${inScope}`;
  // The statuses are OPEN_STATUSES written out: a bound parameter would not let the planner match the index's
  // WHERE; alerts.integration.test.ts compares every counter with its own count.
  const counts = row!;
  return {
    open: counts.open,
    new: counts.new,
    breached: counts.breached,
    dueSoon: counts.dueSoon,
    mine: counts.mine,
    unassigned: counts.unassigned,
    openBySeverity: {
      CRITICAL: counts.CRITICAL,
      HIGH: counts.HIGH,
      MEDIUM: counts.MEDIUM,
      LOW: counts.LOW,
      INFORMATIONAL: counts.INFORMATIONAL,
    },
    countedAt: now.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------- detail

const DETAIL_SELECT = {
  ...QUEUE_SELECT,
  dedupKey: true,
  evidenceLink: true,
  acknowledgedAt: true,
  suppressionReason: true,
  suppressionApproverId: true,
  version: true,
  createdAt: true,
  events: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      type: true,
      fromStatus: true,
      toStatus: true,
      note: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
  },
} satisfies Prisma.AlertSelect;

export type AlertDetailRow = Prisma.AlertGetPayload<{ select: typeof DETAIL_SELECT }>;

export interface ContextOffender {
  kind: string;
  id: string;
  region?: string;
  detail?: string;
}

export type AlertContext =
  | {
      kind: "control";
      controlId: string;
      status: string;
      reason: string;
      offenders: ContextOffender[];
      evaluatedAt: Date;
    }
  | {
      kind: "finding";
      title: string;
      status: string;
      severity: string;
      region: string;
      resourceType: string | null;
      resourceId: string | null;
      firstSeenAt: Date;
      observedAt: Date | null;
      vulnerabilityId: string | null;
      sourceUrl: string | null;
      remediation: string | null;
    }
  | { kind: "config"; resources: { resourceType: string | null; resourceId: string | null; firstSeenAt: Date }[] }
  | {
      kind: "coverage";
      runFinishedAt: Date | null;
      steps: { region: string; status: string; errorCode: string | null; errorMessage: string | null }[];
    };

export interface AlertDetail {
  alert: AlertDetailRow;
  /** The longest suppression this alert's customer allows, in days. */
  suppressionMaxDays: number;
  suppressionApprover: string | null;
  /** When the current episode opened (the last opened/reopened event), for time to acknowledge/resolve. */
  openedAt: Date;
  context: AlertContext | null;
}

/** One alert in the actor's scope with its full history and what the evidence says now. */
export async function getAlert(actor: Actor, alertId: string): Promise<AlertDetail> {
  authorize(actor, "alert:read");
  const alert = await db().alert.findFirst({
    where: withCustomerScope(actor, { id: alertId, customer: { archivedAt: null } }),
    select: DETAIL_SELECT,
  });
  if (!alert) throw notFound("Alert not found");
  const [customer, approver, context] = await Promise.all([
    db().customer.findUniqueOrThrow({ where: { id: alert.customer.id }, select: { settings: true } }),
    alert.suppressionApproverId
      ? db().user.findUnique({ where: { id: alert.suppressionApproverId }, select: { name: true } })
      : Promise.resolve(null),
    loadContext(actor, alert),
  ]);
  const opening = alert.events.filter((event) => event.toStatus === "NEW").at(-1);
  return {
    alert,
    suppressionMaxDays: readCustomerSettings(customer.settings, alert.customer.id).maxSuppressionDays,
    suppressionApprover: approver?.name ?? null,
    openedAt: opening?.createdAt ?? alert.firstSeenAt,
    context,
  };
}

async function loadContext(actor: Actor, alert: AlertDetailRow): Promise<AlertContext | null> {
  const account = alert.awsAccount;
  if (!account) return null;
  const key = parseDedupKey(alert.dedupKey);
  // Every read below is for the alert's own account, itself in scope; the scope is ANDed all the same.
  switch (alert.source) {
    case "CONTROL":
    case "CERTIFICATE": {
      const controlId = alert.source === "CERTIFICATE" ? "NET-8" : alert.rule;
      const result = await db().controlResult.findFirst({
        where: withCustomerScope(actor, { awsAccountId: account.id, controlId, isCurrent: true }),
        select: { status: true, reason: true, offenders: true, evaluatedAt: true },
      });
      if (!result) return null;
      const offenders = (Array.isArray(result.offenders) ? result.offenders : []) as unknown as ContextOffender[];
      return {
        kind: "control",
        controlId,
        status: result.status,
        reason: result.reason,
        offenders: (alert.source === "CERTIFICATE"
          ? offenders.filter((offender) => offender.id === alert.resource)
          : offenders
        ).slice(0, 50),
        evaluatedAt: result.evaluatedAt,
      };
    }
    case "INSPECTOR": {
      if (!key) return null;
      const finding = await db().finding.findFirst({
        where: withCustomerScope(actor, { awsAccountId: account.id, source: "INSPECTOR", externalKey: key.resource }),
        select: {
          title: true,
          status: true,
          severity: true,
          region: true,
          resourceType: true,
          resourceId: true,
          firstSeenAt: true,
          observedAt: true,
          details: true,
        },
      });
      if (!finding) return null;
      const details = (finding.details ?? {}) as Record<string, unknown>;
      const text = (value: unknown) => (typeof value === "string" && value ? value : null);
      return {
        kind: "finding",
        title: finding.title,
        status: finding.status,
        severity: finding.severity,
        region: finding.region,
        resourceType: finding.resourceType,
        resourceId: finding.resourceId,
        firstSeenAt: finding.firstSeenAt,
        observedAt: finding.observedAt,
        vulnerabilityId: text(details.vulnerabilityId),
        sourceUrl: text(details.sourceUrl)?.startsWith("https://") ? text(details.sourceUrl) : null,
        remediation: text(details.remediation),
      };
    }
    case "CONFIG": {
      const resources = await db().finding.findMany({
        where: withCustomerScope(actor, {
          awsAccountId: account.id,
          source: "CONFIG",
          status: "OPEN",
          region: alert.region ?? undefined,
          details: { path: ["configRuleName"], equals: alert.rule },
        }),
        select: { resourceType: true, resourceId: true, firstSeenAt: true },
        orderBy: { resourceId: "asc" },
        take: 100,
      });
      return { kind: "config", resources };
    }
    case "COVERAGE": {
      const run = await db().syncRun.findFirst({
        where: withCustomerScope(actor, {
          awsAccountId: account.id,
          status: { in: ["SUCCEEDED", "PARTIAL", "FAILED"] as const },
        }),
        orderBy: { queuedAt: "desc" },
        select: {
          finishedAt: true,
          steps: {
            where: alert.rule === "sts" ? {} : { collector: alert.rule },
            select: { region: true, status: true, errorCode: true, errorMessage: true },
            orderBy: { region: "asc" },
            take: 50,
          },
        },
      });
      if (!run) return null;
      return { kind: "coverage", runFinishedAt: run.finishedAt, steps: run.steps };
    }
    default:
      return null;
  }
}

// ------------------------------------------------------------------------------------------- assignees

export interface AssigneeChoice {
  id: string;
  name: string;
  email: string;
}

/**
 * Staff an alert of these customers may be assigned to: active admins, and active consultants who look
 * after every one of them. Empty for an actor who cannot triage.
 */
export async function listAlertAssignees(actor: Actor, customerIds: readonly string[]): Promise<AssigneeChoice[]> {
  if (!can(actor, "alert:triage") || customerIds.length === 0) return [];
  return db().user.findMany({
    where: assignableUserWhere(customerIds),
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: 200,
  });
}

/** Users who may hold alerts of all these customers (the action checks the same rule). */
export function assignableUserWhere(customerIds: readonly string[]): Prisma.UserWhereInput {
  return {
    active: true,
    AND: [...new Set(customerIds)].map((customerId) => ({ OR: staffWhoCan("alert:triage", customerId).OR })),
  };
}

export interface TriageStaff extends AssigneeChoice {
  /** The actor's customers this person may hold alerts of; "all" when every one. */
  customerIds: string[] | "all";
}

/**
 * Staff who can hold alerts of at least one of the actor's customers, with which ones (intersected with
 * the actor's scope, so no other customer is named): the queue's assignee filter and bulk assignment.
 */
export async function listTriageStaff(actor: Actor): Promise<TriageStaff[]> {
  if (!can(actor, "alert:triage")) return [];
  const users = await db().user.findMany({
    where: { active: true, role: { in: rolesWith("alert:triage").filter(isStaffRole) } },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      allCustomers: true,
      assignments: { select: { customerId: true } },
    },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: 500,
  });
  const scope = customerScope(actor);
  return users.flatMap((user): TriageStaff[] => {
    const all =
      customerScope({ ...user, customerId: null, assignedCustomerIds: user.assignments.map((row) => row.customerId) })
        .kind === "all";
    if (all) return [{ id: user.id, name: user.name, email: user.email, customerIds: "all" }];
    const customerIds = user.assignments
      .map((row) => row.customerId)
      .filter((customerId) => isCustomerInScope(actor, customerId));
    if (customerIds.length === 0) return [];
    // Covering every customer the actor sees counts as "all" for the actor's purposes.
    const coversScope = scope.kind === "only" && scope.customerIds.every((id) => customerIds.includes(id));
    return [{ id: user.id, name: user.name, email: user.email, customerIds: coversScope ? "all" : customerIds }];
  });
}

export interface CustomerAlertSla {
  id: string;
  name: string;
  /** The hours in force (the customer's own where set, else the defaults). */
  hours: AlertSlaHours;
  /** The customer's own values only (empty = all defaults). */
  custom: Partial<AlertSlaHours>;
  /** An invalid stored value, named; the defaults are used meanwhile. */
  problem: string | null;
}

/** Every customer's alert SLA, for the administrator who sets them. */
export async function listCustomerAlertSlas(actor: Actor): Promise<CustomerAlertSla[]> {
  authorize(actor, "customer:manage");
  const customers = await db().customer.findMany({
    where: withCustomerIdScope(actor, { archivedAt: null }),
    select: { id: true, name: true, settings: true },
    orderBy: { name: "asc" },
  });
  return customers.map((customer) => {
    const settings = readCustomerSettings(customer.settings, customer.id);
    return {
      id: customer.id,
      name: customer.name,
      hours: slaHoursOf(settings.alertSla),
      custom: { ...settings.alertSla },
      problem: settings.problems.find((problem) => problem.startsWith("alertSla")) ?? null,
    };
  });
}
