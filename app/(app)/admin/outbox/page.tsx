import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listCaughtMail } from "@/lib/queries/outbox";
import { AdminNav } from "../admin-nav";

export const metadata: Metadata = { title: "Outbox" };

function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

// The demo's outbox: every mail Rampart sent while the mail catcher was on, newest first.
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor();
  const page = Number.parseInt((await searchParams).page ?? "1", 10) || 1;
  const mails = await pageNotFoundOn(listCaughtMail(actor, { page }));
  const pages = Math.max(1, Math.ceil(mails.total / mails.pageSize));
  return (
    <>
      <PageHeader
        title="Administration"
        description="Who can sign in to Rampart, with which role, for which customer."
      />
      <AdminNav actor={actor} current="outbox" />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">
        This installation runs the demo's mail catcher: mail Rampart sends (invitations, alerts, digests, review
        reminders, sign-in lockouts) is kept here instead of being delivered. Set <code>SMTP_URL</code> to send real
        mail.
      </p>
      {mails.rows.length === 0 ? (
        <EmptyState title="No mail yet">
          Invite a user or wait for an alert: what Rampart sends appears here.
        </EmptyState>
      ) : (
        <Table caption={`Caught mail (${mails.total})`}>
          <thead>
            <tr>
              <Th>Mail</Th>
              <Th>Received</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {mails.rows.map((mail) => (
              <Tr key={mail.id}>
                <Td>
                  <Link href={`/admin/outbox/${mail.id}`} className="font-medium text-brand-700 hover:underline">
                    {mail.subject}
                  </Link>
                  <span className="block break-all text-xs text-slate-600">To {mail.to.join(", ")}</span>
                </Td>
                <Td className="text-xs sm:whitespace-nowrap">{utcMinute(mail.receivedAt)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex gap-3 text-sm">
          {page > 1 ? <Link href={`/admin/outbox?page=${page - 1}`}>Previous</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link href={`/admin/outbox?page=${page + 1}`}>Next</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
