import PDFDocument from "pdfkit";
import type { ExportableReview } from "./export-csv";
import { reviewStatusLabel } from "./labels";
import { RISK_FLAG_INFO, type RiskFlag } from "./risk-flags";

// The campaign as a PDF for an auditor: scope, snapshot time, sign-off and counts on the first page, then
// every reviewed user with its access, flags, decision, justification, decider and verification. Same
// input as the CSV (the campaign read model). Uses pdfkit's built-in Helvetica, so no font is shipped.

const MARGIN = 48;

const minute = (value: Date | string | null | undefined): string =>
  value ? `${(typeof value === "string" ? value : value.toISOString()).slice(0, 16).replace("T", " ")} UTC` : "—";

const dayOf = (value: Date | string | null | undefined): string =>
  value ? (typeof value === "string" ? value : value.toISOString()).slice(0, 10) : "never";

export function accessReviewPdf(review: ExportableReview, generatedAt: Date = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: `Access review ${review.period} — ${review.customer.name}`,
      Subject: "IAM user access review (SOP 000 §3, IAM-12)",
      Creator: "Rampart",
      // A fixed date keeps the output reproducible for the same campaign.
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
  const field = (label: string, value: string) => {
    doc.font("Helvetica-Bold").fontSize(9).text(`${label}: `, { continued: true, width });
    doc.font("Helvetica").text(value, { width });
  };

  doc.font("Helvetica-Bold").fontSize(16).text(`Access review ${review.period} — ${review.customer.name}`, { width });
  doc.moveDown(0.5);
  field("Status", reviewStatusLabel(review.status));
  field("Scope", review.accounts.map((account) => `${account.alias} (${account.accountNumber})`).join(", ") || "—");
  field("Snapshot of IAM evidence", minute(review.snapshotAt));
  field("Due", dayOf(review.dueAt));
  field("Started", `${minute(review.createdAt)} by ${review.createdBy}`);
  field("Reviewers", review.reviewers.map((reviewer) => reviewer.name).join(", ") || "—");
  field("Signed off", review.signedOffAt ? `${minute(review.signedOffAt)} by ${review.signedOffBy ?? "—"}` : "not yet");
  if (review.endedAt) field("Ended early", `${minute(review.endedAt)}: ${review.endedReason ?? ""}`);
  const decided = review.items.filter((item) => item.decision !== null).length;
  const count = (decision: string) => review.items.filter((item) => item.decision === decision).length;
  field(
    "Decisions",
    `${decided} of ${review.items.length} users decided: ${count("KEEP")} keep, ${count("REVOKE")} revoke, ${count("MODIFY")} modify`,
  );
  field("Generated", minute(generatedAt));

  for (const item of review.items) {
    const user = item.snapshot;
    if (doc.y > doc.page.height - MARGIN - 140) doc.addPage();
    doc.moveDown(0.8);
    doc
      .font("Helvetica-Bold")
      .fontSize(11)
      .text(`${user.isRoot ? "Root user" : item.userName} — ${item.account}`, { width });
    doc.font("Helvetica").fontSize(8).fillColor("#475569").text(item.userArn, { width }).fillColor("black");
    field(
      "Sign-in",
      `console ${user.consoleAccess === null ? "unknown" : user.consoleAccess ? "yes" : "no"}, MFA ${user.mfaActive === null ? "unknown" : user.mfaActive ? "on" : "off"}, last sign-in ${dayOf(user.lastSignInAt)}, created ${dayOf(user.createdAt)}`,
    );
    field(
      "Access keys",
      user.accessKeys.length === 0
        ? "none"
        : user.accessKeys
            .map(
              (key) =>
                `key ${key.slot} ${key.active ? "active" : "inactive"}, created/rotated ${dayOf(key.lastRotatedAt)}${key.ageDays === null || key.ageDays === undefined ? "" : ` (${key.ageDays} days old)`}, last used ${dayOf(key.lastUsedAt)}${key.lastUsedService ? ` (${key.lastUsedService}${key.lastUsedRegion ? `, ${key.lastUsedRegion}` : ""})` : ""}`,
            )
            .join("; "),
    );
    field(
      "Permissions",
      [
        user.groups.length ? `groups ${user.groups.join(", ")}` : null,
        user.attachedPolicies.length
          ? `attached ${user.attachedPolicies.map((policy) => policy.name).join(", ")}`
          : null,
        user.inlinePolicies.length ? `inline ${user.inlinePolicies.join(", ")}` : null,
        user.adminEquivalent ? `admin-equivalent (${user.adminVia.join("; ")})` : null,
      ]
        .filter(Boolean)
        .join("; ") || "no group or policy",
    );
    field(
      "Risk flags",
      item.riskFlags.map((flag) => RISK_FLAG_INFO[flag as RiskFlag]?.label ?? flag).join(", ") || "none",
    );
    field(
      "Decision",
      item.decision
        ? `${item.decision}${item.modification ? ` (${item.modification})` : ""} by ${item.decidedBy ?? "—"} at ${minute(item.decidedAt)}`
        : "undecided",
    );
    if (item.justification) field("Justification", item.justification);
    if (item.verificationStatus) {
      field(
        "Verification",
        item.verificationStatus === "verified" ? `verified ${minute(item.verifiedAt)}` : item.verificationStatus,
      );
    }
  }
  doc.end();
  return done;
}
