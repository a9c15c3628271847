import Link from "next/link";
import { AlertSlaForm } from "@/components/alerts/alert-sla-form";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DEFAULT_ALERT_SLA_HOURS, formatDuration } from "@/lib/alerts/sla";
import { requireActor } from "@/lib/auth/actor";
import { HOUR_MS } from "@/lib/dates";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listCustomerAlertSlas } from "@/lib/queries/alerts";

export const metadata = { title: "Alert SLAs" };

export default async function AlertSlaPage() {
  const actor = await requireActor();
  const customers = await pageNotFoundOn(listCustomerAlertSlas(actor));
  const defaults = Object.entries(DEFAULT_ALERT_SLA_HOURS)
    .map(([severity, hours]) => `${severity} ${formatDuration(hours * HOUR_MS)}`)
    .join(", ");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/alerts" className="text-brand-700 hover:underline">
          Alerts
        </Link>
      </nav>
      <PageHeader
        title="Alert SLAs"
        description={`How long an open alert may stay unresolved, by severity. The defaults are ${defaults}; a customer's own hours apply to alerts opened after they are saved.`}
      />
      {customers.length === 0 ? (
        <EmptyState title="No customers yet">
          Add a customer in Settings first; its alerts then use the defaults.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {customers.map((customer) => (
            <Card key={customer.id}>
              <CardHeader
                title={customer.name}
                description={
                  customer.problem
                    ? `The stored SLA is invalid (${customer.problem}); the defaults apply until it is saved again.`
                    : Object.keys(customer.custom).length === 0
                      ? "Uses the defaults."
                      : "Has its own hours for some severities; empty fields use the default."
                }
              />
              <AlertSlaForm customer={{ id: customer.id, name: customer.name, custom: customer.custom }} />
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
