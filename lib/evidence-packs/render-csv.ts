import { stringify } from "csv-stringify/sync";
import type { PackContent } from "./content";

// The pack's tables as CSV for spreadsheets and audit tools: the same rows as pack.json, flattened.

const csv = (header: string[], rows: (string | number | boolean | null)[][]) =>
  stringify([header, ...rows.map((row) => row.map((cell) => (cell === null ? "" : cell)))]);

/** csv/change-log.csv: the changes closed into the ICR log in the period. */
export function packChangeLogCsv(changes: PackContent["changeLog"]): string {
  return csv(
    [
      "number",
      "title",
      "window_start",
      "window_end",
      "window_time_zone",
      "components",
      "requested_by",
      "responsible",
      "approvals",
      "rollback_plan",
      "started_at",
      "rollback_invoked",
      "services_checked",
      "stability_observed",
      "observations",
      "validated_at",
      "outcome",
      "final_result",
      "closed_at",
    ],
    changes.map((change) => [
      change.number,
      change.title,
      change.windowStart,
      change.windowEnd,
      change.windowTimeZone,
      change.components.join("; "),
      change.requestedBy,
      change.responsible,
      change.approvals
        .map(
          (approval) =>
            `${approval.role} ${approval.verdict} by ${approval.approver} at ${approval.at}: ${approval.comment}`,
        )
        .join("; "),
      change.rollbackPlan,
      change.startedAt,
      change.rollbackInvoked,
      change.servicesChecked,
      change.stabilityObserved,
      change.observations,
      change.validatedAt,
      change.outcome,
      change.finalResult,
      change.closedAt,
    ]),
  );
}

export function renderPackCsvs(content: PackContent): { path: string; text: string }[] {
  return [
    { path: "csv/change-log.csv", text: packChangeLogCsv(content.changeLog) },
    {
      path: "csv/results.csv",
      text: csv(
        [
          "control_id",
          "title",
          "sop_sections",
          "account",
          "alias",
          "status",
          "severity",
          "reason",
          "offenders",
          "evaluated_at",
          "suppressed_by",
          "evidence",
        ],
        content.controls.flatMap((control) =>
          control.results.map((result) => [
            control.id,
            control.title,
            control.sopSections.map((section) => `§${section}`).join(" "),
            result.accountNumber,
            result.alias,
            result.status,
            result.severity,
            result.reason,
            result.offenders
              .map((offender) => `${offender.kind}:${offender.id}${offender.detail ? ` (${offender.detail})` : ""}`)
              .join("; "),
            result.evaluatedAt,
            result.suppression ? `${result.suppression.approvedBy}: ${result.suppression.reason}` : null,
            result.evidence
              .map((item) => `${item.collector}@${item.region} ${item.state} ${item.collectedAt ?? ""}`.trim())
              .join("; "),
          ]),
        ),
      ),
    },
    {
      path: "csv/attestations.csv",
      text: csv(
        [
          "control_id",
          "account",
          "attested_by",
          "attested_at",
          "valid_until",
          "valid_at_as_of",
          "note",
          "link",
          "document_ref",
          "attachments",
        ],
        content.controls.flatMap((control) =>
          control.attestations.map((attestation) => [
            attestation.controlId,
            attestation.account ?? "all accounts",
            attestation.attestedBy,
            attestation.attestedAt,
            attestation.validUntil,
            attestation.validAtAsOf,
            attestation.note,
            attestation.link,
            attestation.documentRef,
            attestation.attachments.map((file) => file.path).join("; "),
          ]),
        ),
      ),
    },
    {
      path: "csv/suppressions.csv",
      text: csv(
        ["control_id", "account", "reason", "approved_by", "created_at", "expires_at", "revoked_at"],
        content.suppressions.map((row) => [
          row.controlId,
          row.account ?? "all accounts",
          row.reason,
          row.approvedBy,
          row.createdAt,
          row.expiresAt,
          row.revokedAt,
        ]),
      ),
    },
    {
      path: "csv/access-review-decisions.csv",
      text: csv(
        [
          "review",
          "signed_off_at",
          "signed_off_by",
          "account",
          "user",
          "decision",
          "modification",
          "justification",
          "decided_by",
          "decided_at",
          "verification",
          "verified_at",
        ],
        content.accessReviews.flatMap((review) =>
          review.items.map((item) => [
            review.period,
            review.signedOffAt,
            review.signedOffBy,
            item.account,
            item.userName,
            item.decision,
            item.modification,
            item.justification,
            item.decidedBy,
            item.decidedAt,
            item.verificationStatus,
            item.verifiedAt,
          ]),
        ),
      ),
    },
    {
      path: "csv/alerts.csv",
      text: csv(
        ["id", "title", "severity", "account", "rule", "first_seen_at", "due_at", "resolved_at", "sla"],
        content.alerts.list.map((alert) => [
          alert.id,
          alert.title,
          alert.severity,
          alert.account,
          alert.rule,
          alert.firstSeenAt,
          alert.dueAt,
          alert.resolvedAt,
          alert.sla,
        ]),
      ),
    },
    {
      path: "csv/sync-runs.csv",
      text: csv(
        ["id", "account", "status", "trigger", "started_at", "finished_at", "error_summary", "failed_steps"],
        content.syncRuns.map((run) => [
          run.id,
          run.account,
          run.status,
          run.trigger,
          run.startedAt,
          run.finishedAt,
          run.errorSummary,
          run.failedSteps
            .map((step) => `${step.service}:${step.operation ?? "?"} ${step.region} ${step.code ?? ""}`.trim())
            .join("; "),
        ]),
      ),
    },
    {
      path: "csv/unknowns.csv",
      text: csv(
        ["control_id", "account", "reason", "errors"],
        content.unknowns.map((row) => [
          row.controlId,
          row.account,
          row.reason,
          row.errors
            .map((error) =>
              `${error.service}:${error.operation ?? "?"} ${error.region} ${error.code ?? ""} ${error.message ?? ""}`.trim(),
            )
            .join("; "),
        ]),
      ),
    },
  ];
}
