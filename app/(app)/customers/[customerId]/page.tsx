import Link from "next/link";
import { Suspense } from "react";
import { Sparkline } from "@/components/portfolio/sparkline";
import { ControlExplorer } from "@/components/scorecard/control-explorer";
import { ControlReasonList, type ControlReasons } from "@/components/scorecard/control-reason-list";
import { SeverityBadge } from "@/components/scorecard/control-status";
import { ExecutiveSummary } from "@/components/scorecard/executive-summary";
import { FixFirst } from "@/components/scorecard/fix-first";
import { PrintButton } from "@/components/scorecard/print-button";
import { GradeMark, ScoreSummary } from "@/components/scorecard/score-summary";
import { LastSync } from "@/components/sync/last-sync";
import { StaleResultsNotice } from "@/components/sync/stale-results";
import { SyncPanel } from "@/components/sync/sync-panel";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SeverityCounts } from "@/components/ui/severity-counts";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { isAwaitingAttestation } from "@/lib/controls/control-counts";
import { formatScore } from "@/lib/controls/scoring";
import { environmentLabel } from "@/lib/customers/environments";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getCustomerOverview } from "@/lib/queries/customers";
import { type ControlRowView, getCustomerScorecard } from "@/lib/queries/scorecard";
import { getCustomerSyncStatus } from "@/lib/queries/sync-runs";
import { EvidencePackSection } from "./evidence-pack-section";
import { FindingPanelsLoading, FindingPanelsSection } from "./finding-panels-section";

export default async function CustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { customerId } = await params;
  const actor = await requireActor();
  const { customer, accounts } = await pageNotFoundOn(getCustomerOverview(actor, customerId));
  const [syncStatus, scorecard] = await Promise.all([
    getCustomerSyncStatus(actor, customer.id),
    getCustomerScorecard(actor, customer.id),
  ]);
  // Attested controls with no attestation are listed apart from evidence failures (spec, Attested controls);
  // both lists use the definition behind the counts (lib/controls/control-counts.ts).
  const awaitingAttestation = scorecard.failing.filter(isAwaitingAttestation);
  const evidenceFailures = scorecard.failing.filter((control) => !isAwaitingAttestation(control));
  const unknown = scorecard.areas.flatMap((area) => area.controls).filter((control) => control.status === "UNKNOWN");
  const isCustomerUser = actor.customerId !== null;
  return (
    <>
      <PageHeader
        title={customer.name}
        description={
          <>
            Scorecard · {accounts.length} AWS account{accounts.length === 1 ? "" : "s"}
            {scorecard.evaluatedAt ? (
              <span className="hidden print:inline">
                {" "}
                · evaluated {scorecard.evaluatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC · printed from
                Rampart
              </span>
            ) : null}
          </>
        }
        actions={
          <>
            {accounts.length > 0 ? (
              <ButtonLink variant="secondary" href="#evidence-collection" className="no-print">
                {can(actor, "sync:run") ? "Sync now" : "Evidence collection"}
              </ButtonLink>
            ) : null}
            <ButtonLink variant="secondary" href={`/api/customers/${customer.id}/results.csv`} className="no-print">
              Export results (CSV)
            </ButtonLink>
            <ButtonLink variant="secondary" href={`/customers/${customer.id}/findings`} className="no-print">
              Findings
            </ButtonLink>
            <ButtonLink variant="secondary" href={`/customers/${customer.id}/records`}>
              Attestations &amp; records
            </ButtonLink>
            <ButtonLink variant="secondary" href={`/customers/${customer.id}/changes`}>
              Changes &amp; ICR log
            </ButtonLink>
            <ButtonLink variant="secondary" href={`/customers/${customer.id}/changes/detected`}>
              Detected changes
            </ButtonLink>
            <PrintButton />
          </>
        }
      />
      <StaleResultsNotice initial={syncStatus} />
      {isCustomerUser ? (
        <Card className="mb-6">
          <CardHeader title="Summary" />
          <ExecutiveSummary
            customerName={customer.name}
            score={scorecard.score?.score ?? null}
            grade={scorecard.score?.grade ?? null}
            counts={scorecard.controlCounts}
            fixFirst={scorecard.fixFirst}
            trend={scorecard.trend}
          />
        </Card>
      ) : null}
      <div className="mb-6 grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <ScoreSummary
            score={scorecard.score}
            counts={scorecard.controlCounts}
            label={`Security posture score${accounts.length > 1 ? ` · results pooled over ${accounts.length} accounts` : ""}`}
          />
          {scorecard.trend.length > 1 ? (
            <div className="mt-3 flex items-center gap-2 text-xs text-slate-600">
              <span>Last 30 days</span>
              <Sparkline
                points={scorecard.trend}
                from={scorecard.trend[0]!.day}
                to={scorecard.trend.at(-1)!.day}
                width={200}
                height={32}
              />
            </div>
          ) : null}
        </Card>
        <Card>
          <CardHeader title="Fix first" description="Failures ranked by the score points each would win back." />
          <FixFirst customerId={customer.id} items={scorecard.fixFirst} />
        </Card>
      </div>
      {accounts.length > 0 ? (
        <Card className="no-print mb-6" id="evidence-collection">
          <CardHeader
            title="Evidence collection"
            description="The latest sync of each account, collector by collector. Open an account for its steps."
          />
          <SyncPanel initial={syncStatus} canSync={can(actor, "sync:run")} renderedAt={new Date().toISOString()} />
        </Card>
      ) : null}
      {evidenceFailures.length > 0 ? (
        <Card className="mb-6">
          <CardHeader
            title={`Failing controls (${evidenceFailures.length})`}
            description="Most severe first. Open a control for its evidence, rationale and remediation in each account."
          />
          <ControlReasonList
            customerId={customer.id}
            controls={evidenceFailures.map((control) => controlReasons(control, "FAIL"))}
            withSeverity
          />
        </Card>
      ) : null}
      {awaitingAttestation.length > 0 ? (
        <Card className="mb-6">
          <CardHeader
            title={`Awaiting attestation (${awaitingAttestation.length})`}
            description="Controls no API can show: a consultant records the evidence (note, link or document), who checked it and until when."
          />
          <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            {awaitingAttestation.map((control) => (
              <li key={control.id} className="flex items-center gap-2">
                <SeverityBadge severity={control.severity} />
                <Link
                  href={`/customers/${customer.id}/controls/${control.id}`}
                  className="text-brand-700 hover:underline"
                >
                  {control.id} {control.title}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {scorecard.coverageWarnings.length > 0 ? (
        <Card className="mb-6">
          <CardHeader
            title={`Coverage warning: resources in regions Rampart does not check (${scorecard.coverageWarnings.length})`}
            description="Enabled regions not configured for the account that hold resources. Nothing there is evaluated; add the region to the account in Settings."
          />
          <ul className="divide-y divide-slate-100">
            {scorecard.coverageWarnings.map((warning) => (
              <li key={`${warning.accountId}-${warning.region}`} className="py-2 text-sm break-words">
                <span className="font-medium text-slate-900">{warning.alias}</span> in{" "}
                <span className="font-mono text-xs">{warning.region}</span>:{" "}
                {[
                  warning.instanceCount > 0
                    ? `${warning.instanceCount}${warning.instanceCount >= 5 ? " or more" : ""} instance${warning.instanceCount === 1 ? "" : "s"}`
                    : null,
                  warning.vpcCount > 0
                    ? `${warning.vpcCount} non-default VPC${warning.vpcCount === 1 ? "" : "s"}`
                    : null,
                ]
                  .filter(Boolean)
                  .join(" and ")}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {unknown.length > 0 ? (
        <Card className="mb-6">
          <CardHeader
            title={`Unknown: evidence not read (${unknown.length})`}
            description="Coverage gaps, never counted as passing. Each with the cause Rampart met."
          />
          <ControlReasonList
            customerId={customer.id}
            controls={unknown.map((control) => controlReasons(control, "UNKNOWN"))}
            withSeverity={false}
          />
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
                    {scorecard.awaitingFirstCollection.includes(account.id) ? (
                      <span className="text-xs">
                        <Badge tone="warn">Awaiting first collection</Badge>
                        <span className="mt-1 block text-slate-600">
                          No score yet; left out of the customer's score until a sync reads its evidence.
                        </span>
                      </span>
                    ) : (
                      <span className="inline-flex items-center gap-2">
                        <GradeMark
                          grade={scorecard.accountScores[account.id]?.grade ?? null}
                          className="h-6 w-6 text-xs"
                        />
                        <span className="tabular-nums">
                          {formatScore(scorecard.accountScores[account.id]?.score ?? null)}
                        </span>
                      </span>
                    )}
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
      {accounts.length > 0 ? (
        <Suspense fallback={<FindingPanelsLoading />}>
          <FindingPanelsSection actor={actor} customerId={customer.id} />
        </Suspense>
      ) : null}
      {scorecard.areas.length > 0 ? (
        // Printed, the scorecard is the report above (a few pages); every result per account is in the CSV.
        <div className="no-print">
          <ControlExplorer customerId={customer.id} />
        </div>
      ) : null}
      <p className="mt-6 hidden text-sm print:block">
        Every control's result in each account is in Rampart (this scorecard online) and in its CSV export.
      </p>
      <div className="no-print">
        <EvidencePackSection actor={actor} customerId={customer.id} />
      </div>
    </>
  );
}

/** A control and its reasons, as the compact tuple ControlReasonList draws. */
function controlReasons(control: ControlRowView, status: "FAIL" | "UNKNOWN"): ControlReasons {
  return [
    control.id,
    control.title,
    control.severity,
    reasonsByAccounts(control, status).map(({ accounts, reason }) => [accounts.join(", "), reason] as const),
  ];
}

/** Accounts with the same result for the same reason, grouped: "prod, staging: No access review…". */
function reasonsByAccounts(
  control: ControlRowView,
  status: "FAIL" | "UNKNOWN",
): { accounts: string[]; reason: string }[] {
  const groups = new Map<string, string[]>();
  for (const account of control.accounts) {
    if (account.status !== status || account.suppressed) continue;
    const list = groups.get(account.reason);
    if (list) list.push(account.accountAlias);
    else groups.set(account.reason, [account.accountAlias]);
  }
  return [...groups].map(([reason, accounts]) => ({ accounts, reason }));
}
