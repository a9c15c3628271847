import Link from "next/link";
import { ControlStatusBadge, SeverityBadge } from "@/components/scorecard/control-status";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getCustomerControl } from "@/lib/queries/scorecard";

// Drill-down from a control to its result and offending resources in each account of the customer,
// with the SOP clause, references, rationale and remediation.
export default async function CustomerControlPage({
  params,
}: {
  params: Promise<{ customerId: string; controlId: string }>;
}) {
  const { customerId, controlId } = await params;
  const actor = await requireActor();
  const { customer, control, row } = await pageNotFoundOn(getCustomerControl(actor, customerId, controlId));
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
              {control.reference ? ` · ${control.reference}` : ""} ·{" "}
              {control.source === "AUTOMATED" ? "evaluated from AWS evidence" : "attested by a consultant"}
            </span>
          </span>
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
                        <li key={index}>
                          <span className="text-slate-500">{offender.kind}</span>{" "}
                          <span className="font-mono">{offender.id}</span>
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
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader title="Why the SOP asks for it" />
          <p className="text-sm text-slate-700">{control.rationale}</p>
        </Card>
        <Card>
          <CardHeader title="How to fix it" />
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            {control.remediation.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
