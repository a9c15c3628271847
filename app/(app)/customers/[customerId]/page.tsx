import Link from "next/link";
import { LastSync } from "@/components/sync/last-sync";
import { SyncPanel } from "@/components/sync/sync-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SeverityCounts } from "@/components/ui/severity-counts";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { environmentLabel } from "@/lib/customers/environments";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getCustomerOverview } from "@/lib/queries/customers";
import { getCustomerSyncStatus } from "@/lib/queries/sync-runs";

export default async function CustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { customerId } = await params;
  const actor = await requireActor();
  const { customer, accounts } = await pageNotFoundOn(getCustomerOverview(actor, customerId));
  const syncStatus = await getCustomerSyncStatus(actor, customer.id);
  return (
    <>
      <PageHeader
        title={customer.name}
        description={`${accounts.length} AWS account${accounts.length === 1 ? "" : "s"}`}
      />
      <Card>
        <CardHeader
          title="AWS accounts"
          description="Evidence is collected through a read-only audit role in each account."
        />
        {accounts.length === 0 ? (
          <EmptyState title="No AWS accounts connected">
            {can(actor, "account:manage")
              ? "Add the customer's accounts in Settings with the audit role ARN; Rampart shows the trust policy to give the customer."
              : "An administrator connects this customer's AWS accounts; evidence appears here after the first sync."}
          </EmptyState>
        ) : (
          <Table caption={`AWS accounts of ${customer.name}`}>
            <thead>
              <tr>
                <Th>Account</Th>
                <Th>Environment</Th>
                <Th>Regions</Th>
                <Th>Open findings</Th>
                <Th>Last sync</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {accounts.map((account) => (
                <Tr key={account.id}>
                  <Td>
                    <Link
                      href={`/customers/${customer.id}/accounts/${account.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {account.alias}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{account.accountNumber}</div>
                  </Td>
                  <Td>{environmentLabel(account.environment)}</Td>
                  <Td className="text-xs">{account.regions.join(", ")}</Td>
                  <Td>
                    <SeverityCounts counts={account.openFindings} />
                  </Td>
                  <Td>
                    <LastSync run={account.lastRun} />
                    {account.lastRun?.errorSummary ? (
                      <p className="mt-1 max-w-md text-xs text-amber-800">{account.lastRun.errorSummary}</p>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {accounts.length > 0 ? (
        <Card className="mt-6">
          <CardHeader
            title="Evidence collection"
            description="The latest sync of each account, collector by collector."
          />
          <SyncPanel initial={syncStatus} canSync={can(actor, "sync:run")} />
        </Card>
      ) : null}
    </>
  );
}
