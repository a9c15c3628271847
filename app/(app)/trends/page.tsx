import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDayLong } from "@/components/trends/chart-format";
import { FailingControlsSection } from "@/components/trends/failing-controls-section";
import { FindingsSection } from "@/components/trends/findings-section";
import { ScoreChangeTable } from "@/components/trends/score-change-table";
import { ScoreSection } from "@/components/trends/score-section";
import { SlaSection } from "@/components/trends/sla-section";
import { TrendFilters } from "@/components/trends/trend-filters";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { DEFAULT_TREND_RANGE, getTrends, parseTrendsSearchParams, TREND_RANGES } from "@/lib/queries/trends";
import { pageScoreChanges, scoreChangesQuerySchema } from "@/lib/trends/score-changes";

export const metadata: Metadata = { title: "Trends" };

export default async function TrendsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { query, invalid } = parseTrendsSearchParams(await searchParams);
  // A malformed customer id names no customer: the same 404 as an unknown or foreign one.
  if (invalid.includes("customer")) notFound();
  // Customer users hold no trends:read; FORBIDDEN and out-of-scope customers both answer 404.
  const trends = await pageNotFoundOn(getTrends(actor, query));
  const { window, selected, portfolio } = trends;

  const header = (
    <PageHeader
      title="Trends"
      description={`Scores, failing controls, findings and alert SLAs over the last ${window.days} days, ${formatDayLong(window.from)} to ${formatDayLong(window.to)} (UTC)${selected ? `, for ${selected.name}` : ""}.`}
    />
  );
  if (trends.customers.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          title="No customers yet"
          action={can(actor, "customer:manage") ? <ButtonLink href="/settings">Add a customer</ButtonLink> : undefined}
        >
          {can(actor, "customer:manage")
            ? "Trends start once a customer's AWS accounts are connected and synced. Add a customer in Settings."
            : "No customer is assigned to you yet. Ask an administrator to assign you to the customers you look after."}
        </EmptyState>
      </>
    );
  }

  const everyone = portfolio.basis === "portfolio";
  const subject = selected
    ? selected.name
    : everyone
      ? "all customers"
      : `your ${trends.customers.length} customer${trends.customers.length === 1 ? "" : "s"}`;

  return (
    <>
      {header}
      {invalid.includes("range") ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          That range is not one Rampart offers, so the default of {DEFAULT_TREND_RANGE} days is shown. Choose{" "}
          {TREND_RANGES.join(", ").replace(/, (\d+)$/, " or $1")} days below.
        </p>
      ) : null}
      <TrendFilters
        range={window.days}
        selected={selected}
        allLabel={everyone ? "All customers" : "All your customers"}
      />
      <ScoreSection trends={trends} canSync={can(actor, "sync:run")} />
      {selected ? null : (
        <ScoreChangeTable
          // The first page only; the table fetches the others, a search and the other orders itself.
          initial={pageScoreChanges(trends.changes, scoreChangesQuerySchema.parse({ range: window.days }))}
          window={window}
        />
      )}
      <FailingControlsSection points={trends.failing} window={window} subject={subject} />
      <FindingsSection weeks={trends.findings} window={window} subject={subject} />
      <SlaSection weeks={trends.sla} window={window} subject={subject} />
    </>
  );
}
