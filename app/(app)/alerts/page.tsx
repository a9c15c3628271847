import Link from "next/link";
import { AlertCountsPanel, type CountTile } from "@/components/alerts/alert-counts";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { AlertQueue } from "@/components/alerts/alert-queue";
import { KEYBOARD_HELP, KEYBOARD_HELP_READ_ONLY } from "@/components/alerts/keyboard-help";
import { toQueueRowView } from "@/components/alerts/queue-rows";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PageLinks } from "@/components/ui/page-links";
import {
  alertQueueHref,
  alertQueueSearch,
  DEFAULT_SORT_DIRECTION,
  isPreset,
  parseAlertQueueQuery,
  QUEUE_PRESETS,
  type SearchParamsInput,
  SORT_LABELS,
} from "@/lib/alerts/queue-query";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { DEFAULT_MAX_SUPPRESSION_DAYS } from "@/lib/customers/settings";
import { addDaysToIsoDay, utcToday } from "@/lib/dates";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getAlertCounters, listAlertQueue, listTriageStaff } from "@/lib/queries/alerts";
import { getCustomerFilterChoice } from "@/lib/queries/customers";

export const metadata = { title: "Alerts" };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const actor = await requireActor();
  const { query, problems } = parseAlertQueueQuery(await searchParams);
  const now = new Date();
  const canTriage = can(actor, "alert:triage");
  const counting = getAlertCounters(actor, now);
  const [page, counters, customerFilter, staff] = await Promise.all([
    pageNotFoundOn(listAlertQueue(actor, query, now, { counters: counting })),
    pageNotFoundOn(counting),
    getCustomerFilterChoice(actor, query.customer),
    listTriageStaff(actor),
  ]);
  // The alerts matching the filters were counted once, for the page of the queue.
  const counts = { ...counters, matching: page.matching };
  const rows = page.rows.map((row) => toQueueRowView(row, now));
  const search = alertQueueSearch(query);
  const first = (page.page - 1) * page.pageSize + 1;
  const dir = query.dir ?? DEFAULT_SORT_DIRECTION[query.sort];
  const presets = QUEUE_PRESETS.filter((preset) => canTriage || !preset.staffOnly);
  const tiles: CountTile[] = [
    { key: "open", label: "Open", href: alertQueueHref({ status: "open" }), tone: "neutral" },
    { key: "new", label: "New", href: alertQueueHref({ status: "NEW" }), tone: "neutral" },
    { key: "breached", label: "Past SLA", href: alertQueueHref({ sla: "breached", sort: "due" }), tone: "critical" },
    { key: "dueSoon", label: "Due soon", href: alertQueueHref({ sla: "due-soon", sort: "due" }), tone: "warn" },
    ...(canTriage
      ? ([
          { key: "mine", label: "Assigned to me", href: alertQueueHref({ assignee: "me" }), tone: "neutral" },
          { key: "unassigned", label: "Unassigned", href: alertQueueHref({ assignee: "none" }), tone: "neutral" },
        ] satisfies CountTile[])
      : []),
  ];

  return (
    <>
      <PageHeader
        title="Alerts"
        description={
          canTriage
            ? "One queue across your customers: what changed for the worse, by severity and SLA. Select alerts to acknowledge, assign or suppress them together."
            : "Alerts about your AWS accounts and where your consultants stand with them. This view is read-only."
        }
        actions={
          <>
            <ButtonLink variant="secondary" href={`/api/alerts/export.csv${search ? `?${search}` : ""}`}>
              Export CSV
            </ButtonLink>
            {can(actor, "customer:manage") ? (
              <ButtonLink variant="secondary" href="/alerts/sla">
                Alert SLAs
              </ButtonLink>
            ) : null}
          </>
        }
      />
      {problems.length > 0 ? (
        <div
          role="alert"
          className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <p className="font-medium">Some filters in the address were not understood:</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((problem) => (
              <li key={problem.field}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <nav aria-label="Saved filters" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Saved filters:</span>
        {presets.map((preset) => {
          const current = isPreset(query, preset);
          return (
            <Link
              key={preset.key}
              href={alertQueueHref(preset.query)}
              title={preset.description}
              aria-current={current ? "page" : undefined}
              className={
                current
                  ? "rounded-full bg-brand-700 px-3 py-1 font-medium text-white"
                  : "rounded-full bg-white px-3 py-1 text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
              }
            >
              {preset.label}
            </Link>
          );
        })}
      </nav>
      <AlertCountsPanel initial={counts} search={search} tiles={tiles} matchingShown={page.matching} />
      <AlertFilters query={query} customerFilter={customerFilter} staff={staff} showAssignee={canTriage} />
      {page.rows.length === 0 ? (
        counts.open === 0 && query.status === "open" ? (
          <EmptyState title="No open alerts">
            Nothing needs triage for {canTriage ? "your customers" : "your accounts"} right now. New alerts appear here
            after each sync; resolved and suppressed ones are under “Any status”.
          </EmptyState>
        ) : (
          <EmptyState
            title="No alerts match"
            action={
              <ButtonLink variant="secondary" href="/alerts">
                Clear the filters
              </ButtonLink>
            }
          >
            No alert matches these filters. Change or clear them to see the whole queue.
          </EmptyState>
        )
      ) : (
        <>
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm text-slate-600">
            <p>
              {page.matching} alert{page.matching === 1 ? "" : "s"} match, sorted by {SORT_LABELS[query.sort]} (
              {dir === "asc" ? "ascending" : "descending"}); showing {first}–{first + rows.length - 1}.
            </p>
            <p id="alert-keyboard-help">
              <span className="font-medium text-slate-700">Keyboard:</span>{" "}
              {canTriage ? KEYBOARD_HELP : KEYBOARD_HELP_READ_ONLY}
            </p>
          </div>
          <AlertQueue
            rows={rows}
            caption={`Alerts sorted by ${SORT_LABELS[query.sort]}, ${first}–${first + rows.length - 1} of ${page.matching}`}
            query={query}
            canTriage={canTriage}
            staff={staff}
            suppressionDates={{
              min: addDaysToIsoDay(utcToday(), 1),
              max: addDaysToIsoDay(utcToday(), DEFAULT_MAX_SUPPRESSION_DAYS),
            }}
          />
          <PageLinks
            page={page.page}
            pageCount={page.pageCount}
            hrefFor={(target) => alertQueueHref(query, { page: target })}
          />
        </>
      )}
    </>
  );
}
