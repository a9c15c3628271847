import Link from "next/link";
import { AlertReviewForm } from "@/components/control-records/alert-review-form";
import { AlertReviewList } from "@/components/control-records/alert-review-list";
import { AttestationList } from "@/components/control-records/attestation-list";
import { Day } from "@/components/control-records/day";
import { EndpointInventory } from "@/components/control-records/endpoint-inventory";
import { SuppressionList } from "@/components/control-records/suppression-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { CONTROL_CATALOGUE } from "@/lib/controls/catalogue";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getCustomerRecords } from "@/lib/queries/control-records";

const ATTESTABLE_CONTROLS = CONTROL_CATALOGUE.filter((control) => control.acceptsAttestation);

// The consultant records behind the scorecard: attestations, suppressions, the NET-7 endpoint inventory
// and the GOV-5 alert reviews. Forms only for actors holding the permission; customer users read.
export default async function CustomerRecordsPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { customerId } = await params;
  const actor = await requireActor();
  const records = await pageNotFoundOn(getCustomerRecords(actor, customerId));
  const { customer, alertReviews } = records;
  const canAttest = can(actor, "attestation:write");
  const canSuppress = can(actor, "suppression:approve");
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-700 hover:underline">
          {customer.name}
        </Link>{" "}
        / Attestations &amp; records
      </nav>
      <PageHeader
        title="Attestations & records"
        description="What consultants recorded for this customer, and how it decides control results: attestations, suppressions, acknowledged public endpoints (NET-7) and alert reviews (GOV-5)."
      />

      <Card className="mb-6">
        <CardHeader
          title={`Attestations (${records.attestations.length})`}
          description='A valid attestation passes an attested control; after its "valid until" day the control fails as "attestation expired".'
        />
        {records.attestations.length === 0 ? (
          <EmptyState title="No attestation recorded yet">
            {canAttest ? (
              <>
                Open a control that accepts attestations and record the evidence you checked:{" "}
                {ATTESTABLE_CONTROLS.map((control, index) => (
                  <span key={control.id}>
                    {index > 0 ? ", " : ""}
                    <Link
                      href={`/customers/${customer.id}/controls/${control.id}`}
                      className="text-brand-700 hover:underline"
                    >
                      {control.id}
                    </Link>
                  </span>
                ))}
                .
              </>
            ) : (
              "Your consultant records attestations for the controls AWS cannot show (vault, runbooks, patch windows); they appear here."
            )}
          </EmptyState>
        ) : (
          <AttestationList
            customerId={customer.id}
            attestations={records.attestations}
            showControl
            canAttach={canAttest}
            caption={`Attestations of ${customer.name}`}
          />
        )}
      </Card>

      <Card className="mb-6">
        <CardHeader
          title={`Active suppressions (${records.suppressions.length})`}
          description="A suppressed control counts as neither pass nor fail until its expiry; the scorecard also shows the score without suppressions."
        />
        {records.suppressions.length === 0 ? (
          <EmptyState title="No control is suppressed">
            {canSuppress
              ? `Suppress a control from its page on the scorecard, with a reason and an expiry at most ${records.maxSuppressionDays} days ahead.`
              : "Every control counts in the score."}
          </EmptyState>
        ) : (
          <SuppressionList
            customerId={customer.id}
            suppressions={records.suppressions}
            showControl
            canRevoke={canSuppress}
            caption={`Active suppressions of ${customer.name}`}
          />
        )}
      </Card>

      <Card className="mb-6">
        <CardHeader
          title="Public endpoint inventory (NET-7)"
          description="Every internet-facing load balancer, public IP, Elastic IP and public database in the latest evidence. NET-7 fails until a consultant acknowledges each one."
        />
        {records.endpointInventory.length === 0 ? (
          <EmptyState title="No AWS account connected">
            Public endpoints are listed after an account is connected and synced.
          </EmptyState>
        ) : (
          <EndpointInventory inventory={records.endpointInventory} canAcknowledge={can(actor, "finding:triage")} />
        )}
      </Card>

      <Card>
        <CardHeader
          title="Alert reviews (GOV-5)"
          description={`A consultant reviews the customer's alerts and logs at least every ${alertReviews.cadenceDays} days (SOP 000 §10).`}
        />
        <p className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {alertReviews.overdue ? <Badge tone="critical">Review due</Badge> : <Badge tone="good">Up to date</Badge>}
          {alertReviews.lastReviewedAt ? (
            <span>
              Last review <Day date={alertReviews.lastReviewedAt} />; next due by{" "}
              <Day date={alertReviews.dueAt ?? alertReviews.lastReviewedAt} />.
            </span>
          ) : (
            <span>No alert review has been recorded yet.</span>
          )}
        </p>
        {can(actor, "alert:triage") ? (
          <div className="mb-4">
            <AlertReviewForm customerId={customer.id} />
          </div>
        ) : null}
        {alertReviews.recent.length === 0 ? (
          <EmptyState title="No alert review yet">
            {can(actor, "alert:triage")
              ? "Review the customer's alerts and logs, then record what you found above."
              : "Your consultant records each periodic review of your alerts and logs here."}
          </EmptyState>
        ) : (
          <AlertReviewList reviews={alertReviews.recent} />
        )}
      </Card>
    </>
  );
}
