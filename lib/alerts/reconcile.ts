import { isoDay } from "../dates";
import type { AlertSeverity } from "./sla";
import type { AlertSignal, ExistingAlertKey } from "./sources";
import type { AlertStatus } from "./workflow";

// Deduplication as a pure plan: given the conditions present now and the alerts that exist for them,
// what opens, what repeats, what reopens and what resolves itself. One alert per dedupKey: repeats
// update it, a cleared condition resolves it with a note, and a condition that comes back reopens it.

export interface ExistingAlert extends ExistingAlertKey {
  id: string;
  status: AlertStatus;
  severity: AlertSeverity;
  rule: string;
  title: string;
  resource: string | null;
  evidenceLink: string | null;
  suppressedUntil: Date | null;
  resolvedAt: Date | null;
  /** RESOLVED alerts: who resolved them last — the system (condition cleared) or a person. */
  resolvedBy: "system" | "person" | null;
}

export interface AlertPlan {
  open: AlertSignal[];
  repeat: { alert: ExistingAlert; signal: AlertSignal; escalateTo: AlertSeverity | null; displayChanged: boolean }[];
  reopen: { alert: ExistingAlert; signal: AlertSignal; note: string }[];
  resolve: { alert: ExistingAlert; note: string }[];
}

export const SEVERITY_RANK: Record<AlertSeverity, number> = {
  CRITICAL: 0,
  HIGH: 1,
  MEDIUM: 2,
  LOW: 3,
  INFORMATIONAL: 4,
};

/** The alert that stands for a key: the unresolved one, else the one resolved last. */
export function liveAlertByKey(alerts: readonly ExistingAlert[]): Map<string, ExistingAlert> {
  const byKey = new Map<string, ExistingAlert>();
  for (const alert of alerts) {
    const current = byKey.get(alert.dedupKey);
    if (!current) {
      byKey.set(alert.dedupKey, alert);
      continue;
    }
    const currentOpen = current.status !== "RESOLVED";
    const candidateOpen = alert.status !== "RESOLVED";
    if (candidateOpen && !currentOpen) byKey.set(alert.dedupKey, alert);
    else if (
      !candidateOpen &&
      !currentOpen &&
      (alert.resolvedAt?.getTime() ?? 0) > (current.resolvedAt?.getTime() ?? 0)
    )
      byKey.set(alert.dedupKey, alert);
  }
  return byKey;
}

export function planAlertChanges(input: {
  signals: readonly AlertSignal[];
  existing: readonly ExistingAlert[];
  /** For an unresolved alert with no signal: the note to resolve it with, or null when not known to be clear. */
  clearedNote(alert: ExistingAlert): string | null;
  at: Date;
  /** True when this evaluation read a sync's fresh evidence (not a re-evaluation of stored evidence). */
  freshEvidence: boolean;
}): AlertPlan {
  const plan: AlertPlan = { open: [], repeat: [], reopen: [], resolve: [] };
  const live = liveAlertByKey(input.existing);
  const signalled = new Set<string>();

  for (const signal of input.signals) {
    if (signalled.has(signal.dedupKey)) continue;
    signalled.add(signal.dedupKey);
    const alert = live.get(signal.dedupKey);
    if (!alert) {
      if (signal.mayOpen) plan.open.push(signal);
      continue;
    }
    switch (alert.status) {
      case "NEW":
      case "ACKNOWLEDGED":
      case "IN_PROGRESS":
        plan.repeat.push(repeatOf(alert, signal));
        break;
      case "SUPPRESSED":
        if (alert.suppressedUntil && alert.suppressedUntil.getTime() > input.at.getTime()) {
          plan.repeat.push(repeatOf(alert, signal));
        } else {
          const until = alert.suppressedUntil ? ` on ${isoDay(alert.suppressedUntil)}` : "";
          plan.reopen.push({ alert, signal, note: `Suppression expired${until}; the condition is still present.` });
        }
        break;
      case "RESOLVED":
        if (alert.resolvedBy === "system") {
          plan.reopen.push({ alert, signal, note: `The condition came back: ${signal.detail}` });
        } else if (
          input.freshEvidence &&
          alert.resolvedAt !== null &&
          input.at.getTime() > alert.resolvedAt.getTime()
        ) {
          // A person resolved it, and a sync since then still sees the problem: resolved means fixed.
          plan.reopen.push({
            alert,
            signal,
            note: `Still present at the sync of ${input.at.toISOString()}, after it was resolved: ${signal.detail}`,
          });
        }
        break;
    }
  }

  for (const alert of live.values()) {
    if (signalled.has(alert.dedupKey) || alert.status === "RESOLVED") continue;
    const note = input.clearedNote(alert);
    if (note !== null) plan.resolve.push({ alert, note });
  }
  return plan;
}

function repeatOf(alert: ExistingAlert, signal: AlertSignal): AlertPlan["repeat"][number] {
  const escalateTo = SEVERITY_RANK[signal.severity] < SEVERITY_RANK[alert.severity] ? signal.severity : null;
  const displayChanged =
    alert.title !== signal.title ||
    alert.resource !== signal.resource ||
    alert.region !== signal.region ||
    alert.evidenceLink !== signal.evidenceLink ||
    alert.rule !== signal.rule;
  return { alert, signal, escalateTo, displayChanged };
}
