import Link from "next/link";
import { IcrLogLink } from "@/components/changes/icr-log-link";
import { AttestationForm } from "@/components/control-records/attestation-form";
import { AttestationList } from "@/components/control-records/attestation-list";
import { SuppressionForm } from "@/components/control-records/suppression-form";
import { SuppressionList } from "@/components/control-records/suppression-list";
import { ControlStatusBadge, SeverityBadge } from "@/components/scorecard/control-status";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { InlineCode } from "@/components/ui/inline-code";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { ATTESTATION_MAX_MONTHS } from "@/lib/actions/control-record-schemas";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { resourceLabel } from "@/lib/controls/resource-label";
import { addDaysToIsoDay, addMonthsToIsoDay, utcToday } from "@/lib/dates";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getControlRecords } from "@/lib/queries/control-records";
import { getCustomerControl } from "@/lib/queries/scorecard";
import { ChangeActivity } from "../../changes/detected/change-activity";

// Drill-down from a control to its result and offending resources in each account of the customer,
// with the SOP clause, references, rationale and remediation, and the attestations and suppressions that
// decide it (with their forms for actors holding the permission).
/** The control's references other than the SOP clauses already shown ("SOP 000 §9 · 000 §9" said one twice). */
function otherReferences(control: { sopReference: string; reference: string | null }): string {
  const sop = new Set(control.sopReference.split(/,\s*/));
  return (control.reference ?? "")
    .split(/,\s*/)
    .filter((part) => part && !sop.has(part))
    .join(", ");
}

/** References name AWS Config rules by their identifiers (IAM_PASSWORD_POLICY): shown as identifiers, in code. */
function References({ text }: { text: string }) {
  return (
    <>
      {text.split(/\b([A-Z0-9]+(?:_[A-Z0-9]+)+)\b/).map((part, index) =>
        index % 2 === 1 ? (
          <code key={index} className="font-mono text-xs">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

export default async function CustomerControlPage({
  params,
}: {
  params: Promise<{ customerId: string; controlId: string }>;
}) {
  const { customerId, controlId } = await params;
  const actor = await requireActor();
  const [{ customer, control, row }, records] = await pageNotFoundOn(
    Promise.all([getCustomerControl(actor, customerId, controlId), getControlRecords(actor, customerId, controlId)]),
  );
  const today = utcToday();
  const canAttest = control.acceptsAttestation && can(actor, "attestation:write");
  const canSuppress = can(actor, "suppression:approve");
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-700 hover:underline">
          {customer.name}
        </Link>{" "}
        / {control.id}
      </nav>
      <PageHeader
        title={`${control.id} ${control.title}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <SeverityBadge severity={row?.severity ?? control.severity} />
            {row ? <ControlStatusBadge status={row.status} needsAttestation={row.needsAttestation} /> : null}
            <span>
              {control.area.name} · SOP {control.sopReference}
              {otherReferences(control) ? (
                <>
                  {" · "}
                  <References text={otherReferences(control)} />
                </>
              ) : null}{" "}
              · {control.source === "AUTOMATED" ? "evaluated from AWS evidence" : "attested by a consultant"}
            </span>
          </span>
        }
        actions={
          <ButtonLink variant="secondary" href={`/customers/${customer.id}/records`}>
            Attestations &amp; records
          </ButtonLink>
        }
      />
      <Card className="mb-6">
        <CardHeader title="Result per account" description={control.evidenceDescription} />
        {!row || row.accounts.length === 0 ? (
          <EmptyState title="Not evaluated yet">
            Controls are evaluated after each sync. Run a sync of this customer's accounts to see this control's result.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {row.accounts.map((account) => (
              <li key={account.awsAccountId} className="py-3">
                <div className="flex flex-wrap items-center gap-3">
                  <ControlStatusBadge
                    status={account.suppressed ? "SUPPRESSED" : account.status}
                    needsAttestation={account.needsAttestation}
                  />
                  <Link
                    href={`/customers/${customer.id}/accounts/${account.awsAccountId}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {account.accountAlias}
                  </Link>
                  <span className="font-mono text-xs text-slate-500">{account.accountNumber}</span>
                  <span className="text-xs text-slate-500">
                    evaluated <RelativeTime date={account.evaluatedAt} />
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-800">{account.reason}</p>
                {account.offenders.length > 0 ? (
                  <details className="mt-1 text-sm" open={account.offenders.length <= 10}>
                    <summary className="cursor-pointer text-slate-600">
                      {account.offenders.length} resource{account.offenders.length === 1 ? "" : "s"}
                    </summary>
                    <ul className="mt-1 space-y-0.5 pl-4 text-xs text-slate-700">
                      {account.offenders.map((offender, index) => (
                        <li key={index} className="break-words">
                          <span className="text-slate-500">{offender.kind}</span>{" "}
                          <span className="font-mono break-all">{resourceLabel(offender.id)}</span>
                          {offender.region ? <span className="text-slate-500"> ({offender.region})</span> : null}
                          {offender.detail ? <span> — {offender.detail}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {control.acceptsAttestation ? (
        <Card className="mb-6">
          <CardHeader
            title="Attestations"
            description={
              control.source === "ATTESTED"
                ? 'AWS cannot show this control: a consultant\'s valid attestation passes it, none fails it as "needs attestation", an expired one as "attestation expired".'
                : "When AWS shows no recent evidence, a consultant's valid attestation decides this control."
            }
          />
          {control.id === "CHG-1" ? <ChangeActivity customerId={customer.id} /> : null}
          {records.attestations.length === 0 ? (
            <p className="mb-4 text-sm text-slate-600">
              {canAttest
                ? "No attestation yet. Record the evidence you checked below."
                : "No attestation has been recorded for this control yet."}
            </p>
          ) : (
            <AttestationList
              customerId={customer.id}
              attestations={records.attestations}
              showControl={false}
              canAttach={canAttest}
              caption={`Attestations of ${control.id} for ${customer.name}`}
            />
          )}
          {canAttest ? (
            <div className="mt-6 border-t border-slate-100 pt-4">
              <h3 className="mb-3 text-sm font-semibold text-slate-900">Attest {control.id}</h3>
              {control.id === "CHG-1" ? <IcrLogLink customerId={customer.id} /> : null}
              <AttestationForm
                customerId={customer.id}
                control={{ id: control.id, title: control.title }}
                accounts={records.accounts}
                dates={{
                  min: addDaysToIsoDay(today, 1),
                  max: addMonthsToIsoDay(today, ATTESTATION_MAX_MONTHS),
                  defaultValue: addMonthsToIsoDay(today, 12),
                }}
              />
            </div>
          ) : null}
        </Card>
      ) : null}
      <Card className="mb-6">
        <CardHeader
          title="Suppressions"
          description="While a suppression is valid the control counts as neither pass nor fail; the scorecard also shows the score without suppressions."
        />
        {records.suppressions.length === 0 ? (
          <p className="mb-4 text-sm text-slate-600">This control is not suppressed.</p>
        ) : (
          <SuppressionList
            customerId={customer.id}
            suppressions={records.suppressions}
            showControl={false}
            canRevoke={canSuppress}
            caption={`Active suppressions of ${control.id} for ${customer.name}`}
          />
        )}
        {canSuppress ? (
          <div className="mt-6 border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">Suppress {control.id}</h3>
            <SuppressionForm
              customerId={customer.id}
              control={{ id: control.id, title: control.title }}
              accounts={records.accounts}
              dates={{ min: addDaysToIsoDay(today, 1), max: addDaysToIsoDay(today, records.maxSuppressionDays) }}
              maxDays={records.maxSuppressionDays}
            />
          </div>
        ) : null}
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader title="Why the SOP asks for it" />
          <p className="text-sm text-slate-700">{control.rationale}</p>
        </Card>
        <Card>
          <CardHeader title="How to fix it" />
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            {control.remediation.map((step, index) => (
              <li key={index} className="break-words">
                <InlineCode text={step} />
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
