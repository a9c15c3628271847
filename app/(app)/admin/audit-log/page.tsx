import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { PageLinks } from "@/components/ui/page-links";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { describeAuditAction, describeAuditMetadata, describeAuditTarget } from "@/lib/audit/describe-audit";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { auditLogFilterSchema, listAuditActions, listAuditLog } from "@/lib/queries/audit-log";
import { listCustomerChoices } from "@/lib/queries/customers";
import { AdminNav } from "../admin-nav";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  const filter = auditLogFilterSchema.parse(raw);
  const log = await pageNotFoundOn(listAuditLog(actor, filter));
  const [actions, customers] = await Promise.all([listAuditActions(actor), listCustomerChoices(actor)]);
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const pageHref = (page: number) => {
    const params = new URLSearchParams(
      Object.entries(raw).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    params.set("page", String(page));
    return `/admin/audit-log?${params.toString()}`;
  };

  return (
    <>
      <PageHeader
        title="Administration"
        description="Every sign-in attempt and every change, with who, what, when and from where."
      />
      <AdminNav actor={actor} current="audit-log" />
      <form
        method="get"
        className="mb-6 grid gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-6"
        aria-label="Filter the audit log"
      >
        <Field id="filter-action" label="Action">
          <Select id="filter-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">Any action</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {describeAuditAction(action)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="filter-actor" label="Actor e-mail contains">
          <Input id="filter-actor" name="actor" defaultValue={filter.actor ?? ""} maxLength={200} />
        </Field>
        <Field id="filter-customer" label="Customer">
          <Select id="filter-customer" name="customerId" defaultValue={filter.customerId ?? ""}>
            <option value="">Any customer</option>
            {customers.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="filter-from" label="From (UTC)">
          <Input
            id="filter-from"
            name="from"
            type="date"
            defaultValue={filter.from?.toISOString().slice(0, 10) ?? ""}
          />
        </Field>
        <Field id="filter-to" label="To (UTC)">
          <Input id="filter-to" name="to" type="date" defaultValue={filter.to?.toISOString().slice(0, 10) ?? ""} />
        </Field>
        <div className="flex items-end gap-2">
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Filter
          </button>
          <ButtonLink variant="ghost" href="/admin/audit-log">
            Clear
          </ButtonLink>
        </div>
      </form>

      {log.rows.length === 0 ? (
        <EmptyState title="No entries match">Change or clear the filters to see more of the log.</EmptyState>
      ) : (
        <Table caption={`Audit log, page ${log.page} of ${pages}, ${log.total} entries`}>
          <thead>
            <tr>
              <Th>Time (UTC)</Th>
              <Th>Action</Th>
              <Th>Actor</Th>
              <Th>Target</Th>
              <Th>Customer</Th>
              <Th>IP</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {log.rows.map((entry) => (
              <Tr key={entry.id}>
                <Td className="whitespace-nowrap font-mono text-xs">
                  {entry.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                </Td>
                <Td className="text-xs" title={entry.action}>
                  {describeAuditAction(entry.action)}
                </Td>
                <Td>{entry.actorName ? `${entry.actorName} <${entry.actorEmail}>` : (entry.actorEmail ?? "—")}</Td>
                <Td className="text-xs" title={entry.targetId ?? undefined}>
                  {describeAuditTarget(entry.targetType)}
                </Td>
                <Td>{entry.customer?.name ?? "—"}</Td>
                <Td className="font-mono text-xs" title={entry.userAgent ?? undefined}>
                  {entry.ip ?? "—"}
                </Td>
                <Td className="max-w-xs break-words text-xs text-slate-600">
                  <dl>
                    {describeAuditMetadata(entry.metadata).map((detail) => (
                      <div key={detail.label}>
                        <dt className="inline font-medium text-slate-700">{detail.label}:</dt>{" "}
                        <dd className="inline">{detail.value}</dd>
                      </div>
                    ))}
                  </dl>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <PageLinks page={log.page} pageCount={pages} hrefFor={pageHref} />
    </>
  );
}
