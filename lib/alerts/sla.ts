import { z } from "zod";
import { HOUR_MS } from "../dates";
import type { AlertStatus } from "./workflow";

// Alert SLAs: the time by which an open alert should be resolved, by severity. Defaults are the
// consultancy's (critical 24 h, high 72 h, medium 14 d, low 30 d); a customer may have its own in
// Customer.settings.alertSla, in hours, validated by this schema on write and on read (lib/customers/settings.ts).

export type AlertSeverity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL";
export const ALERT_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"] as const;
export const SLA_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type SlaSeverity = (typeof SLA_SEVERITIES)[number];

export const DEFAULT_ALERT_SLA_HOURS: Readonly<Record<SlaSeverity, number>> = {
  critical: 24,
  high: 72,
  medium: 14 * 24,
  low: 30 * 24,
};

/** "Due soon" starts this long before the due time: criticals stand out for their last 6 hours. */
export const DUE_SOON_HOURS: Readonly<Record<AlertSeverity, number>> = {
  CRITICAL: 6,
  HIGH: 24,
  MEDIUM: 48,
  LOW: 72,
  INFORMATIONAL: 72,
};

const MAX_SLA_HOURS = 365 * 24;

const slaHours = (label: string) =>
  z
    .number({ message: `The ${label} SLA must be a number of hours` })
    .int(`The ${label} SLA must be a whole number of hours`)
    .min(1, `The ${label} SLA must be at least 1 hour`)
    .max(MAX_SLA_HOURS, `The ${label} SLA can be at most ${MAX_SLA_HOURS} hours (a year)`);

/** Customer.settings.alertSla: any subset of the four severities, in hours. */
export const alertSlaSchema = z
  .object({
    critical: slaHours("critical").optional(),
    high: slaHours("high").optional(),
    medium: slaHours("medium").optional(),
    low: slaHours("low").optional(),
  })
  .strict()
  .refine(
    (sla) => {
      // A more severe alert is never given longer than a less severe one.
      const resolved = { ...DEFAULT_ALERT_SLA_HOURS, ...sla };
      return resolved.critical <= resolved.high && resolved.high <= resolved.medium && resolved.medium <= resolved.low;
    },
    { message: "A more severe alert cannot have a longer SLA than a less severe one (critical ≤ high ≤ medium ≤ low)" },
  );
export type AlertSlaSettings = z.infer<typeof alertSlaSchema>;
export type AlertSlaHours = Record<SlaSeverity, number>;

/** The hours in force: the customer's own (Customer.settings.alertSla, read by lib/customers/settings.ts), else the defaults. */
export function slaHoursOf(custom: AlertSlaSettings): AlertSlaHours {
  return { ...DEFAULT_ALERT_SLA_HOURS, ...custom };
}

export function slaKeyOf(severity: AlertSeverity): SlaSeverity {
  return severity === "INFORMATIONAL" ? "low" : (severity.toLowerCase() as SlaSeverity);
}

/** When an alert opened at `openedAt` is due; `notAfter` caps it (a certificate's or attestation's expiry). */
export function dueAtFor(severity: AlertSeverity, openedAt: Date, hours: AlertSlaHours, notAfter?: Date | null): Date {
  const due = new Date(openedAt.getTime() + hours[slaKeyOf(severity)] * HOUR_MS);
  if (notAfter && notAfter.getTime() > openedAt.getTime() && notAfter.getTime() < due.getTime()) return notAfter;
  return due;
}

export type SlaState = "breached" | "due-soon" | "on-track" | "met" | "missed" | "paused";

/**
 * Where an alert stands against its SLA: open ones are breached, due soon or on track; resolved ones
 * met or missed it; suppressed ones are paused (a suppression is an approved exception).
 */
export function slaStateOf(
  alert: { status: AlertStatus; severity: AlertSeverity; dueAt: Date; resolvedAt: Date | null },
  now: Date,
): SlaState {
  if (alert.status === "SUPPRESSED") return "paused";
  if (alert.status === "RESOLVED") {
    return alert.resolvedAt && alert.resolvedAt.getTime() > alert.dueAt.getTime() ? "missed" : "met";
  }
  const remaining = alert.dueAt.getTime() - now.getTime();
  if (remaining <= 0) return "breached";
  if (remaining <= DUE_SOON_HOURS[alert.severity] * HOUR_MS) return "due-soon";
  return "on-track";
}

/** "2 d 4 h", "5 h", "12 min": durations for time-to-acknowledge/resolve and time left. */
export function formatDuration(milliseconds: number): string {
  const minutes = Math.max(0, Math.round(milliseconds / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  const days = Math.floor(hours / 24);
  return `${days} d${hours % 24 ? ` ${hours % 24} h` : ""}`;
}
