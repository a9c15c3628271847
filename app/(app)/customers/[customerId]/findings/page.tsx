import type { Metadata } from "next";
import Link from "next/link";
import { FindingsTable } from "@/components/scorecard/findings-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { PageLinks } from "@/components/ui/page-links";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import {
  FINDING_SEVERITIES,
  type FindingsQuery,
  listCustomerFindings,
  parseFindingsSearchParams,
} from "@/lib/queries/findings";

export const metadata: Metadata = { title: "Findings" };

const STATUS_CHOICES = [
  ["OPEN", "Open"],
  ["RESOLVED", "Resolved"],
  ["SUPPRESSED", "Suppressed"],
  ["ALL", "Any status"],
] as const;

/** The query as URL search params, defaults left out, for the pager's links. */
function searchOf(query: FindingsQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.severity) params.set("severity", query.severity);
  if (query.status !== "OPEN") params.set("status", query.status);
  if (query.account) params.set("account", query.account);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function CustomerFindingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { customerId } = await params;
  const actor = await requireActor();
  const { query, errors } = parseFindingsSearchParams(await searchParams);
  const findings = await pageNotFoundOn(listCustomerFindings(actor, customerId, query));
  const { customer } = findings;
  // An account id that is not one of this customer's accounts matches nothing: say so at the field.
  const accountError =
    errors.account ??
    (query.account && !findings.accounts.some((account) => account.id === query.account)
      ? "Choose one of this customer's accounts."
      : undefined);
  const base = `/customers/${customer.id}/findings`;
  const first = (findings.page - 1) * findings.pageSize + 1;
  const last = first + findings.rows.length - 1;
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-700 hover:underline">
          {customer.name}
        </Link>{" "}
        / Findings
      </nav>
      <PageHeader
        title="Findings"
        description="Inspector, AWS Config and GuardDuty findings of every account, most severe first and, within a severity, the oldest first."
      />
      {/* Keyed by the query: a client navigation (Clear, the pager) remounts the fields with their new defaults. */}
      <form
        key={JSON.stringify(findings.query)}
        method="get"
        action={base}
        aria-label="Search and filter the findings"
        className="mb-4 grid gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-5"
      >
        <div className="sm:col-span-2 lg:col-span-2">
          <Field id="findings-q" label="Search" hint="Title, CVE, Config rule or resource" error={errors.q}>
            <Input
              id="findings-q"
              name="q"
              type="search"
              defaultValue={query.q ?? ""}
              aria-invalid={Boolean(errors.q)}
              aria-describedby={describedBy("findings-q", { hint: true, error: errors.q })}
            />
          </Field>
        </div>
        <Field id="findings-severity" label="Severity" error={errors.severity}>
          <Select
            id="findings-severity"
            name="severity"
            defaultValue={query.severity ?? ""}
            aria-invalid={Boolean(errors.severity)}
            aria-describedby={describedBy("findings-severity", { error: errors.severity })}
          >
            <option value="">Any severity</option>
            {FINDING_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity.charAt(0) + severity.slice(1).toLowerCase()}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="findings-status" label="Status" error={errors.status}>
          <Select
            id="findings-status"
            name="status"
            defaultValue={query.status}
            aria-invalid={Boolean(errors.status)}
            aria-describedby={describedBy("findings-status", { error: errors.status })}
          >
            {STATUS_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="findings-account" label="Account" error={accountError}>
          <Select
            id="findings-account"
            name="account"
            defaultValue={accountError ? "" : (query.account ?? "")}
            aria-invalid={Boolean(accountError)}
            aria-describedby={describedBy("findings-account", { error: accountError })}
          >
            <option value="">Every account</option>
            {findings.accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.alias}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-5">
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Search
          </button>
          <ButtonLink variant="ghost" href={base}>
            Clear
          </ButtonLink>
          {errors.page ? (
            <p role="alert" className="text-xs font-medium text-red-700">
              {errors.page} The first page is shown.
            </p>
          ) : null}
        </div>
      </form>
      {findings.rows.length === 0 ? (
        <EmptyState title="No finding matches">
          {query.q || query.severity || query.account || query.status !== "OPEN"
            ? "Change or clear the search and filters to see more findings."
            : `${customer.name} has no open finding from Inspector, AWS Config or GuardDuty.`}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700" aria-live="polite">
            {first}–{last} of {findings.total} finding{findings.total === 1 ? "" : "s"}
          </p>
          <FindingsTable findings={findings} now={new Date()} />
        </>
      )}
      <PageLinks
        page={findings.page}
        pageCount={findings.pageCount}
        hrefFor={(page) => `${base}${searchOf(query, page)}`}
      />
    </>
  );
}
