import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { resourceLabel } from "@/lib/controls/resource-label";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listDetectedChanges } from "@/lib/queries/detected-changes";
import { ChangeState } from "./change-state";

// Changes nobody requested (SOP 000 §11, issue 15 item 6): every configuration change that matters seen
// between two syncs of the customer's accounts, with before and after, when it was first seen, and the
// approved change request that covers it — or "no change request", which is also an alert.

function formatInstant(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const icr = (number: number) => `ICR-${String(number).padStart(4, "0")}`;

export default async function DetectedChangesPage({
  params,
  searchParams,
}: {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { customerId } = await params;
  const unmatchedOnly = (await searchParams).filter === "unmatched";
  const actor = await requireActor();
  const { customer, changes, truncated } = await pageNotFoundOn(
    listDetectedChanges(actor, customerId, { unmatchedOnly }),
  );
  const base = `/customers/${customer.id}/changes/detected`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-700 hover:underline">
          {customer.name}
        </Link>{" "}
        / Detected changes
      </nav>
      <PageHeader
        title="Detected changes"
        description="Configuration changes that matter, seen between two syncs: security-group and network-ACL rules, IAM users, access keys and attached policies, trails, the Config recorder, KMS rotation, bucket and database public access, backup plans. Each is matched to an approved change request whose window and components cover it."
      />
      <nav aria-label="Filter detected changes" className="mb-4 flex flex-wrap gap-3 text-sm">
        <Link
          href={base}
          aria-current={unmatchedOnly ? undefined : "page"}
          className={unmatchedOnly ? "text-brand-700 hover:underline" : "font-semibold text-slate-900"}
        >
          All changes
        </Link>
        <Link
          href={`${base}?filter=unmatched`}
          aria-current={unmatchedOnly ? "page" : undefined}
          className={unmatchedOnly ? "font-semibold text-slate-900" : "text-brand-700 hover:underline"}
        >
          Without a change request
        </Link>
      </nav>
      {changes.length === 0 ? (
        <Card>
          <EmptyState title={unmatchedOnly ? "Every detected change has a change request" : "No change detected yet"}>
            Rampart compares each sync with the one before; an account's first collection is its baseline.
          </EmptyState>
        </Card>
      ) : (
        <ul aria-label="Detected changes" className="space-y-4">
          {changes.map((change) => (
            <li key={change.id}>
              <Card>
                <article aria-label={change.summary} className="space-y-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="neutral">{change.kindLabel}</Badge>
                    <Badge tone={change.action === "ADDED" ? "info" : change.action === "REMOVED" ? "warn" : "neutral"}>
                      {change.action.toLowerCase()}
                    </Badge>
                    {change.controlId ? (
                      <Link
                        href={`/customers/${customer.id}/controls/${change.controlId}`}
                        className="text-xs font-medium text-brand-700 hover:underline"
                      >
                        {change.controlId}
                      </Link>
                    ) : null}
                    {change.changeRequest ? (
                      <Badge tone="good">{icr(change.changeRequest.number)}</Badge>
                    ) : (
                      <Badge tone="critical">no change request</Badge>
                    )}
                  </div>
                  <h2 className="break-words text-sm font-semibold text-slate-900">{change.summary}</h2>
                  <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2">
                    <div className="min-w-0">
                      <dt className="inline text-slate-500">Account: </dt>
                      <dd className="inline break-words">
                        {change.account.alias} ({change.account.accountNumber}), {change.region}
                      </dd>
                    </div>
                    <div className="min-w-0">
                      <dt className="inline text-slate-500">Resource: </dt>
                      <dd className="inline break-all">{resourceLabel(change.resourceId)}</dd>
                    </div>
                    <div>
                      <dt className="inline text-slate-500">First seen: </dt>
                      <dd className="inline">
                        <time dateTime={change.firstSeenAt.toISOString()}>{formatInstant(change.firstSeenAt)}</time>
                      </dd>
                    </div>
                    <div>
                      <dt className="inline text-slate-500">Not there at: </dt>
                      <dd className="inline">
                        {change.previousSeenAt ? (
                          <time dateTime={change.previousSeenAt.toISOString()}>
                            {formatInstant(change.previousSeenAt)}
                          </time>
                        ) : (
                          "unknown"
                        )}
                      </dd>
                    </div>
                    <div className="min-w-0 sm:col-span-2">
                      <dt className="inline text-slate-500">Change request: </dt>
                      <dd className="inline break-words">
                        {change.changeRequest ? (
                          <Link href={`/customers/${customer.id}/changes`} className="text-brand-700 hover:underline">
                            {icr(change.changeRequest.number)} {change.changeRequest.title}
                          </Link>
                        ) : (
                          "no change request covers it"
                        )}
                      </dd>
                    </div>
                  </dl>
                  <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                    <ChangeState label="Before" state={change.before} />
                    <ChangeState label="After" state={change.after} />
                  </div>
                </article>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {truncated ? (
        <p className="mt-4 text-sm text-slate-600">Only the newest {changes.length} changes are shown.</p>
      ) : null}
    </>
  );
}
