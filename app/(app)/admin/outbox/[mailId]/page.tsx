import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getCaughtMail } from "@/lib/queries/outbox";

export const metadata: Metadata = { title: "Outbox" };

// One caught mail. Its HTML is shown only inside an iframe with an empty sandbox (no scripts, no forms,
// a unique origin, so it can reach neither this page nor the session) and the text part beside it.
export default async function CaughtMailPage({ params }: { params: Promise<{ mailId: string }> }) {
  const { mailId } = await params;
  const actor = await requireActor();
  const mail = await pageNotFoundOn(getCaughtMail(actor, mailId));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/outbox" className="text-brand-700 hover:underline">
          Outbox
        </Link>{" "}
        / Mail
      </nav>
      <PageHeader title={mail.subject} />
      <dl className="mb-6 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium text-slate-600">From</dt>
        <dd className="break-all">{mail.mailFrom}</dd>
        <dt className="font-medium text-slate-600">To</dt>
        <dd className="break-all">{mail.to.join(", ")}</dd>
        <dt className="font-medium text-slate-600">Received</dt>
        <dd>{`${mail.receivedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}</dd>
      </dl>
      <div className="space-y-6">
        {mail.html ? (
          <Card>
            <CardHeader title="As the recipient sees it" description="HTML part, shown without scripts or forms." />
            <iframe
              title={`HTML of ${mail.subject}`}
              sandbox=""
              srcDoc={mail.html}
              referrerPolicy="no-referrer"
              className="h-96 w-full rounded border border-slate-200 bg-white"
            />
          </Card>
        ) : null}
        <Card>
          <CardHeader title="Text" />
          <pre className="whitespace-pre-wrap break-words font-sans text-sm">{mail.text}</pre>
        </Card>
      </div>
    </>
  );
}
