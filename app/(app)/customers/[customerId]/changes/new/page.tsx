import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { instantToZonedTime } from "@/lib/changes/time-zone";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getChangeRequestForm } from "@/lib/queries/changes";
import { ChangeRequestForm } from "./change-request-form";

// A consultant requests a change (SOP 000 §11 "Change Request"): what, why, which components (picked from
// the collected evidence), the preliminary impact, the window in the customer's time zone, who is responsible.
export default async function NewChangePage({ params }: { params: Promise<{ customerId: string }> }) {
  const { customerId } = await params;
  const actor = await requireActor();
  const form = await pageNotFoundOn(getChangeRequestForm(actor, customerId));
  const zone = form.customer.timeZone;
  const now = Date.now();
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href={`/customers/${form.customer.id}`} className="text-brand-700 hover:underline">
          {form.customer.name}
        </Link>{" "}
        /{" "}
        <Link href={`/customers/${form.customer.id}/changes`} className="text-brand-700 hover:underline">
          Changes
        </Link>{" "}
        / New
      </nav>
      <PageHeader
        title="New change request"
        description={`A change to ${form.customer.name}'s environment starts here. It is assessed next, then approved by the technical manager${form.customer.collaborative ? " and the customer" : ""} before it runs in its window.`}
      />
      <Card>
        <ChangeRequestForm
          customerId={form.customer.id}
          accounts={form.accounts.map((account) => ({
            ...account,
            collectedAt: account.collectedAt ? account.collectedAt.toISOString().slice(0, 10) : null,
          }))}
          timeZone={zone}
          defaultWindow={{
            start: instantToZonedTime(new Date(now + 24 * 3_600_000), zone),
            end: instantToZonedTime(new Date(now + 26 * 3_600_000), zone),
          }}
          userName={actor.name}
        />
      </Card>
    </>
  );
}
