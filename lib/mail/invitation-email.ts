import { ROLE_LABELS } from "@/lib/auth/role-labels";
import type { Role } from "@/lib/authz/policy";
import { appBaseUrl, type MailMessage } from "./mailer";

export function invitationUrl(token: string): string {
  return `${appBaseUrl()}/accept-invitation?token=${encodeURIComponent(token)}`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function invitationEmail(input: {
  to: string;
  token: string;
  role: Role;
  customerName?: string | null;
  invitedByName: string;
  expiresAt: Date;
}): MailMessage {
  const url = invitationUrl(input.token);
  const what = `${ROLE_LABELS[input.role]}${input.customerName ? ` for ${input.customerName}` : ""}`;
  const expires = input.expiresAt.toUTCString();
  const text = [
    `${input.invitedByName} has invited you to Rampart as ${what}.`,
    "",
    "Choose your name and password here (the link works once):",
    url,
    "",
    `The link expires on ${expires}. If you did not expect this invitation, ignore this e-mail.`,
  ].join("\n");
  const html = `<p>${escapeHtml(input.invitedByName)} has invited you to Rampart as ${escapeHtml(what)}.</p>
<p><a href="${escapeHtml(url)}">Accept the invitation</a> (the link works once).</p>
<p>The link expires on ${escapeHtml(expires)}. If you did not expect this invitation, ignore this e-mail.</p>`;
  return { to: input.to, subject: "Your invitation to Rampart", text, html };
}
