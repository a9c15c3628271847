import Link from "next/link";
import { ChangeOutcomeBadge, ChangeStatusBadge } from "@/components/changes/change-badges";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { icrNumber } from "@/lib/changes/format";
import { changeLogQuery, parseChangeLogFilters } from "@/lib/changes/log-filters";
import { formatInZone } from "@/lib/changes/time-zone";
import { CHANGE_STATUS_LABELS, CHANGE_STATUSES } from "@/lib/changes/workflow";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listChanges } from "@/lib/queries/changes";

// The customer's change requests and ICR log (SOP 000 §11 "Closing and Documentation"): filterable by
// status, window date and account, exportable as CSV and PDF with the same filters.
export default async function ChangesPage({
  params,
  searchParams,
}: {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { customerId } = await params;
  const filters = parseChangeLogFilters(await searchParams);
  const actor = await requireActor();
  const log = await pageNotFoundOn(listChanges(actor, customerId, filters));
  const { customer } = log;
  const query = changeLogQuery(filters);
  const base = `/customers/${customer.id}/changes`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-700 hover:underline">
          {customer.name}
        </Link>{" "}
        / Changes
      </nav>
      <PageHeader
        title="Changes & ICR log"
        description={`Change requests of ${customer.name}: request, assessment, approval by the technical manager${customer.collaborative ? " and the customer (collaboratively managed)" : ""}, execution in the window, validation, closing (SOP 000 §11).`}
        actions={
          <>
            {can(actor, "change:draft") && !customer.archived ? (
              <ButtonLink href={`${base}/new`}>New change request</ButtonLink>
            ) : null}
            <ButtonLink variant="secondary" href={`/api/customers/${customer.id}/changes/export.csv${query}`}>
              Export CSV
            </ButtonLink>
            <ButtonLink variant="secondary" href={`/api/customers/${customer.id}/changes/export.pdf${query}`}>
              Export PDF
            </ButtonLink>
          </>
        }
      />
      <Card className="mb-6">
        <form
          method="get"
          action={base}
          aria-label="Filter the ICR log"
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
        >
          <Field id="log-status" label="Status">
            <Select id="log-status" name="status" defaultValue={filters.status ?? ""}>
              <option value="">All statuses</option>
              {CHANGE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {CHANGE_STATUS_LABELS[status]}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="log-from" label="Window from">
            <Input id="log-from" type="date" name="from" defaultValue={filters.from ?? ""} />
          </Field>
          <Field id="log-to" label="Window to">
            <Input id="log-to" type="date" name="to" defaultValue={filters.to ?? ""} />
          </Field>
          <Field id="log-account" label="Account">
            <Select id="log-account" name="account" defaultValue={filters.accountId ?? ""}>
              <option value="">All accounts</option>
              {log.accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.label}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex items-end gap-2">
            <Button type="submit" variant="secondary">
              Filter
            </Button>
            {query ? (
              <Link href={base} className="py-2 text-sm text-brand-700 hover:underline">
                Clear
              </Link>
            ) : null}
          </div>
        </form>
      </Card>
      {log.changes.length === 0 ? (
        <EmptyState title={query ? "No change matches these filters" : "No change request yet"}>
          {query
            ? "Clear the filters to see every change of this customer."
            : "Every change to the managed environment starts with a change request; closed ones form the ICR log."}
        </EmptyState>
      ) : (
        <Table caption={`Change requests of ${customer.name}`}>
          <thead>
            <tr>
              <Th>Change</Th>
              <Th>Status</Th>
              <Th>Window</Th>
              <Th>Accounts</Th>
              <Th>Requested by</Th>
              <Th>Result</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {log.changes.map((change) => (
              <Tr key={change.id}>
                <Td>
                  <Link href={`${base}/${change.id}`} className="font-medium text-brand-700 hover:underline">
                    {icrNumber(change.number)} {change.title}
                  </Link>
                </Td>
                <Td>
                  <ChangeStatusBadge status={change.status} />
                </Td>
                <Td className="whitespace-nowrap">
                  {formatInZone(change.windowStart, change.windowTimeZone)}
                  <br />
                  <span className="text-xs text-slate-500">
                    to {formatInZone(change.windowEnd, change.windowTimeZone)}
                  </span>
                </Td>
                <Td>{[...new Set(change.components.map((component) => component.account))].join(", ")}</Td>
                <Td>{change.requestedBy ?? "—"}</Td>
                <Td>
                  <ChangeOutcomeBadge outcome={change.outcome} />
                  {change.rollbackInvoked ? (
                    <span className="ml-1 text-xs text-slate-600">rollback invoked</span>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {log.truncated ? (
        <p className="mt-3 text-sm text-slate-600">
          Showing the 500 most recent; narrow the filters or export the log.
        </p>
      ) : null}
    </>
  );
}
