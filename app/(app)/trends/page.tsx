import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listCustomerScoreHistory } from "@/lib/queries/trends";

export const metadata = { title: "Trends" };

export default async function TrendsPage() {
  const actor = await requireActor();
  const history = await pageNotFoundOn(listCustomerScoreHistory(actor));
  const latest = new Map<string, { name: string; score: number | null; day: Date }>();
  for (const row of history)
    if (row.customer) latest.set(row.customer.id, { name: row.customer.name, score: row.score, day: row.day });
  return (
    <>
      <PageHeader title="Trends" description="Compliance scores over the last 90 days." />
      {latest.size === 0 ? (
        <EmptyState title="No score history yet">
          Scores are recorded once a day per customer once controls are evaluated; none has been recorded for your
          customers.
        </EmptyState>
      ) : (
        <Table caption="Latest daily score per customer">
          <thead>
            <tr>
              <Th>Customer</Th>
              <Th>Latest score</Th>
              <Th>Day</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {[...latest.entries()].map(([id, row]) => (
              <Tr key={id}>
                <Td>{row.name}</Td>
                <Td>{row.score === null ? "no score" : Math.round(row.score)}</Td>
                <Td className="text-xs">{row.day.toISOString().slice(0, 10)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
