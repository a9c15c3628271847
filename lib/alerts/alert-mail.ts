import { isoDay } from "../dates";
import type { MailMessage } from "../mail/mailer";
import { formatDuration } from "./sla";
import { SOURCE_LABELS } from "./source-names";

// The alert e-mails as pure functions of what they show: the immediate mail for a new critical alert,
// and the daily digest per consultant. Links are absolute (the app's public URL); nothing secret is in
// them (no ExternalId, no credentials), and every value is escaped in the HTML part.

export type { MailMessage };

export interface CriticalAlertMailInput {
  to: string;
  recipientName: string;
  baseUrl: string;
  alert: {
    id: string;
    title: string;
    source: string;
    severity: string;
    region: string | null;
    resource: string | null;
    evidenceLink: string | null;
    dueAt: Date;
    customerName: string;
    account: { alias: string; accountNumber: string } | null;
    assignedToRecipient: boolean;
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function sourceLabel(source: string): string {
  return SOURCE_LABELS[source as keyof typeof SOURCE_LABELS] ?? source;
}

export function alertUrl(baseUrl: string, alertId: string): string {
  return `${baseUrl}/alerts/${encodeURIComponent(alertId)}`;
}

export function criticalAlertEmail(input: CriticalAlertMailInput): MailMessage {
  const { alert } = input;
  const link = alertUrl(input.baseUrl, alert.id);
  const evidence = alert.evidenceLink ? `${input.baseUrl}${alert.evidenceLink}` : null;
  const facts: [string, string][] = [
    ["Customer", alert.customerName],
    ["Account", alert.account ? `${alert.account.alias} (${alert.account.accountNumber})` : "every account"],
    ["Region", alert.region ?? "—"],
    ["Resource", alert.resource ?? "—"],
    ["Source", sourceLabel(alert.source)],
    ["Severity", alert.severity.toLowerCase()],
    ["Due", `${alert.dueAt.toISOString().replace("T", " ").slice(0, 16)} UTC`],
  ];
  const why = alert.assignedToRecipient
    ? "It is assigned to you."
    : "You are an assigned consultant of this customer and nobody has taken it yet.";
  const text = [
    `Hello ${input.recipientName},`,
    "",
    `A critical alert needs triage: ${alert.title}`,
    why,
    "",
    ...facts.map(([label, value]) => `${label}: ${value}`),
    "",
    `Open the alert: ${link}`,
    ...(evidence ? [`Evidence: ${evidence}`] : []),
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>A critical alert needs triage: <strong>${escapeHtml(alert.title)}</strong></p>
<p>${escapeHtml(why)}</p>
<table>${facts.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join("")}</table>
<p><a href="${escapeHtml(link)}">Open the alert</a>${evidence ? ` · <a href="${escapeHtml(evidence)}">Evidence</a>` : ""}</p>`;
  return { to: input.to, subject: `[Rampart] Critical: ${alert.title}`.slice(0, 200), text, html };
}

export interface DigestAlert {
  id: string;
  title: string;
  severity: string;
  customerName: string;
  dueAt: Date;
}

export interface AlertDigestInput {
  to: string;
  recipientName: string;
  baseUrl: string;
  now: Date;
  counts: { open: number; critical: number; high: number; breached: number; dueSoon: number; newToday: number };
  breached: readonly DigestAlert[];
  dueSoon: readonly DigestAlert[];
  assignedToYou: readonly DigestAlert[];
}

/** The daily digest, or null when the consultant has no open alert (no empty mail). */
export function alertDigestEmail(input: AlertDigestInput): MailMessage | null {
  if (input.counts.open === 0) return null;
  const day = isoDay(input.now);
  const line = (alert: DigestAlert, overdue: boolean) =>
    `- [${alert.severity.toLowerCase()}] ${alert.customerName}: ${alert.title} (${
      overdue
        ? `overdue by ${formatDuration(input.now.getTime() - alert.dueAt.getTime())}`
        : `due in ${formatDuration(alert.dueAt.getTime() - input.now.getTime())}`
    }) ${alertUrl(input.baseUrl, alert.id)}`;
  const sections: [string, readonly DigestAlert[], boolean][] = [
    ["Past their SLA", input.breached, true],
    ["Due soon", input.dueSoon, false],
    ["Assigned to you", input.assignedToYou, false],
  ];
  const { counts } = input;
  const summary = `${counts.open} open alert${counts.open === 1 ? "" : "s"} (${counts.critical} critical, ${counts.high} high); ${counts.breached} past SLA, ${counts.dueSoon} due soon, ${counts.newToday} new in the last 24 h.`;
  const queue = `${input.baseUrl}/alerts`;
  const text = [
    `Hello ${input.recipientName},`,
    "",
    summary,
    ...sections.flatMap(([title, alerts, overdue]) =>
      alerts.length === 0 ? [] : ["", `${title}:`, ...alerts.map((alert) => line(alert, overdue))],
    ),
    "",
    `The queue: ${queue}`,
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>${escapeHtml(summary)}</p>
${sections
  .filter(([, alerts]) => alerts.length > 0)
  .map(
    ([title, alerts, overdue]) =>
      `<h3>${escapeHtml(title)}</h3><ul>${alerts
        .map(
          (alert) =>
            `<li><a href="${escapeHtml(alertUrl(input.baseUrl, alert.id))}">${escapeHtml(alert.title)}</a> — ${escapeHtml(
              `${alert.severity.toLowerCase()}, ${alert.customerName}, ${
                overdue
                  ? `overdue by ${formatDuration(input.now.getTime() - alert.dueAt.getTime())}`
                  : `due in ${formatDuration(alert.dueAt.getTime() - input.now.getTime())}`
              }`,
            )}</li>`,
        )
        .join("")}</ul>`,
  )
  .join("\n")}
<p><a href="${escapeHtml(queue)}">Open the alert queue</a></p>`;
  return {
    to: input.to,
    subject: `[Rampart] Alert digest ${day}: ${counts.open} open, ${counts.breached} past SLA`,
    text,
    html,
  };
}
