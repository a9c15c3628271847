"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { type AuditWriter, actionClient } from "@/lib/actions/action-client";
import {
  assignAlertSchema,
  bulkAlertSchema,
  changeAlertStatusSchema,
  commentOnAlertSchema,
  suppressAlertSchema,
  updateAlertSlaSchema,
} from "@/lib/actions/alert-schemas";
import { slaOf } from "@/lib/alerts/raise-alerts";
import { type AlertSeverity, dueAtFor } from "@/lib/alerts/sla";
import {
  type AlertStatus,
  assertTransition,
  STATUS_LABELS,
  TRANSITION_VERBS,
  transitionTimestamps,
} from "@/lib/alerts/workflow";
import { type Actor, authorize, can, withCustomerIdScope, withCustomerScope } from "@/lib/authz/policy";
import { recordsClock } from "@/lib/clock";
import { readCustomerSettings, updateCustomerSettings } from "@/lib/customers/settings";
import { addDaysToIsoDay, endOfUtcDay, utcToday } from "@/lib/dates";
import type { Transaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { assignableUserWhere } from "@/lib/queries/alerts";

// Alert triage: acknowledge, start, resolve, reopen, suppress (reason, approver, expiry), assign and
// comment, one at a time or in bulk. Every change locks the alerts it touches (SELECT … FOR UPDATE) and
// re-reads them inside its transaction, so two consultants acting at once are applied one after the
// other, each against the state the other left: nothing is overwritten, and a move that no longer makes
// sense is refused with the moves that do. Each change leaves an AlertEvent (who, when, what) and an
// audit row, and bumps Alert.version.

const ALERT_STATE = {
  id: true,
  customerId: true,
  status: true,
  severity: true,
  title: true,
  assigneeId: true,
  acknowledgedAt: true,
  version: true,
  customer: { select: { id: true, settings: true } },
} satisfies Prisma.AlertSelect;
type AlertState = Prisma.AlertGetPayload<{ select: typeof ALERT_STATE }>;

/**
 * The alerts named by an input, in the actor's scope, locked for the transaction. One out of scope (or
 * unknown) refuses the whole request without saying which, so nothing of another customer is revealed.
 */
async function lockAlerts(tx: Transaction, actor: Actor, alertIds: readonly string[]): Promise<AlertState[]> {
  const ids = [...new Set(alertIds)];
  const visible = await tx.alert.findMany({
    where: withCustomerScope(actor, { id: { in: ids }, customer: { archivedAt: null } }),
    select: { id: true },
  });
  if (visible.length !== ids.length) {
    throw notFound(
      ids.length === 1
        ? "Alert not found"
        : "Alert not found: some selected alerts are not yours to change. Nothing was changed.",
    );
  }
  await tx.$queryRaw`SELECT "id" FROM "Alert" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
  const alerts = await tx.alert.findMany({ where: { id: { in: ids } }, select: ALERT_STATE, orderBy: { id: "asc" } });
  for (const alert of alerts) authorize(actor, "alert:triage", { customerId: alert.customerId });
  return alerts;
}

async function lockAlert(tx: Transaction, actor: Actor, alertId: string): Promise<AlertState> {
  return (await lockAlerts(tx, actor, [alertId]))[0]!;
}

/** Moves one locked alert to `to`, or refuses naming the allowed moves; records the event and audit row. */
async function moveAlert(
  tx: Transaction,
  audit: AuditWriter,
  actor: Actor,
  alert: AlertState,
  to: AlertStatus,
  options: { note?: string | null; data?: Prisma.AlertUpdateInput; eventNote?: string } = {},
): Promise<void> {
  const from = alert.status as AlertStatus;
  if (from === to) throw new AppError("CONFLICT", `This alert is already ${STATUS_LABELS[to]}; nothing was changed.`);
  assertTransition(from, to);
  const at = recordsClock().now();
  const reopen =
    to === "NEW"
      ? {
          dueAt: dueAtFor(alert.severity as AlertSeverity, at, slaOf(alert.customer.settings, alert.customer.id)),
          suppressedUntil: null,
          suppressionReason: null,
          suppressionApproverId: null,
        }
      : {};
  await tx.alert.update({
    where: { id: alert.id },
    data: { status: to, ...transitionTimestamps(alert, to, at), ...reopen, ...options.data, version: { increment: 1 } },
  });
  await tx.alertEvent.create({
    data: {
      alertId: alert.id,
      actorId: actor.userId,
      type: to === "NEW" ? "reopened" : to === "SUPPRESSED" ? "suppressed" : "status",
      fromStatus: from,
      toStatus: to,
      note: options.eventNote ?? options.note ?? null,
      createdAt: at,
    },
  });
  await audit({
    action: `alert.${TRANSITION_VERBS[to].toLowerCase().replace(/\s+/g, "_")}`,
    targetType: "Alert",
    targetId: alert.id,
    customerId: alert.customerId,
    metadata: { from, to, ...(options.note ? { note: options.note } : {}) },
  });
}

/** Assigns one locked alert (null = unassign), checking the assignee may hold alerts of its customer. */
async function assignAlert(
  tx: Transaction,
  audit: AuditWriter,
  actor: Actor,
  alert: AlertState,
  assignee: { id: string; name: string } | null,
): Promise<boolean> {
  if ((assignee?.id ?? null) === alert.assigneeId) return false;
  await tx.alert.update({
    where: { id: alert.id },
    data: { assigneeId: assignee?.id ?? null, version: { increment: 1 } },
  });
  await tx.alertEvent.create({
    data: {
      alertId: alert.id,
      actorId: actor.userId,
      type: assignee ? "assigned" : "unassigned",
      note: assignee ? `Assigned to ${assignee.name}.` : "Unassigned.",
    },
  });
  await audit({
    action: assignee ? "alert.assigned" : "alert.unassigned",
    targetType: "Alert",
    targetId: alert.id,
    customerId: alert.customerId,
    metadata: { assigneeId: assignee?.id ?? null, previousAssigneeId: alert.assigneeId },
  });
  return true;
}

/** The assignee named by an input, when it may hold alerts of every one of these customers. */
async function findAssignee(tx: Transaction, assigneeId: string | null, customerIds: readonly string[]) {
  if (!assigneeId) return null;
  const user = await tx.user.findFirst({
    where: { AND: [{ id: assigneeId }, assignableUserWhere(customerIds)] },
    select: { id: true, name: true },
  });
  if (!user) {
    throw new AppError(
      "BAD_INPUT",
      "This person cannot be assigned: choose an active consultant who looks after the customer, or an administrator.",
    );
  }
  return user;
}

/** The latest day a suppression of these alerts may run to: the strictest of their customers. */
function suppressionBound(alerts: readonly AlertState[]): { maxDays: number; latest: string } {
  const maxDays = Math.min(
    ...alerts.map((alert) => readCustomerSettings(alert.customer.settings, alert.customer.id).maxSuppressionDays),
  );
  return { maxDays, latest: addDaysToIsoDay(utcToday(), maxDays) };
}

function requireSuppressionApproval(actor: Actor): void {
  if (!can(actor, "suppression:approve")) {
    throw new AppError("FORBIDDEN", "You do not have permission to do that.");
  }
}

function revalidateAlerts(): void {
  revalidatePath("/alerts", "layout");
}

export const changeAlertStatusAction = actionClient
  .metadata({ actionName: "changeAlertStatus", permission: "alert:triage" })
  .inputSchema(changeAlertStatusSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const alert = await lockAlert(tx, actor, parsedInput.alertId);
      await moveAlert(tx, audit, actor, alert, parsedInput.to, { note: parsedInput.note });
      return { alertId: alert.id, status: parsedInput.to };
    });
    revalidateAlerts();
    return result;
  });

export const assignAlertAction = actionClient
  .metadata({ actionName: "assignAlert", permission: "alert:triage" })
  .inputSchema(assignAlertSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const alert = await lockAlert(tx, actor, parsedInput.alertId);
      const assignee = await findAssignee(tx, parsedInput.assigneeId, [alert.customerId]);
      const changed = await assignAlert(tx, audit, actor, alert, assignee);
      return { alertId: alert.id, assigneeId: assignee?.id ?? null, changed };
    });
    revalidateAlerts();
    return result;
  });

export const commentOnAlertAction = actionClient
  .metadata({ actionName: "commentOnAlert", permission: "alert:triage" })
  .inputSchema(commentOnAlertSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const alert = await lockAlert(tx, actor, parsedInput.alertId);
      const event = await tx.alertEvent.create({
        data: { alertId: alert.id, actorId: actor.userId, type: "comment", note: parsedInput.body },
        select: { id: true },
      });
      await tx.alert.update({ where: { id: alert.id }, data: { version: { increment: 1 } } });
      await audit({
        action: "alert.commented",
        targetType: "Alert",
        targetId: alert.id,
        customerId: alert.customerId,
        metadata: { eventId: event.id },
      });
      return { alertId: alert.id, eventId: event.id };
    });
    revalidateAlerts();
    return result;
  });

export const suppressAlertAction = actionClient
  .metadata({ actionName: "suppressAlert", permission: "alert:triage" })
  .inputSchema(suppressAlertSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const alert = await lockAlert(tx, actor, parsedInput.alertId);
      requireSuppressionApproval(actor);
      const { maxDays, latest } = suppressionBound([alert]);
      if (parsedInput.expiresAt > latest) {
        returnValidationErrors(suppressAlertSchema, {
          expiresAt: { _errors: [`A suppression lasts at most ${maxDays} days for this customer (until ${latest})`] },
        });
      }
      const until = endOfUtcDay(parsedInput.expiresAt);
      await moveAlert(tx, audit, actor, alert, "SUPPRESSED", {
        note: parsedInput.reason,
        eventNote: `Suppressed until ${parsedInput.expiresAt}, approved by ${actor.name}: ${parsedInput.reason}`,
        data: { suppressedUntil: until, suppressionReason: parsedInput.reason, suppressionApproverId: actor.userId },
      });
      return { alertId: alert.id, suppressedUntil: until.toISOString() };
    });
    revalidateAlerts();
    return result;
  });

/**
 * Acknowledge, assign or suppress many alerts at once: all of them change, or none does. One alert out
 * of the actor's scope refuses the whole request; so does one the operation cannot apply to (naming it
 * and the moves it allows). Alerts already acknowledged, or already with that assignee, are left as they are.
 */
export const bulkAlertAction = actionClient
  .metadata({ actionName: "bulkAlert", permission: "alert:triage" })
  .inputSchema(bulkAlertSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const alerts = await lockAlerts(tx, actor, parsedInput.alertIds);
      let changed = 0;
      switch (parsedInput.operation) {
        case "acknowledge": {
          const refused = alerts.filter((alert) => alert.status !== "ACKNOWLEDGED" && alert.status !== "NEW");
          if (refused.length > 0) throw bulkRefusal(refused, "acknowledged", "NEW");
          for (const alert of alerts.filter((candidate) => candidate.status === "NEW")) {
            await moveAlert(tx, audit, actor, alert, "ACKNOWLEDGED");
            changed += 1;
          }
          break;
        }
        case "assign": {
          const assignee = await findAssignee(
            tx,
            parsedInput.assigneeId,
            alerts.map((alert) => alert.customerId),
          );
          if (!parsedInput.confirmReplace) {
            const taken = alerts.filter(
              (alert) => alert.assigneeId !== null && alert.assigneeId !== (assignee?.id ?? null),
            );
            if (taken.length > 0)
              returnValidationErrors(bulkAlertSchema, unconfirmedReplacement(taken, "already assigned"));
          }
          for (const alert of alerts) if (await assignAlert(tx, audit, actor, alert, assignee)) changed += 1;
          break;
        }
        case "suppress": {
          requireSuppressionApproval(actor);
          const refused = alerts.filter((alert) => !["NEW", "ACKNOWLEDGED", "IN_PROGRESS"].includes(alert.status));
          if (refused.length > 0) throw bulkRefusal(refused, "suppressed", "NEW, ACKNOWLEDGED or IN_PROGRESS");
          if (!parsedInput.confirmReplace) {
            const triaged = alerts.filter((alert) => alert.status !== "NEW");
            if (triaged.length > 0) {
              returnValidationErrors(
                bulkAlertSchema,
                unconfirmedReplacement(triaged, "already acknowledged or in progress"),
              );
            }
          }
          const { maxDays, latest } = suppressionBound(alerts);
          if (parsedInput.expiresAt > latest) {
            returnValidationErrors(bulkAlertSchema, {
              expiresAt: {
                _errors: [`A suppression of these alerts lasts at most ${maxDays} days (until ${latest})`],
              },
            });
          }
          const until = endOfUtcDay(parsedInput.expiresAt);
          for (const alert of alerts) {
            await moveAlert(tx, audit, actor, alert, "SUPPRESSED", {
              note: parsedInput.reason,
              eventNote: `Suppressed until ${parsedInput.expiresAt}, approved by ${actor.name}: ${parsedInput.reason}`,
              data: {
                suppressedUntil: until,
                suppressionReason: parsedInput.reason,
                suppressionApproverId: actor.userId,
              },
            });
            changed += 1;
          }
          break;
        }
      }
      return { operation: parsedInput.operation, selected: alerts.length, changed };
    });
    revalidateAlerts();
    return result;
  });

/** Issue 19 §1: the alerts a bulk change would take from someone's decision, named, at the selection. */
function unconfirmedReplacement(alerts: readonly AlertState[], what: string) {
  const named = alerts
    .slice(0, 5)
    .map((alert) => `“${alert.title}”`)
    .join(", ");
  const more = alerts.length > 5 ? ` and ${alerts.length - 5} more` : "";
  return {
    alertIds: {
      _errors: [
        `Nothing was changed: ${named}${more} ${alerts.length === 1 ? "is" : "are"} ${what}. Confirm to replace that, or leave ${alerts.length === 1 ? "it" : "them"} out.`,
      ],
    },
  };
}

function bulkRefusal(refused: readonly AlertState[], verb: string, allowedFrom: string): AppError {
  const named = refused
    .slice(0, 5)
    .map((alert) => `“${alert.title}” (${STATUS_LABELS[alert.status as AlertStatus]})`)
    .join(", ");
  const more = refused.length > 5 ? ` and ${refused.length - 5} more` : "";
  return new AppError(
    "CONFLICT",
    `Nothing was changed: ${refused.length} selected alert${refused.length === 1 ? " cannot" : "s cannot"} be ${verb} from ${
      refused.length === 1 ? "its" : "their"
    } status (only from ${allowedFrom}): ${named}${more}.`,
  );
}

/** A customer's alert SLA (hours per severity; empty = the default), applied to alerts opened from now on. */
export const updateAlertSlaAction = actionClient
  .metadata({ actionName: "updateAlertSla", permission: "customer:manage" })
  .inputSchema(updateAlertSlaSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const result = await transaction(async (tx, audit) => {
      const customer = await tx.customer.findFirst({
        where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
        select: { id: true },
      });
      if (!customer) throw notFound("Customer not found");
      authorize(actor, "customer:manage", { customerId: customer.id });
      // Empty = the defaults: the key is removed, every other setting is kept.
      const empty = Object.keys(parsedInput.alertSla).length === 0;
      await updateCustomerSettings(tx, customer.id, { alertSla: empty ? null : parsedInput.alertSla });
      await audit({
        action: "customer.alert_sla_updated",
        targetType: "Customer",
        targetId: customer.id,
        customerId: customer.id,
        metadata: { alertSla: parsedInput.alertSla },
      });
      return { customerId: customer.id, alertSla: parsedInput.alertSla };
    });
    revalidateAlerts();
    return result;
  });
