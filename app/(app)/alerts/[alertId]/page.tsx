import Link from "next/link";
import { AlertStatusBadge, SeverityBadge, SlaBadge, slaText } from "@/components/alerts/alert-badges";
import { AlertTriagePanel } from "@/components/alerts/alert-triage-panel";
import { controlStatusInWords } from "@/components/scorecard/control-status";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { InlineCode } from "@/components/ui/inline-code";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { type AlertSeverity, formatDuration, slaStateOf } from "@/lib/alerts/sla";
import { type AlertSource, SOURCE_LABELS } from "@/lib/alerts/source-names";
import { type AlertStatus, STATUS_LABELS } from "@/lib/alerts/workflow";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { resourceLabel } from "@/lib/controls/resource-label";
import { addDaysToIsoDay, utcToday } from "@/lib/dates";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { type AlertContext, type AlertDetail, getAlert, listAlertAssignees } from "@/lib/queries/alerts";

export const metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ alertId: string }> }) {
  const { alertId } = await params;
  const actor = await requireActor();
  const detail = await pageNotFoundOn(getAlert(actor, alertId));
  const { alert } = detail;
  const now = new Date();
  const canTriage = can(actor, "alert:triage");
  const assignees = canTriage ? await listAlertAssignees(actor, [alert.customer.id]) : [];
  const status = alert.status as AlertStatus;
  const slaState = slaStateOf(
    { status, severity: alert.severity as AlertSeverity, dueAt: alert.dueAt, resolvedAt: alert.resolvedAt },
    now,
  );
  const source = SOURCE_LABELS[alert.source as AlertSource] ?? alert.source;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/alerts" className="text-brand-700 hover:underline">
          Alerts
        </Link>
      </nav>
      <PageHeader
        title={alert.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={alert.severity} />
            <AlertStatusBadge status={alert.status} />
            <SlaBadge state={slaState} text={slaText(slaState, alert.dueAt, now)} dueAt={alert.dueAt.toISOString()} />
            <span>
              {source} · {alert.rule}
            </span>
          </span>
        }
        actions={
          alert.evidenceLink ? (
            <ButtonLink variant="secondary" href={alert.evidenceLink}>
              Open the evidence
            </ButtonLink>
          ) : undefined
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <Card>
            <CardHeader title="What, where and when" />
            <Facts detail={detail} now={now} source={source} />
          </Card>
          <Card>
            <CardHeader
              title="What the evidence says now"
              description="Read from the latest collection and evaluation, not from when the alert opened."
            />
            <Context context={detail.context} evidenceLink={alert.evidenceLink} />
          </Card>
          <Card>
            <CardHeader title="History" description="Every change, with who made it and when. Rampart marks its own." />
            <History events={alert.events} />
          </Card>
        </div>
        <div className="space-y-6">
          {canTriage ? (
            <Card>
              <CardHeader title="Triage" />
              <AlertTriagePanel
                alert={{ id: alert.id, title: alert.title, status, assigneeId: alert.assignee?.id ?? null }}
                assignees={assignees}
                canSuppress={can(actor, "suppression:approve")}
                suppressionDates={{
                  min: addDaysToIsoDay(utcToday(), 1),
                  max: addDaysToIsoDay(utcToday(), detail.suppressionMaxDays),
                  maxDays: detail.suppressionMaxDays,
                }}
              />
            </Card>
          ) : (
            <Card>
              <CardHeader title="Triage" />
              <p className="text-sm text-slate-600">
                Your consultants triage this alert; its status and history update here as they work on it.
              </p>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_minmax(0,1fr)] gap-2 py-1.5">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900 break-words">{children}</dd>
    </div>
  );
}

function Facts({ detail, now, source }: { detail: AlertDetail; now: Date; source: string }) {
  const { alert, openedAt } = detail;
  return (
    <dl className="divide-y divide-slate-100">
      <Fact label="Customer">
        <Link href={`/customers/${alert.customer.id}`} className="text-brand-700 hover:underline">
          {alert.customer.name}
        </Link>
      </Fact>
      <Fact label="Account">
        {alert.awsAccount ? (
          <Link
            href={`/customers/${alert.customer.id}/accounts/${alert.awsAccount.id}`}
            className="text-brand-700 hover:underline"
          >
            {alert.awsAccount.alias} ({alert.awsAccount.accountNumber})
          </Link>
        ) : (
          "Every account of the customer"
        )}
      </Fact>
      <Fact label="Region">{alert.region ?? "—"}</Fact>
      <Fact label="Resource">{alert.resource ? resourceLabel(alert.resource) : "—"}</Fact>
      <Fact label="Source">
        {source} · {alert.rule}
      </Fact>
      <Fact label="Severity">{alert.severity.toLowerCase()}</Fact>
      <Fact label="Status">{STATUS_LABELS[alert.status as AlertStatus]}</Fact>
      <Fact label="Assigned to">{alert.assignee?.name ?? "Nobody yet"}</Fact>
      <Fact label="First seen">
        <RelativeTime date={alert.firstSeenAt} now={now} />
      </Fact>
      <Fact label="Last seen">
        <RelativeTime date={alert.lastSeenAt} now={now} /> ({alert.occurrences} time{alert.occurrences === 1 ? "" : "s"}
        )
      </Fact>
      <Fact label="Due">
        <time dateTime={alert.dueAt.toISOString()}>{alert.dueAt.toISOString().replace("T", " ").slice(0, 16)} UTC</time>{" "}
        (<RelativeTime date={alert.dueAt} now={now} />)
      </Fact>
      <Fact label="Time to acknowledge">
        {alert.acknowledgedAt
          ? formatDuration(alert.acknowledgedAt.getTime() - openedAt.getTime())
          : "not acknowledged yet"}
      </Fact>
      <Fact label="Time to resolve">
        {alert.resolvedAt ? formatDuration(alert.resolvedAt.getTime() - openedAt.getTime()) : "not resolved yet"}
      </Fact>
      {alert.status === "SUPPRESSED" ? (
        <Fact label="Suppression">
          Until {alert.suppressedUntil?.toISOString().slice(0, 10) ?? "—"}, approved by{" "}
          {detail.suppressionApprover ?? "—"}: {alert.suppressionReason ?? "no reason recorded"}
        </Fact>
      ) : null}
    </dl>
  );
}

function Context({ context, evidenceLink }: { context: AlertContext | null; evidenceLink: string | null }) {
  if (!context) {
    return (
      <p className="text-sm text-slate-600">
        Nothing more is stored beside the alert's own history.
        {evidenceLink ? (
          <>
            {" "}
            <Link href={evidenceLink} className="text-brand-700 hover:underline">
              Open the evidence
            </Link>{" "}
            for the full picture.
          </>
        ) : null}
      </p>
    );
  }
  switch (context.kind) {
    case "control":
      return (
        <div className="space-y-3 text-sm">
          <p>
            <span className="font-medium">{context.controlId}</span> is{" "}
            <span className="font-medium">{controlStatusInWords(context.status)}</span> (evaluated{" "}
            <RelativeTime date={context.evaluatedAt} />
            ): {context.reason}
          </p>
          {context.offenders.length > 0 ? (
            <Table caption={`What makes ${context.controlId} fail`}>
              <thead>
                <tr>
                  <Th>Resource</Th>
                  <Th>Region</Th>
                  <Th>What is wrong</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {context.offenders.map((offender, index) => (
                  <Tr key={`${offender.id}-${index}`}>
                    <Td className="break-all">
                      <span className="text-xs text-slate-500">{offender.kind}</span> {resourceLabel(offender.id)}
                    </Td>
                    <Td className="text-xs">{offender.region ?? "—"}</Td>
                    <Td className="text-xs">{offender.detail ?? "—"}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          ) : null}
        </div>
      );
    case "finding":
      return (
        <dl className="divide-y divide-slate-100">
          <Fact label="Finding">{context.title}</Fact>
          <Fact label="Finding status">{context.status.toLowerCase()}</Fact>
          <Fact label="Severity">{context.severity.toLowerCase()}</Fact>
          <Fact label="Resource">
            {context.resourceType ?? "resource"} {context.resourceId ?? "—"} ({context.region})
          </Fact>
          <Fact label="Vulnerability">
            {context.vulnerabilityId ?? "—"}
            {context.sourceUrl ? (
              <>
                {" "}
                <a href={context.sourceUrl} rel="noreferrer noopener" className="text-brand-700 underline">
                  advisory
                </a>
              </>
            ) : null}
          </Fact>
          <Fact label="Observed since">
            <RelativeTime date={context.observedAt ?? context.firstSeenAt} />
          </Fact>
          {context.remediation ? (
            <Fact label="Remediation">
              <InlineCode text={context.remediation} />
            </Fact>
          ) : null}
        </dl>
      );
    case "config":
      return context.resources.length === 0 ? (
        <p className="text-sm text-slate-600">No resource is non-compliant with this rule any more.</p>
      ) : (
        <Table caption="Non-compliant resources">
          <thead>
            <tr>
              <Th>Resource type</Th>
              <Th>Resource</Th>
              <Th>Non-compliant since</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {context.resources.map((resource, index) => (
              <Tr key={`${resource.resourceId}-${index}`}>
                <Td className="text-xs">{resource.resourceType ?? "—"}</Td>
                <Td className="break-all">{resource.resourceId ?? "—"}</Td>
                <Td className="text-xs">
                  <RelativeTime date={resource.firstSeenAt} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      );
    case "coverage":
      return context.steps.length === 0 ? (
        <p className="text-sm text-slate-600">The latest sync has no step for this collector.</p>
      ) : (
        <Table caption="The collector in the latest sync">
          <thead>
            <tr>
              <Th>Region</Th>
              <Th>Status</Th>
              <Th>Error</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {context.steps.map((step) => (
              <Tr key={step.region}>
                <Td className="text-xs">{step.region}</Td>
                <Td className="text-xs">{step.status.toLowerCase()}</Td>
                <Td className="text-xs text-red-800">
                  {step.errorCode ? `${step.errorCode}: ${step.errorMessage ?? ""}` : "—"}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      );
  }
}

const EVENT_LABELS: Record<string, string> = {
  opened: "Opened",
  reopened: "Reopened",
  auto_resolved: "Resolved itself",
  status: "Status changed",
  suppressed: "Suppressed",
  suppression_expired: "Suppression expired",
  assigned: "Assigned",
  unassigned: "Unassigned",
  comment: "Comment",
  escalated: "Severity raised",
  email_sent: "E-mailed",
};

function History({ events }: { events: AlertDetail["alert"]["events"] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No history yet.</p>;
  return (
    <ol className="space-y-3">
      {events.map((event) => (
        <li key={event.id} className="border-l-2 border-slate-200 pl-3 text-sm">
          <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
            <span className="font-medium text-slate-900">{EVENT_LABELS[event.type] ?? event.type}</span>
            {event.fromStatus && event.toStatus ? (
              <span>
                {STATUS_LABELS[event.fromStatus as AlertStatus]} → {STATUS_LABELS[event.toStatus as AlertStatus]}
              </span>
            ) : null}
            <span>by {event.actor?.name ?? "Rampart"}</span>
            <time dateTime={event.createdAt.toISOString()}>
              {event.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
            </time>
          </div>
          {event.note ? <p className="mt-1 whitespace-pre-line text-slate-800">{event.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
