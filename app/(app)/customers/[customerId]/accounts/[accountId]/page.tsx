import Link from "next/link";
import { SyncStatusBadge } from "@/components/sync/sync-status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { environmentLabel } from "@/lib/customers/environments";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getAccountEvidence } from "@/lib/queries/evidence";

export default async function AccountEvidencePage({
  params,
}: {
  params: Promise<{ customerId: string; accountId: string }>;
}) {
  const { customerId, accountId } = await params;
  const actor = await requireActor();
  const { customer, account, evidence, recentRuns } = await pageNotFoundOn(
    getAccountEvidence(actor, customerId, accountId),
  );
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-700 hover:underline">
          {customer.name}
        </Link>
      </nav>
      <PageHeader
        title={`${account.alias} (${account.accountNumber})`}
        description={`${environmentLabel(account.environment)} · ${account.regions.join(", ")}`}
      />
      <Card className="mb-6">
        <CardHeader
          title="Evidence"
          description="What the latest collection holds per collector and region. Stale evidence is kept when a collector fails, and marked."
        />
        {evidence.length === 0 ? (
          <EmptyState title="No evidence yet">Evidence appears after the first sync of this account.</EmptyState>
        ) : (
          <Table caption={`Evidence for ${account.alias}`}>
            <thead>
              <tr>
                <Th>Collector</Th>
                <Th>Region</Th>
                <Th>State</Th>
                <Th>Collected</Th>
                <Th>Details</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {evidence.map((row) => (
                <Tr key={`${row.collector}@${row.region}`}>
                  <Td className="font-medium">{row.collector}</Td>
                  <Td className="text-xs">{row.region}</Td>
                  <Td>
                    {row.state === "COLLECTED" ? <Badge tone="good">current</Badge> : null}
                    {row.state === "STALE" ? (
                      <Badge tone="warn" title="The latest run could not collect this; the previous evidence is shown">
                        unknown now · previous kept
                      </Badge>
                    ) : null}
                    {row.state === "NEVER" ? <Badge tone="critical">never collected</Badge> : null}
                    {row.latestError ? (
                      <p className="mt-1 max-w-sm text-xs text-red-800">
                        {[
                          row.latestError.operation,
                          [row.latestError.code, row.latestError.message].filter(Boolean).join(" — "),
                        ]
                          .filter(Boolean)
                          .join(": ")}
                      </p>
                    ) : null}
                  </Td>
                  <Td className="text-xs">
                    {row.collectedAt ? <RelativeTime date={row.collectedAt} /> : "—"}
                    {row.confirmedAt && row.confirmedAt !== row.collectedAt ? (
                      <div className="text-slate-500">
                        unchanged since, confirmed <RelativeTime date={row.confirmedAt} />
                      </div>
                    ) : null}
                  </Td>
                  <Td>
                    {row.preview ? (
                      <details>
                        <summary className="cursor-pointer text-xs text-brand-700">Show collected data</summary>
                        <pre className="mt-2 max-h-96 max-w-2xl overflow-auto rounded bg-slate-50 p-2 text-xs">
                          {row.preview}
                        </pre>
                        {row.size > row.preview.length ? (
                          <p className="mt-1 text-xs text-slate-500">
                            Showing the first {Math.round(row.preview.length / 1000)} k of {Math.round(row.size / 1000)}{" "}
                            k characters.
                          </p>
                        ) : null}
                      </details>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card>
        <CardHeader title="Sync history" description="The last ten runs of this account." />
        {recentRuns.length === 0 ? (
          <p className="text-sm text-slate-600">Never synced.</p>
        ) : (
          <Table caption={`Sync history of ${account.alias}`}>
            <thead>
              <tr>
                <Th>Started</Th>
                <Th>Trigger</Th>
                <Th>Status</Th>
                <Th>Duration</Th>
                <Th>Problems</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {recentRuns.map((run) => (
                <Tr key={run.id}>
                  <Td className="text-xs">
                    <RelativeTime date={run.queuedAt} />
                  </Td>
                  <Td className="text-xs">{run.trigger.toLowerCase()}</Td>
                  <Td>
                    <SyncStatusBadge status={run.status} />
                  </Td>
                  <Td className="text-xs">
                    {run.durationMs !== null ? `${(run.durationMs / 1000).toFixed(1)} s` : "—"}
                  </Td>
                  <Td className="max-w-lg text-xs text-amber-800">{run.errorSummary}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
