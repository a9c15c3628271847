import "server-only";
import { type Actor, withCustomerScope } from "../authz/policy";
import { AUTHORISING_STATUSES } from "../changes/matching";
import { detectedChangeKindLabel } from "../changes/resource-kinds";
import { DAY_MS } from "../dates";
import { db } from "../db/client";
import { getCustomer } from "./customers";

// Read models of the configuration changes Rampart saw between syncs (issue 15 item 6): the customer's
// detected changes with before/after and the change request that covers them, and the CHG-1 summary
// of the last 90 days. The customer is resolved first against the actor's scope (404 when out of it)
// and every query is AND-ed with that scope.

const LIST_LIMIT = 500;
export const CHANGE_SUMMARY_DAYS = 90;

export interface DetectedChangeView {
  id: string;
  account: { awsAccountId: string; alias: string; accountNumber: string };
  region: string;
  kind: string;
  kindLabel: string;
  resourceKind: string;
  resourceId: string;
  action: string;
  before: unknown;
  after: unknown;
  controlId: string | null;
  summary: string;
  firstSeenAt: Date;
  previousSeenAt: Date | null;
  /** The authorising change request that covers it; null = "no change request". */
  changeRequest: { id: string; number: number; title: string; status: string } | null;
}

export interface DetectedChangesPage {
  customer: { id: string; name: string };
  changes: DetectedChangeView[];
  /** More changes than the page shows (the newest are shown). */
  truncated: boolean;
}

export async function listDetectedChanges(
  actor: Actor,
  customerId: string,
  filter: { unmatchedOnly?: boolean } = {},
): Promise<DetectedChangesPage> {
  const customer = await getCustomer(actor, customerId);
  const rows = await db().detectedChange.findMany({
    where: withCustomerScope(actor, {
      customerId: customer.id,
      ...(filter.unmatchedOnly ? { changeRequestId: null } : {}),
    }),
    select: {
      id: true,
      region: true,
      kind: true,
      resourceKind: true,
      resourceId: true,
      action: true,
      before: true,
      after: true,
      controlId: true,
      summary: true,
      firstSeenAt: true,
      previousSeenAt: true,
      awsAccount: { select: { id: true, alias: true, accountNumber: true } },
      changeRequest: { select: { id: true, number: true, title: true, status: true } },
    },
    orderBy: [{ firstSeenAt: "desc" }, { summary: "asc" }],
    take: LIST_LIMIT + 1,
  });
  return {
    customer: { id: customer.id, name: customer.name },
    truncated: rows.length > LIST_LIMIT,
    changes: rows.slice(0, LIST_LIMIT).map((row) => ({
      id: row.id,
      account: {
        awsAccountId: row.awsAccount.id,
        alias: row.awsAccount.alias,
        accountNumber: row.awsAccount.accountNumber,
      },
      region: row.region,
      kind: row.kind,
      kindLabel: detectedChangeKindLabel(row.kind),
      resourceKind: row.resourceKind,
      resourceId: row.resourceId,
      action: row.action,
      before: row.before,
      after: row.after,
      controlId: row.controlId,
      summary: row.summary,
      firstSeenAt: row.firstSeenAt,
      previousSeenAt: row.previousSeenAt,
      // A request cancelled after the match no longer covers the change (the next sync re-matches it).
      changeRequest:
        row.changeRequest && AUTHORISING_STATUSES.includes(row.changeRequest.status) ? row.changeRequest : null,
    })),
  };
}

export interface ChangeActivitySummary {
  days: number;
  since: Date;
  detected: number;
  matched: number;
  unmatched: number;
}

/** CHG-1: changes detected in the last 90 days, how many an approved change request covers, how many none. */
export async function getChangeActivitySummary(
  actor: Actor,
  customerId: string,
  now: Date = new Date(),
): Promise<ChangeActivitySummary> {
  const customer = await getCustomer(actor, customerId);
  const since = new Date(now.getTime() - CHANGE_SUMMARY_DAYS * DAY_MS);
  const inWindow = { customerId: customer.id, firstSeenAt: { gte: since } };
  const [detected, matched] = await Promise.all([
    db().detectedChange.count({ where: withCustomerScope(actor, inWindow) }),
    db().detectedChange.count({
      where: withCustomerScope(actor, {
        ...inWindow,
        changeRequest: { status: { in: [...AUTHORISING_STATUSES] } },
      }),
    }),
  ]);
  return { days: CHANGE_SUMMARY_DAYS, since, detected, matched, unmatched: detected - matched };
}
