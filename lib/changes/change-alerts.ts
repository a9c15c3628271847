import type { AlertSeverity } from "../alerts/sla";
import type { AlertSource } from "../alerts/source-names";
import { type AlertSignal, alertDedupKey } from "../alerts/sources";
import { CONTROL_CATALOGUE } from "../controls/catalogue";
import { DAY_MS } from "../dates";
import type { PrismaClient } from "../db/client";
import { MATCH_LOOKBACK_DAYS } from "./matching";

// The CHANGE alert source: one alert per detected change that no authorising change request covers
// ("Change without an approved change request"), as severe as the control it touches. It opens once;
// a consultant's triage is never overridden by a later sync. When a request is matched to the change
// later (created afterwards, or approved), the next evaluation resolves the alert.
//
// The alert writer (lib/alerts raiseSignals) is passed in by the one owner of what follows a sync
// (lib/evaluation/after-evidence-change.ts), which also collects the critical alerts it opens for their mail.

/** The shape of lib/alerts' raiseSignals. */
export type RaiseSignals = (
  client: PrismaClient,
  input: {
    customerId: string;
    awsAccountId: string;
    source: AlertSource;
    at: Date;
    signals: readonly AlertSignal[];
    only: readonly string[];
    clearedNote?: string;
  },
) => Promise<{ opened: number; reopened: number; resolved: number }>;

const SEVERITY_BY_CONTROL = new Map<string, AlertSeverity>(
  CONTROL_CATALOGUE.map((control) => [control.id, control.severity]),
);

export function changeAlertSeverity(controlId: string | null): AlertSeverity {
  return (controlId && SEVERITY_BY_CONTROL.get(controlId)) || "MEDIUM";
}

export function changeAlertKey(change: { id: string; awsAccountId: string; customerId: string }): string {
  return alertDedupKey({
    source: "CHANGE",
    awsAccountId: change.awsAccountId,
    customerId: change.customerId,
    rule: "change-request",
    resource: change.id,
  });
}

export function detectedChangesLink(customerId: string): string {
  return `/customers/${encodeURIComponent(customerId)}/changes/detected`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Opens the alerts of the account's unmatched changes and resolves those of changes matched since. */
export async function reconcileChangeAlerts(
  client: PrismaClient,
  input: { customerId: string; awsAccountId: string; at: Date },
  raise: RaiseSignals,
): Promise<{ opened: number; resolved: number }> {
  const [account, changes] = await Promise.all([
    client.awsAccount.findUniqueOrThrow({ where: { id: input.awsAccountId }, select: { alias: true } }),
    client.detectedChange.findMany({
      where: {
        awsAccountId: input.awsAccountId,
        firstSeenAt: { gte: new Date(input.at.getTime() - MATCH_LOOKBACK_DAYS * DAY_MS) },
      },
      select: {
        id: true,
        customerId: true,
        awsAccountId: true,
        region: true,
        resourceId: true,
        controlId: true,
        summary: true,
        firstSeenAt: true,
        previousSeenAt: true,
        changeRequest: { select: { number: true } },
      },
    }),
  ]);
  if (changes.length === 0) return { opened: 0, resolved: 0 };
  const keyed = changes.map((change) => ({ change, key: changeAlertKey(change) }));
  const existing = await client.alert.findMany({
    where: { customerId: input.customerId, source: "CHANGE", dedupKey: { in: keyed.map((entry) => entry.key) } },
    select: { dedupKey: true, status: true },
  });
  const seen = new Set(existing.map((alert) => alert.dedupKey));
  const open = new Set(
    existing.filter((alert) => alert.status !== "RESOLVED" && alert.status !== "SUPPRESSED").map((a) => a.dedupKey),
  );

  const toOpen = keyed.filter(({ change, key }) => change.changeRequest === null && !seen.has(key));
  const toResolve = keyed.filter(({ change, key }) => change.changeRequest !== null && open.has(key));
  const signals: AlertSignal[] = toOpen.map(({ change, key }) => ({
    dedupKey: key,
    source: "CHANGE",
    awsAccountId: change.awsAccountId,
    rule: change.controlId ?? "CHG-1",
    resource: change.resourceId,
    region: change.region,
    severity: changeAlertSeverity(change.controlId),
    title: clip(`Change without an approved change request in ${account.alias}: ${change.summary}`, 300),
    evidenceLink: detectedChangesLink(change.customerId),
    detail: `${change.summary}. First seen ${change.firstSeenAt.toISOString()}${
      change.previousSeenAt ? ` (not there at ${change.previousSeenAt.toISOString()})` : ""
    }; no approved change request covers it (SOP 000 §11).`,
    mayOpen: true,
  }));
  let opened = 0;
  if (signals.length > 0) {
    const outcome = await raise(client, {
      customerId: input.customerId,
      awsAccountId: input.awsAccountId,
      source: "CHANGE",
      at: input.at,
      signals,
      only: signals.map((signal) => signal.dedupKey),
    });
    opened = outcome.opened + outcome.reopened;
  }
  let resolved = 0;
  for (const { change, key } of toResolve) {
    const outcome = await raise(client, {
      customerId: input.customerId,
      awsAccountId: input.awsAccountId,
      source: "CHANGE",
      at: input.at,
      signals: [],
      only: [key],
      clearedNote: `Covered by change request ICR-${String(change.changeRequest?.number ?? 0).padStart(4, "0")}.`,
    });
    resolved += outcome.resolved;
  }
  return { opened, resolved };
}
