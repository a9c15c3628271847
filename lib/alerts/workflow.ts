import { AppError } from "../errors";

// The triage workflow as data: NEW → ACKNOWLEDGED → IN_PROGRESS → RESOLVED, plus SUPPRESSED (reason,
// approver, expiry). People move alerts along the table below; the system has its own, wider, moves:
// it resolves an alert whose condition cleared (from any state) and reopens one that came back or whose
// suppression expired.

export const ALERT_STATUSES = ["NEW", "ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED", "SUPPRESSED"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Statuses that need someone's attention (the queue's default view, SLA clocks running). */
export const OPEN_STATUSES = ["NEW", "ACKNOWLEDGED", "IN_PROGRESS"] as const satisfies readonly AlertStatus[];

export const STATUS_LABELS: Record<AlertStatus, string> = {
  NEW: "New",
  ACKNOWLEDGED: "Acknowledged",
  IN_PROGRESS: "In progress",
  RESOLVED: "Resolved",
  SUPPRESSED: "Suppressed",
};

/** What a person may do from each status. Going back to NEW is "reopen". */
export const PERSON_TRANSITIONS: Readonly<Record<AlertStatus, readonly AlertStatus[]>> = {
  NEW: ["ACKNOWLEDGED", "SUPPRESSED"],
  ACKNOWLEDGED: ["IN_PROGRESS", "RESOLVED", "SUPPRESSED"],
  IN_PROGRESS: ["RESOLVED", "SUPPRESSED"],
  RESOLVED: ["NEW"],
  SUPPRESSED: ["NEW"],
};

/** The verb of each target status, for buttons and history. */
export const TRANSITION_VERBS: Record<AlertStatus, string> = {
  NEW: "Reopen",
  ACKNOWLEDGED: "Acknowledge",
  IN_PROGRESS: "Start work",
  RESOLVED: "Resolve",
  SUPPRESSED: "Suppress",
};

export function allowedTransitions(from: AlertStatus): readonly AlertStatus[] {
  return PERSON_TRANSITIONS[from];
}

export function canTransition(from: AlertStatus, to: AlertStatus): boolean {
  return PERSON_TRANSITIONS[from].includes(to);
}

/** Why a move is refused, naming the moves that are allowed from where the alert is. */
export function transitionRefusal(from: AlertStatus, to: AlertStatus): string {
  const allowed = PERSON_TRANSITIONS[from].map((status) => `${TRANSITION_VERBS[status]} (→ ${STATUS_LABELS[status]})`);
  return `An alert that is ${STATUS_LABELS[from]} cannot move to ${STATUS_LABELS[to]}. Allowed from ${STATUS_LABELS[from]}: ${allowed.join(", ")}.`;
}

/** Throws CONFLICT (the alert's current state decides) unless a person may make this move. */
export function assertTransition(from: AlertStatus, to: AlertStatus): void {
  if (!canTransition(from, to)) throw new AppError("CONFLICT", transitionRefusal(from, to));
}

/**
 * The timestamps a move sets: acknowledging (or starting work straight away) records the time to
 * acknowledge once per episode; resolving records the time to resolve; reopening starts a new episode.
 */
export function transitionTimestamps(
  current: { acknowledgedAt: Date | null },
  to: AlertStatus,
  at: Date,
): { acknowledgedAt?: Date | null; resolvedAt?: Date | null } {
  switch (to) {
    case "ACKNOWLEDGED":
    case "IN_PROGRESS":
      return current.acknowledgedAt ? {} : { acknowledgedAt: at };
    case "RESOLVED":
      return { resolvedAt: at, ...(current.acknowledgedAt ? {} : { acknowledgedAt: at }) };
    case "NEW":
      return { acknowledgedAt: null, resolvedAt: null };
    case "SUPPRESSED":
      return {};
  }
}
