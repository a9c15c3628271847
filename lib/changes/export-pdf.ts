import PDFDocument from "pdfkit";
import { describeResource } from "./components";
import type { ExportableChange } from "./export-csv";
import { icrNumber } from "./format";
import { formatInZone } from "./time-zone";
import { APPROVAL_ROLE_LABELS, CHANGE_STATUS_LABELS, type ChangeOutcome, OUTCOME_LABELS } from "./workflow";

// The ICR log as a PDF for an auditor: per change, the request, assessment, approvals (who, when, why),
// execution, validation and final result. Same input as the CSV; pdfkit's built-in Helvetica.

const MARGIN = 48;
const minute = (value: Date | null) => (value ? `${value.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

export function changeLogPdf(
  customerName: string,
  changes: readonly ExportableChange[],
  options: { filters: string; generatedAt?: Date },
): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? new Date();
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: `ICR log — ${customerName}`,
      Subject: "Infrastructure change log (SOP 000 §11, CHG-1)",
      Creator: "Rampart",
      CreationDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const field = (label: string, value: string | null) => {
    doc.font("Helvetica-Bold").fontSize(9).text(`${label}: `, { continued: true, width });
    doc.font("Helvetica").text(value || "—", { width });
  };

  doc.font("Helvetica-Bold").fontSize(16).text(`ICR log — ${customerName}`, { width });
  doc.moveDown(0.5);
  field("Changes", String(changes.length));
  field("Filters", options.filters || "none");
  field("Generated", minute(generatedAt));
  if (changes.length === 0) doc.moveDown().font("Helvetica").fontSize(10).text("No change matches.", { width });

  for (const change of changes) {
    if (doc.y > doc.page.height - MARGIN - 160) doc.addPage();
    doc.moveDown(0.8);
    doc
      .font("Helvetica-Bold")
      .fontSize(11)
      .text(`${icrNumber(change.number)} ${change.title} — ${CHANGE_STATUS_LABELS[change.status]}`, { width });
    field(
      "Window",
      `${formatInZone(change.windowStart, change.windowTimeZone)} to ${formatInZone(change.windowEnd, change.windowTimeZone)}`,
    );
    field(
      "Components",
      change.components
        .map(
          (component) =>
            `${component.account}: ${describeResource({ region: component.region, kind: component.resourceKind, id: component.resourceId })}`,
        )
        .join("; "),
    );
    field("Description", change.description);
    field("Justification", change.justification);
    field(
      "Responsible",
      `${change.responsibleName} (${change.responsibleRole}); requested by ${change.requestedBy ?? "—"}`,
    );
    field(
      "Impact",
      `preliminary: ${change.preliminaryImpact}; availability: ${change.impactAvailability ?? "—"}; security: ${change.impactSecurity ?? "—"}; performance: ${change.impactPerformance ?? "—"}`,
    );
    field("Rollback plan", change.rollbackPlan);
    for (const approval of change.approvals)
      field(
        `${APPROVAL_ROLE_LABELS[approval.role]} ${approval.verdict.toLowerCase()}`,
        `${approval.approver}, ${minute(approval.at)}: ${approval.comment}`,
      );
    if (change.startedAt) field("Started", minute(change.startedAt));
    if (change.validatedAt)
      field(
        "Validation",
        `rollback ${change.rollbackInvoked ? "invoked" : "not invoked"}; services: ${change.servicesChecked ?? "—"}; stability: ${change.stabilityObserved ?? "—"}${change.observations ? `; ${change.observations}` : ""}`,
      );
    if (change.closedAt)
      field(
        "Result",
        `${change.outcome ? OUTCOME_LABELS[change.outcome as ChangeOutcome] : CHANGE_STATUS_LABELS[change.status]}, ${minute(change.closedAt)}: ${change.finalResult ?? "—"}`,
      );
  }
  doc.end();
  return done;
}
