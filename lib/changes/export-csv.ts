import { stringify } from "csv-stringify/sync";
import { describeResource } from "./components";
import { icrNumber } from "./format";
import { APPROVAL_ROLE_LABELS, type ApprovalRole, CHANGE_STATUS_LABELS, type ChangeStatus } from "./workflow";

// The ICR log as CSV (SOP 000 §11 "The change history (ICR log) is updated"): one row per change, built
// from the same read model as the page. Cells a spreadsheet would run as a formula are escaped.

export interface ExportableChange {
  number: number;
  title: string;
  status: ChangeStatus;
  description: string;
  justification: string;
  preliminaryImpact: string;
  windowStart: Date;
  windowEnd: Date;
  windowTimeZone: string;
  responsibleRole: string;
  responsibleName: string;
  requestedBy: string | null;
  createdAt: Date;
  components: { account: string; region: string | null; resourceKind: string | null; resourceId: string | null }[];
  impactAvailability: string | null;
  impactSecurity: string | null;
  impactPerformance: string | null;
  viability: string | null;
  needsMaintenanceWindow: boolean | null;
  executionPlan: string | null;
  rollbackPlan: string | null;
  approvals: { role: ApprovalRole; verdict: string; approver: string; comment: string; at: Date }[];
  startedAt: Date | null;
  rollbackInvoked: boolean | null;
  servicesChecked: string | null;
  stabilityObserved: string | null;
  observations: string | null;
  validatedAt: Date | null;
  outcome: string | null;
  finalResult: string | null;
  closedAt: Date | null;
}

const iso = (value: Date | null) => (value ? value.toISOString() : "");
const yesNo = (value: boolean | null) => (value === null ? "" : value ? "yes" : "no");

export const CHANGE_LOG_COLUMNS = [
  "number",
  "title",
  "status",
  "window start (UTC)",
  "window end (UTC)",
  "window time zone",
  "components",
  "description",
  "justification",
  "preliminary impact",
  "responsible",
  "requested by",
  "requested at",
  "impact on availability",
  "impact on security",
  "impact on performance",
  "viability",
  "maintenance window",
  "execution plan",
  "rollback plan",
  "approvals",
  "started at",
  "rollback invoked",
  "services checked",
  "stability observed",
  "observations",
  "validated at",
  "outcome",
  "final result",
  "closed at",
] as const;

export function changeLogCsv(changes: readonly ExportableChange[]): string {
  const rows = changes.map((change) => [
    icrNumber(change.number),
    change.title,
    CHANGE_STATUS_LABELS[change.status],
    iso(change.windowStart),
    iso(change.windowEnd),
    change.windowTimeZone,
    change.components
      .map(
        (component) =>
          `${component.account}: ${describeResource({ region: component.region, kind: component.resourceKind, id: component.resourceId })}`,
      )
      .join("; "),
    change.description,
    change.justification,
    change.preliminaryImpact,
    `${change.responsibleName} (${change.responsibleRole})`,
    change.requestedBy ?? "",
    iso(change.createdAt),
    change.impactAvailability ?? "",
    change.impactSecurity ?? "",
    change.impactPerformance ?? "",
    change.viability ?? "",
    yesNo(change.needsMaintenanceWindow),
    change.executionPlan ?? "",
    change.rollbackPlan ?? "",
    change.approvals
      .map(
        (approval) =>
          `${APPROVAL_ROLE_LABELS[approval.role]} ${approval.verdict.toLowerCase()} by ${approval.approver} at ${iso(approval.at)}: ${approval.comment}`,
      )
      .join("; "),
    iso(change.startedAt),
    yesNo(change.rollbackInvoked),
    change.servicesChecked ?? "",
    change.stabilityObserved ?? "",
    change.observations ?? "",
    iso(change.validatedAt),
    change.outcome ?? "",
    change.finalResult ?? "",
    iso(change.closedAt),
  ]);
  return stringify(rows, { header: true, columns: [...CHANGE_LOG_COLUMNS], escape_formulas: true, bom: true });
}

/** "icr-log-bluefin-logistics-2026-12-06.csv" */
export function changeLogFileName(customerName: string, extension: string, now = new Date()): string {
  const slug = customerName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `icr-log-${slug || "customer"}-${now.toISOString().slice(0, 10)}.${extension}`;
}
