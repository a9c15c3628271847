import Link from "next/link";
import { LastSync } from "@/components/sync/last-sync";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SeverityCounts } from "@/components/ui/severity-counts";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listPortfolio } from "@/lib/queries/customers";

export const metadata = { title: "Portfolio" };

export default async function PortfolioPage() {
  const actor = await requireActor();
  const rows = await pageNotFoundOn(listPortfolio(actor));
  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Every customer you look after, with what the latest collection found."
      />
      {rows.length === 0 ? (
        <EmptyState
          title="No customers yet"
          action={can(actor, "customer:manage") ? <ButtonLink href="/settings">Add a customer</ButtonLink> : undefined}
        >
          {can(actor, "customer:manage")
            ? "Add a customer and connect its AWS accounts in Settings; Rampart then collects its evidence."
            : "No customer is assigned to you yet. Ask an administrator to assign you to the customers you look after."}
        </EmptyState>
      ) : (
        <Table caption="Customers">
          <thead>
            <tr>
              <Th>Customer</Th>
              <Th>Accounts</Th>
              <Th>Open findings</Th>
              <Th>Last sync</Th>
              <Th>Needs attention</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <Tr key={row.id}>
                <Td>
                  <Link href={`/customers/${row.id}`} className="font-medium text-brand-700 hover:underline">
                    {row.name}
                  </Link>
                </Td>
                <Td>{row.accountCount}</Td>
                <Td>
                  <SeverityCounts counts={row.openFindings} />
                </Td>
                <Td>
                  <LastSync run={row.lastSync} />
                </Td>
                <Td>
                  {row.accountsNeedingAttention > 0
                    ? `${row.accountsNeedingAttention} account${row.accountsNeedingAttention > 1 ? "s" : ""} with gaps`
                    : "—"}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
