import Link from "next/link";
import { ControlStatusBadge, SeverityBadge } from "@/components/scorecard/control-status";
import { ControlsByArea } from "@/components/scorecard/controls-by-area";
import { GradeMark, ScoreSummary } from "@/components/scorecard/score-summary";
import { LastSync } from "@/components/sync/last-sync";
import { SyncPanel } from "@/components/sync/sync-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SeverityCounts } from "@/components/ui/severity-counts";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { formatScore } from "@/lib/controls/scoring";
import { environmentLabel } from "@/lib/customers/environments";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getCustomerOverview } from "@/lib/queries/customers";
import { getCustomerScorecard } from "@/lib/queries/scorecard";
import { getCustomerSyncStatus } from "@/lib/queries/sync-runs";

export default async function CustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { customerId } = await params;
  const actor = await requireActor();
  const { customer, accounts } = await pageNotFoundOn(getCustomerOverview(actor, customerId));
  const [syncStatus, scorecard] = await Promise.all([
    getCustomerSyncStatus(actor, customer.id),
    getCustomerScorecard(actor, customer.id),
  ]);
  return (
    <>
      <PageHeader
        title={customer.name}
        description={`Scorecard · ${accounts.length} AWS account${accounts.length === 1 ? "" : "s"}`}
      />
      <Card className="mb-6">
        <ScoreSummary score={scorecard.score} label="Security posture score" />
      </Card>
      {scorecard.failing.length > 0 ? (
        <Card className="mb-6">
          <CardHeader
            title={`Failing controls (${scorecard.failing.length})`}
            description="Most severe first. Open a control for its evidence, rationale and remediation in each account."
          />
          <ul className="divide-y divide-slate-100">
            {scorecard.failing.map((control) => (
              <li key={control.id} className="flex flex-wrap items-start gap-3 py-2">
                <SeverityBadge severity={control.severity} />
                <ControlStatusBadge status={control.status} needsAttestation={control.needsAttestation} />
                <Link
                  href={`/customers/${customer.id}/controls/${control.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {control.id} {control.title}
                </Link>
                <span className="basis-full text-xs text-slate-600">
                  {control.accounts
                    .filter((account) => account.status === "FAIL" && !account.suppressed)
                    .map((account) => `${account.accountAlias}: ${account.reason}`)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
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
                <Th>Score</Th>
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
                    <span className="inline-flex items-center gap-2">
                      <GradeMark
                        grade={scorecard.accountScores[account.id]?.grade ?? null}
                        className="h-6 w-6 text-xs"
                      />
                      <span className="tabular-nums">
                        {formatScore(scorecard.accountScores[account.id]?.score ?? null)}
                      </span>
                    </span>
                  </Td>
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
      {scorecard.areas.length > 0 ? (
        <Card className="mt-6">
          <CardHeader
            title="Controls by SOP area"
            description="Each control's worst result across the accounts (a failure beats a gap; a gap beats a pass)."
          />
          <ControlsByArea customerId={customer.id} areas={scorecard.areas} />
        </Card>
      ) : null}
      {accounts.length > 0 ? (
        <Card className="no-print mt-6">
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
