import { PortfolioFilters } from "@/components/portfolio/portfolio-filters";
import { portfolioHref } from "@/components/portfolio/portfolio-href";
import { toPortfolioRowData } from "@/components/portfolio/portfolio-row-data";
import { PortfolioRows } from "@/components/portfolio/portfolio-rows";
import { PortfolioSummary } from "@/components/portfolio/portfolio-summary";
import { SortHeader } from "@/components/portfolio/sort-header";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PageLinks } from "@/components/ui/page-links";
import { Table, Th } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import type { PortfolioSort } from "@/lib/portfolio/view-query";
import { listPortfolio } from "@/lib/queries/portfolio";

export const metadata = { title: "Portfolio" };

const SORT_LABELS: Record<PortfolioSort, string> = {
  name: "name",
  score: "score",
  delta: "30-day change",
  failing: "failing critical and high controls",
  unknown: "unknown results",
  sync: "last sync",
};

/** The page's search, filters and sort as the export's query string. */
function portfolioExportSearch(query: { q?: string; sort: string; dir: string; grade?: string; attention: boolean }) {
  const params = new URLSearchParams({ sort: query.sort, dir: query.dir });
  if (query.q) params.set("q", query.q);
  if (query.grade) params.set("grade", query.grade);
  if (query.attention) params.set("attention", "1");
  return params.toString();
}

export default async function PortfolioPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  // The read model validates every param; anything invalid falls back to its default.
  const portfolio = await pageNotFoundOn(listPortfolio(actor, await searchParams));
  const { summary, rows, query } = portfolio;
  const first = (portfolio.page - 1) * portfolio.pageSize + 1;
  const now = Date.now();

  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Every customer you look after, with its score and what the latest collection found."
        actions={
          <ButtonLink variant="secondary" href={`/api/portfolio/export.csv?${portfolioExportSearch(query)}`}>
            Export CSV
          </ButtonLink>
        }
      />
      {summary.customers === 0 ? (
        <EmptyState
          title="No customers yet"
          action={can(actor, "customer:manage") ? <ButtonLink href="/settings">Add a customer</ButtonLink> : undefined}
        >
          {can(actor, "customer:manage")
            ? "Add a customer and connect its AWS accounts in Settings; Rampart then collects its evidence."
            : "No customer is assigned to you yet. Ask an administrator to assign you to the customers you look after."}
        </EmptyState>
      ) : (
        <>
          <PortfolioSummary summary={summary} />
          <PortfolioFilters query={query} />
          {rows.length === 0 ? (
            <EmptyState
              title="No customers match"
              action={
                <ButtonLink
                  variant="secondary"
                  href={portfolioHref(query, { q: undefined, grade: undefined, attention: false, page: 1 })}
                >
                  Clear the filters
                </ButtonLink>
              }
            >
              Nothing in your portfolio matches this search and these filters. Change or clear them to see every
              customer again.
            </EmptyState>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600">
                {portfolio.matching === summary.customers
                  ? `${summary.customers} customer${summary.customers === 1 ? "" : "s"}`
                  : `${portfolio.matching} of ${summary.customers} customers match`}
                , sorted by {SORT_LABELS[query.sort]} ({query.dir === "asc" ? "ascending" : "descending"}).
              </p>
              <Table
                className="plain-cells"
                caption={`Customers, sorted by ${SORT_LABELS[query.sort]}, ${first}–${first + rows.length - 1} of ${portfolio.matching}`}
              >
                <thead>
                  <tr>
                    <SortHeader label="Customer" sort="name" query={query} />
                    <SortHeader label="Score" sort="score" query={query} />
                    <Th>Grade</Th>
                    <SortHeader label="30-day change" sort="delta" query={query} />
                    <SortHeader label="Failing critical / high" sort="failing" query={query} />
                    <SortHeader label="Unknown" sort="unknown" query={query} />
                    <Th>Needs attestation</Th>
                    <Th>Open findings</Th>
                    <Th>Accounts</Th>
                    <SortHeader label="Last sync" sort="sync" query={query} />
                    <Th>Needs attention</Th>
                  </tr>
                </thead>
                <PortfolioRows rows={rows.map((row) => toPortfolioRowData(row, portfolio.trendWindow))} now={now} />
              </Table>
              <PageLinks
                page={portfolio.page}
                pageCount={portfolio.pageCount}
                hrefFor={(page) => portfolioHref(query, { page })}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
