import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { icrNumber } from "@/lib/changes/format";
import { instantToZonedTime } from "@/lib/changes/time-zone";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getChangeEditForm } from "@/lib/queries/changes";
import { ChangeRequestForm, type Component } from "../../new/change-request-form";

// Editing a saved change request (SOP 000 §11) until it is approved. Saving an assessed change sends it back
// to draft: its assessment is confirmed again and every approval given so far is withdrawn (workflow.ts).
export default async function EditChangePage({
  params,
}: {
  params: Promise<{ customerId: string; changeId: string }>;
}) {
  const { customerId, changeId } = await params;
  const actor = await requireActor();
  const form = await pageNotFoundOn(getChangeEditForm(actor, customerId, changeId));
  const { change, customer } = form;
  const number = icrNumber(change.number);
  const changeHref = `/customers/${customer.id}/changes/${change.id}`;
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
        /{" "}
        <Link href={changeHref} className="text-brand-700 hover:underline">
          {number}
        </Link>{" "}
        / Edit
      </nav>
      <PageHeader
        title={`Edit ${number} ${change.title}`}
        description={
          form.sendsBack?.approvals
            ? `Saving sends this change back to draft: it is assessed again, and ${change.approvals.length > 0 ? `the ${change.approvals.length === 1 ? "decision" : `${change.approvals.length} decisions`} already recorded ${change.approvals.length === 1 ? "is" : "are"} withdrawn and it is approved again by everyone` : "then approved"} on what it now says.`
            : "The change is a draft: it stays one until it is assessed."
        }
      />
      <Card>
        {form.refusal ? (
          <div className="space-y-3 text-sm">
            <p role="alert" className="text-slate-800">
              {form.refusal}
            </p>
            <Link href={changeHref} className="text-brand-700 hover:underline">
              Back to {number}
            </Link>
          </div>
        ) : (
          <ChangeRequestForm
            customerId={customer.id}
            accounts={form.accounts.map((account) => ({
              ...account,
              collectedAt: account.collectedAt ? account.collectedAt.toISOString().slice(0, 10) : null,
            }))}
            timeZone={customer.timeZone}
            defaultWindow={{
              start: instantToZonedTime(change.windowStart, change.windowTimeZone),
              end: instantToZonedTime(change.windowEnd, change.windowTimeZone),
            }}
            userName={actor.name}
            saved={{
              changeId: change.id,
              version: change.version,
              title: change.title,
              description: change.description,
              justification: change.justification,
              preliminaryImpact: change.preliminaryImpact,
              windowStart: instantToZonedTime(change.windowStart, change.windowTimeZone),
              windowEnd: instantToZonedTime(change.windowEnd, change.windowTimeZone),
              windowTimeZone: change.windowTimeZone,
              responsibleRole: change.responsibleRole,
              responsibleName: change.responsibleName,
              components: change.components.map(
                (component): Component => ({
                  awsAccountId: component.awsAccountId,
                  region: component.region,
                  resourceKind: component.resourceKind as Component["resourceKind"],
                  resourceId: component.resourceId,
                }),
              ),
            }}
          />
        )}
      </Card>
    </>
  );
}
