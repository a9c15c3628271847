import Link from "next/link";
import type { ReactNode } from "react";
import { ChangeOutcomeBadge, ChangeStatusBadge } from "@/components/changes/change-badges";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { describeResource } from "@/lib/changes/components";
import { icrNumber } from "@/lib/changes/format";
import { formatInZone } from "@/lib/changes/time-zone";
import { APPROVAL_ROLE_LABELS, EDIT_SENDS_BACK } from "@/lib/changes/workflow";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getChange } from "@/lib/queries/changes";
import { AssessForm, CancelForm, CloseForm, DecideForm, StartForm, ValidateForm } from "./change-forms";

const minute = (value: Date | null) => (value ? `${value.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      {items.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="font-medium text-slate-600">{label}</dt>
          <dd className="whitespace-pre-line break-words text-slate-900">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

const yesNo = (value: boolean | null) => (value === null ? "—" : value ? "Yes" : "No");

// One change request (SOP 000 §11): the request, its assessment, each approval with who, when and why, its
// execution, validation and final result, and the forms of the moves the viewer may make now.
export default async function ChangePage({ params }: { params: Promise<{ customerId: string; changeId: string }> }) {
  const { customerId, changeId } = await params;
  const actor = await requireActor();
  const { customer, change, permissions, technicalManagers } = await pageNotFoundOn(
    getChange(actor, customerId, changeId),
  );
  const target = { changeId: change.id, version: change.version };
  const may = (move: (typeof permissions.moves)[number]) => permissions.moves.includes(move);
  const number = icrNumber(change.number);
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-700 hover:underline">
          {customer.name}
        </Link>{" "}
        /{" "}
        <Link href={`/customers/${customer.id}/changes`} className="text-brand-700 hover:underline">
          Changes
        </Link>{" "}
        / {number}
      </nav>
      <PageHeader
        title={`${number} ${change.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ChangeStatusBadge status={change.status} />
            <ChangeOutcomeBadge outcome={change.outcome} />
            <span>
              Window {formatInZone(change.windowStart, change.windowTimeZone)} to{" "}
              {formatInZone(change.windowEnd, change.windowTimeZone)}
            </span>
          </span>
        }
      />

      <Card className="mb-6">
        <CardHeader
          title="Request"
          description={
            may("edit")
              ? change.status === "DRAFT"
                ? "It can be edited until it is approved."
                : `It can be edited until it is approved; saving an edit sends it back to draft, to be assessed${EDIT_SENDS_BACK.ASSESSED.approvals ? " and approved" : ""} again.`
              : undefined
          }
          actions={
            may("edit") ? (
              <ButtonLink variant="secondary" href={`/customers/${customer.id}/changes/${change.id}/edit`}>
                Edit the request
              </ButtonLink>
            ) : undefined
          }
        />
        <Facts
          items={[
            ["Description", change.description],
            ["Justification", change.justification],
            ["Preliminary impact", change.preliminaryImpact],
            ["Responsible", `${change.responsibleName} (${change.responsibleRole})`],
            ["Requested by", `${change.requestedBy ?? "a former user"}, ${minute(change.createdAt)}`],
          ]}
        />
        <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-900">Affected components</h3>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          {change.components.map((component) => (
            <li key={component.id} className="break-words">
              {component.account}:{" "}
              {describeResource({ region: component.region, kind: component.resourceKind, id: component.resourceId })}
            </li>
          ))}
        </ul>
      </Card>

      <Card className="mb-6">
        <CardHeader
          title="Assessment"
          description={change.assessedAt ? `Assessed ${minute(change.assessedAt)}.` : "Not assessed yet."}
        />
        {change.assessedAt ? (
          <Facts
            items={[
              ["Impact on availability", change.impactAvailability],
              ["Impact on security", change.impactSecurity],
              ["Impact on performance", change.impactPerformance],
              ["Viability", change.viability],
              ["Needs a maintenance window", yesNo(change.needsMaintenanceWindow)],
              ["Governance approval", change.governanceApprovalRequired ? "Required" : "Not required"],
              ["Execution plan", change.executionPlan],
              ["Rollback plan", change.rollbackPlan ?? "None yet: required before approval."],
            ]}
          />
        ) : null}
        {may("assess") ? (
          <div className="mt-6 border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">
              {change.assessedAt ? "Update the assessment" : "Assess the change"}
            </h3>
            <AssessForm target={target} current={change} />
          </div>
        ) : null}
      </Card>

      <Card className="mb-6">
        <CardHeader
          title="Approvals"
          description={`Needed: ${change.requiredApprovals.map((role) => APPROVAL_ROLE_LABELS[role].toLowerCase()).join(", ")}. Technical manager: ${technicalManagers.join(", ") || "none assigned (Administration → Assignments)"}.`}
        />
        {change.approvals.length === 0 ? (
          <p className="text-sm text-slate-600">No decision recorded yet.</p>
        ) : (
          <ul aria-label="Decisions" className="space-y-2 text-sm">
            {change.approvals.map((approval) => (
              <li key={approval.role} className="rounded bg-slate-50 px-3 py-2">
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone={approval.verdict === "APPROVED" ? "good" : "critical"}>
                    {approval.verdict === "APPROVED" ? "Approved" : "Rejected"}
                  </Badge>
                  <span className="font-medium">{APPROVAL_ROLE_LABELS[approval.role]}</span>
                  <span>
                    {approval.approver}, {minute(approval.at)}
                  </span>
                </span>
                <span className="mt-1 block whitespace-pre-line break-words text-slate-700">{approval.comment}</span>
              </li>
            ))}
          </ul>
        )}
        {change.status === "ASSESSED" && change.missingApprovals.length > 0 ? (
          <p className="mt-3 text-sm text-slate-700">
            Waiting for: {change.missingApprovals.map((role) => APPROVAL_ROLE_LABELS[role].toLowerCase()).join(", ")}.
          </p>
        ) : null}
        {permissions.decision && "refusal" in permissions.decision ? (
          <p className="mt-3 text-sm text-slate-600">{permissions.decision.refusal}</p>
        ) : null}
        {permissions.decision && "role" in permissions.decision ? (
          <div className="mt-6 border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">
              Your decision as {APPROVAL_ROLE_LABELS[permissions.decision.role].toLowerCase()}
            </h3>
            <DecideForm
              target={target}
              role={permissions.decision.role}
              approveBlockedBecause={permissions.approveBlockedBecause}
            />
          </div>
        ) : null}
      </Card>

      <Card className="mb-6">
        <CardHeader title="Execution and validation" />
        <Facts
          items={[
            ["Started", minute(change.startedAt)],
            ["Rollback plan invoked", yesNo(change.rollbackInvoked)],
            ["Services checked", change.servicesChecked],
            ["Stability observed", change.stabilityObserved],
            ["Observations", change.observations],
            ["Validated", minute(change.validatedAt)],
            ["Final result", change.finalResult],
            ["Closed", minute(change.closedAt)],
          ]}
        />
        {may("start") ? (
          <div className="mt-6 border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">Start in the window</h3>
            <StartForm target={target} />
          </div>
        ) : null}
        {may("validate") ? (
          <div className="mt-6 border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">Validate</h3>
            <ValidateForm target={target} />
          </div>
        ) : null}
        {may("close") ? (
          <div className="mt-6 border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">Close into the ICR log</h3>
            <CloseForm target={target} rollbackInvoked={change.rollbackInvoked} />
          </div>
        ) : null}
      </Card>

      {may("cancel") ? (
        <Card>
          <CardHeader title="Cancel" description="A change can be cancelled until it starts; it stays in the log." />
          <CancelForm target={target} />
        </Card>
      ) : null}
    </>
  );
}
