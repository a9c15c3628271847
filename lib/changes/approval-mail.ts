import type { MailMessage } from "../mail/mailer";
import { describeResource } from "./components";
import { icrNumber } from "./format";
import { formatInZone } from "./time-zone";
import { APPROVAL_ROLE_LABELS, type ApprovalRole } from "./workflow";

// SOP 000 §11 "Communication of the Change": once approved, the internal teams involved and, when the
// environment is managed collaboratively, the customer are told by e-mail, with the summary of the change
// and its execution plan, before it is applied. Pure: the action picks the recipients and sends.

export interface ApprovedChangeSummary {
  id: string;
  number: number;
  title: string;
  customer: { id: string; name: string };
  description: string;
  justification: string;
  preliminaryImpact: string;
  windowStart: Date;
  windowEnd: Date;
  windowTimeZone: string;
  responsibleRole: string;
  responsibleName: string;
  impactAvailability: string | null;
  impactSecurity: string | null;
  impactPerformance: string | null;
  needsMaintenanceWindow: boolean | null;
  executionPlan: string | null;
  rollbackPlan: string | null;
  components: { account: string; region: string | null; resourceKind: string | null; resourceId: string | null }[];
  approvals: { role: ApprovalRole; approver: string; comment: string; at: Date }[];
}

export interface ChangeRecipient {
  name: string;
  email: string;
}

export function approvedChangeMail(
  change: ApprovedChangeSummary,
  recipient: ChangeRecipient,
  appUrl: string,
): MailMessage {
  const number = icrNumber(change.number);
  const lines = [
    `Hello ${recipient.name},`,
    "",
    `Change ${number} of ${change.customer.name} is approved and will be carried out in its window.`,
    "",
    `Change: ${change.title}`,
    `Window: ${formatInZone(change.windowStart, change.windowTimeZone)} to ${formatInZone(change.windowEnd, change.windowTimeZone)}${change.needsMaintenanceWindow ? " (maintenance window)" : ""}`,
    `Responsible: ${change.responsibleName} (${change.responsibleRole})`,
    "",
    "Summary",
    change.description,
    "",
    `Why: ${change.justification}`,
    "",
    "Affected components",
    ...change.components.map(
      (component) =>
        `- ${component.account}: ${describeResource({ region: component.region, kind: component.resourceKind, id: component.resourceId })}`,
    ),
    "",
    "Impact",
    `- Preliminary: ${change.preliminaryImpact}`,
    `- Availability: ${change.impactAvailability ?? "not assessed"}`,
    `- Security: ${change.impactSecurity ?? "not assessed"}`,
    `- Performance: ${change.impactPerformance ?? "not assessed"}`,
    "",
    "Execution plan",
    change.executionPlan ?? "—",
    "",
    "Rollback plan",
    change.rollbackPlan ?? "—",
    "",
    "Approvals",
    ...change.approvals.map(
      (approval) =>
        `- ${APPROVAL_ROLE_LABELS[approval.role]}: ${approval.approver}, ${approval.at.toISOString().slice(0, 16).replace("T", " ")} UTC — ${approval.comment}`,
    ),
    "",
    `The change in Rampart: ${appUrl}/customers/${change.customer.id}/changes/${change.id}`,
  ];
  return {
    to: recipient.email,
    subject: `Approved change ${number} for ${change.customer.name}: ${change.title}`,
    text: lines.join("\n"),
  };
}
