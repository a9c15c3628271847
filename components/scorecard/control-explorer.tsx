"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Table, Th } from "@/components/ui/table";
import { controlExplorerQuery } from "@/lib/api-client/control-explorer";
import type { ControlSeverity, ResultStatus } from "@/lib/controls/types";
import type { ExplorerControl, ExplorerData } from "@/lib/queries/control-explorer";
import { ControlStatusBadge, SeverityBadge } from "./control-status";

// Issue 19 §6: the scorecard's technical detail under filters (status, severity, SOP area, account),
// the SOP areas as collapsible sections, and every result per account as a paged, searchable table.

const PAGE_SIZE = 25;
const STATUSES = [
  ["", "Any status"],
  ["FAIL", "Failing"],
  ["ATTESTATION", "Needs attestation"],
  ["UNKNOWN", "Unknown"],
  ["PASS", "Passing"],
  ["SUPPRESSED", "Suppressed"],
  ["NOT_APPLICABLE", "Not applicable"],
] as const;
const SEVERITIES: ControlSeverity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];

interface Filters {
  status: string;
  severity: string;
  area: string;
  account: string;
  search: string;
}

/** One account's result, expanded from the compact ExplorerResult. */
interface AccountResult {
  awsAccountId: string;
  accountAlias: string;
  status: ResultStatus;
  suppressed: boolean;
  needsAttestation: boolean;
  reason: string;
  offenderCount: number;
  search: string;
}

type ControlRow = Omit<ExplorerControl, "results"> & { accounts: AccountResult[] };

function expand(data: ExplorerData): { key: string; name: string; controls: ControlRow[] }[] {
  return data.areas.map((area) => ({
    key: area.key,
    name: area.name,
    controls: area.controls.map(({ results, ...control }) => ({
      ...control,
      accounts: results.map(([account, status, suppressed, needsAttestation, reason, offenderCount, search]) => ({
        awsAccountId: data.accounts[account]!.id,
        accountAlias: data.accounts[account]!.alias,
        status,
        suppressed,
        needsAttestation,
        reason: data.strings[reason]!,
        offenderCount,
        search: data.strings[search]!,
      })),
    })),
  }));
}

function matchesStatus(control: ControlRow, status: string): boolean {
  if (!status) return true;
  if (status === "ATTESTATION") return control.status === "FAIL" && control.needsAttestation;
  if (status === "FAIL") return control.status === "FAIL" && !control.needsAttestation;
  return control.status === status;
}

function matchesControl(control: ControlRow, filters: Filters): boolean {
  if (!matchesStatus(control, filters.status)) return false;
  if (filters.severity && control.severity !== filters.severity) return false;
  if (filters.account && !control.accounts.some((account) => account.awsAccountId === filters.account)) return false;
  return true;
}

/** The account whose result decides the row; for a suppressed control, the failure set aside. */
function decidingAccount(control: ControlRow) {
  return control.status === "SUPPRESSED"
    ? (control.accounts.find((account) => account.status === "FAIL") ?? control.accounts[0])
    : (control.accounts.find((account) => account.status === control.status && !account.suppressed) ??
        control.accounts[0]);
}

const EXPLORER_TITLE = "Controls by SOP area";
const EXPLORER_DESCRIPTION =
  "Each control's worst result across the accounts (a failure beats a gap; a gap beats a pass). Filter, or open an area.";

/**
 * The scorecard's technical detail, below the fold: loaded after the page's first paint (the largest part of
 * the scorecard, issue 13), with a same-shaped card saying so meanwhile.
 */
export function ControlExplorer({ customerId }: { customerId: string }) {
  const { data, error } = useQuery(controlExplorerQuery(customerId));
  if (!data) {
    return (
      <Card className="mt-6" aria-busy={error ? undefined : true}>
        <CardHeader title={EXPLORER_TITLE} description={EXPLORER_DESCRIPTION} />
        <p className={error ? "text-sm text-red-700" : "text-sm text-slate-500"} role={error ? "alert" : undefined}>
          {error
            ? `The controls could not be loaded: ${error.message} Reload the page to try again.`
            : "Loading every control's result…"}
        </p>
      </Card>
    );
  }
  return <LoadedControlExplorer customerId={customerId} data={data} />;
}

function LoadedControlExplorer({ customerId, data }: { customerId: string; data: ExplorerData }) {
  const areas = useMemo(() => expand(data), [data]);
  const accounts = data.accounts;
  const [filters, setFilters] = useState<Filters>({ status: "", severity: "", area: "", account: "", search: "" });
  const [page, setPage] = useState(0);
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => {
    setFilters((current) => ({ ...current, [key]: event.target.value }));
    setPage(0);
  };
  const filtering = Object.values(filters).some(Boolean);
  const shownAreas = areas
    .filter((area) => !filters.area || area.key === filters.area)
    .map((area) => ({ ...area, controls: area.controls.filter((control) => matchesControl(control, filters)) }))
    .filter((area) => area.controls.length > 0);

  const results = useMemo(() => {
    const needle = filters.search.trim().toLowerCase();
    return areas
      .filter((area) => !filters.area || area.key === filters.area)
      .flatMap((area) =>
        area.controls
          .filter((control) => matchesControl(control, { ...filters, account: "" }))
          .flatMap((control) =>
            control.accounts
              .filter((account) => !filters.account || account.awsAccountId === filters.account)
              .map((account) => ({ control, account })),
          ),
      )
      .filter(({ control, account }) => {
        if (!needle) return true;
        return `${control.id} ${control.title} ${account.accountAlias} ${account.reason} ${account.search}`
          .toLowerCase()
          .includes(needle);
      });
  }, [areas, filters]);
  const pages = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const pageRows = results.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <>
      <Card className="mt-6">
        <CardHeader title={EXPLORER_TITLE} description={EXPLORER_DESCRIPTION} />
        <div className="space-y-4">
          <form
            aria-label="Filter the controls"
            className="no-print grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
            onSubmit={(event) => event.preventDefault()}
          >
            <Field id="filter-status" label="Status">
              <Select id="filter-status" value={filters.status} onChange={set("status")}>
                {STATUSES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="filter-severity" label="Severity">
              <Select id="filter-severity" value={filters.severity} onChange={set("severity")}>
                <option value="">Any severity</option>
                {SEVERITIES.map((severity) => (
                  <option key={severity} value={severity}>
                    {severity.charAt(0) + severity.slice(1).toLowerCase()}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="filter-area" label="SOP area">
              <Select id="filter-area" value={filters.area} onChange={set("area")}>
                <option value="">Every area</option>
                {areas.map((area) => (
                  <option key={area.key} value={area.key}>
                    {area.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="filter-account" label="Account">
              <Select id="filter-account" value={filters.account} onChange={set("account")}>
                <option value="">Every account</option>
                {accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.alias}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="filter-search" label="Search results">
              <Input
                id="filter-search"
                type="search"
                value={filters.search}
                onChange={set("search")}
                placeholder="Control, resource, reason…"
              />
            </Field>
          </form>

          {shownAreas.length === 0 ? <p className="text-sm text-slate-600">No control matches these filters.</p> : null}
          {shownAreas.map((area) => {
            const failing = area.controls.filter((control) => control.status === "FAIL").length;
            const unknown = area.controls.filter((control) => control.status === "UNKNOWN").length;
            return (
              <section key={area.key} aria-labelledby={`area-${area.key}`} className="break-inside-avoid">
                <details
                  open={filtering || failing > 0 || unknown > 0}
                  className="rounded-lg ring-1 ring-slate-200 print:ring-0"
                >
                  <summary className="cursor-pointer px-3 py-2">
                    <h3 id={`area-${area.key}`} className="inline text-sm font-semibold text-slate-800">
                      {area.name}{" "}
                      <span className="font-normal text-slate-500">
                        · {area.controls.length} controls{failing > 0 ? `, ${failing} failing` : ""}
                        {unknown > 0 ? `, ${unknown} unknown` : ""}
                      </span>
                    </h3>
                  </summary>
                  <div className="px-3 pb-3">
                    <Table className="plain-cells" caption={`${area.name} controls`}>
                      <thead>
                        <tr>
                          <Th className="w-24">Control</Th>
                          <Th>Title</Th>
                          <Th className="w-24">Severity</Th>
                          <Th className="w-36">Result</Th>
                          <Th>Why</Th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {area.controls.map((control) => {
                          const deciding = decidingAccount(control);
                          return (
                            <tr key={control.id}>
                              <td className="font-mono text-xs">
                                <Link
                                  href={`/customers/${customerId}/controls/${control.id}`}
                                  className="font-medium text-brand-700 hover:underline"
                                >
                                  {control.id}
                                </Link>
                              </td>
                              <td>{control.title}</td>
                              <td>
                                <SeverityBadge severity={control.severity} />
                              </td>
                              <td>
                                <ControlStatusBadge
                                  status={control.status}
                                  needsAttestation={control.needsAttestation}
                                />
                              </td>
                              <td className="max-w-xl break-words text-xs text-slate-700">
                                {control.accounts.length > 1 && deciding ? (
                                  <span className="font-medium">{deciding.accountAlias}: </span>
                                ) : null}
                                {deciding?.reason}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </Table>
                  </div>
                </details>
              </section>
            );
          })}
        </div>
      </Card>
      <Card className="no-print mt-6">
        <section aria-labelledby="results-table" className="space-y-2">
          <h3 id="results-table" className="text-sm font-semibold text-slate-800">
            Results per account{" "}
            <span className="font-normal text-slate-500">
              · {results.length} matching{results.length > PAGE_SIZE ? `, page ${current + 1} of ${pages}` : ""}
            </span>
          </h3>
          <Table className="plain-cells" caption="Control results per account">
            <thead>
              <tr>
                <Th>Control</Th>
                <Th>Account</Th>
                <Th>Result</Th>
                <Th>Why, and what to touch</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {pageRows.map(({ control, account }) => (
                <tr key={`${control.id}-${account.awsAccountId}`}>
                  <td className="text-xs">
                    <Link
                      href={`/customers/${customerId}/controls/${control.id}`}
                      className="font-mono font-medium text-brand-700 hover:underline"
                    >
                      {control.id}
                    </Link>
                    <span className="block text-slate-600">{control.title}</span>
                  </td>
                  <td className="text-xs">{account.accountAlias}</td>
                  <td>
                    <ControlStatusBadge
                      status={account.suppressed ? "SUPPRESSED" : account.status}
                      needsAttestation={account.needsAttestation}
                    />
                  </td>
                  <td className="max-w-xl break-words text-xs text-slate-700">
                    {account.reason}
                    {account.offenderCount > 0 ? (
                      <span className="block text-slate-500">
                        {account.offenderCount} resource{account.offenderCount === 1 ? "" : "s"}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {pages > 1 ? (
            <nav aria-label="Results pages" className="flex flex-wrap items-center gap-2">
              <Button variant="secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>
                Previous
              </Button>
              <span className="text-sm text-slate-600">
                Page {current + 1} of {pages}
              </span>
              <Button variant="secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
                Next
              </Button>
            </nav>
          ) : null}
        </section>
      </Card>
    </>
  );
}
