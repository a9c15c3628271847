import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listOpenAlerts } from "@/lib/queries/alerts";

export const metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const actor = await requireActor();
  const alerts = await pageNotFoundOn(listOpenAlerts(actor));
  return (
    <>
      <PageHeader title="Alerts" description="Open alerts across your customers, most severe first." />
      {alerts.length === 0 ? (
        <EmptyState title="No open alerts">Nothing needs triage for your customers right now.</EmptyState>
      ) : (
        <Table caption="Open alerts">
          <thead>
            <tr>
              <Th>Severity</Th>
              <Th>Alert</Th>
              <Th>Customer / account</Th>
              <Th>Status</Th>
              <Th>Opened</Th>
              <Th>Due</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {alerts.map((alert) => (
              <Tr key={alert.id}>
                <Td>
                  <Badge tone={alert.severity === "CRITICAL" ? "critical" : alert.severity === "HIGH" ? "bad" : "warn"}>
                    {alert.severity.toLowerCase()}
                  </Badge>
                </Td>
                <Td>{alert.title}</Td>
                <Td>
                  <Link href={`/customers/${alert.customer.id}`} className="text-brand-700 hover:underline">
                    {alert.customer.name}
                  </Link>
                  {alert.awsAccount ? <div className="text-xs text-slate-500">{alert.awsAccount.alias}</div> : null}
                </Td>
                <Td className="text-xs">{alert.status.toLowerCase().replace("_", " ")}</Td>
                <Td className="text-xs">
                  <RelativeTime date={alert.firstSeenAt} />
                </Td>
                <Td className="text-xs">
                  <RelativeTime date={alert.dueAt} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
