import Link from "next/link";
import { EndReviewForm } from "@/components/access-reviews/end-review-form";
import { ReviewStatusBadge } from "@/components/access-reviews/review-badges";
import { ReviewItems } from "@/components/access-reviews/review-items";
import { SignOffButton } from "@/components/access-reviews/sign-off-button";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { DECISION_STATES, parseReviewItemFilters } from "@/lib/access-reviews/filters";
import { RISK_FLAG_INFO, RISK_FLAGS } from "@/lib/access-reviews/risk-flags";
import { UNDECIDED_OUTCOME_LABELS, UNDECIDED_OUTCOMES } from "@/lib/access-reviews/workflow";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getAccessReview } from "@/lib/queries/access-reviews";

export const metadata = { title: "Access review" };

const STATE_LABEL: Record<string, string> = {
  undecided: "Undecided",
  KEEP: "Keep",
  REVOKE: "Revoke",
  MODIFY: "Modify",
};

function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export default async function AccessReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ reviewId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { reviewId } = await params;
  const actor = await requireActor();
  const { filters, ignored } = parseReviewItemFilters(await searchParams);
  const review = await pageNotFoundOn(getAccessReview(actor, reviewId, { filters }));
  const { counts, viewer } = review;
  const label = `the ${review.period} access review of ${review.customer.name}`;
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href="/reviews" className="text-brand-700 hover:underline">
          Access reviews
        </Link>{" "}
        /{" "}
        <Link href={`/customers/${review.customer.id}`} className="text-brand-700 hover:underline">
          {review.customer.name}
        </Link>{" "}
        / {review.period}
      </nav>
      <PageHeader
        title={`${review.period} access review — ${review.customer.name}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <ReviewStatusBadge status={review.status} overdue={review.overdue} />
            <span>
              {counts.decided} of {counts.users} users decided
              {counts.riskyUndecided > 0 ? `; ${counts.riskyUndecided} risky users still undecided` : ""}.
            </span>
          </span>
        }
        actions={(["csv", "pdf"] as const).map((format) => (
          <a
            key={format}
            href={`/api/customers/${review.customer.id}/reviews/${review.id}/export.${format}`}
            download
            className="inline-flex items-center justify-center gap-2 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Export {format.toUpperCase()}
          </a>
        ))}
      />

      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Campaign" />
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Scope</dt>
            <dd>{review.accounts.map((account) => `${account.alias} (${account.accountNumber})`).join(", ") || "—"}</dd>
            <dt className="text-slate-600">Snapshot</dt>
            <dd>IAM evidence of {minute(review.snapshotAt)}</dd>
            <dt className="text-slate-600">Due</dt>
            <dd>{review.dueAt.toISOString().slice(0, 10)}</dd>
            <dt className="text-slate-600">Started</dt>
            <dd>
              {minute(review.createdAt)} by {review.createdBy}
            </dd>
            <dt className="text-slate-600">Reviewers</dt>
            <dd>{review.reviewers.map((reviewer) => reviewer.name).join(", ")}</dd>
            <dt className="text-slate-600">Decisions</dt>
            <dd>
              {counts.keep} keep, {counts.revoke} revoke, {counts.modify} modify, {counts.undecided} undecided
              {counts.revoke + counts.modify > 0 ? ` (${counts.verified} verified in AWS)` : ""}
            </dd>
            {review.signedOffAt ? (
              <>
                <dt className="text-slate-600">Signed off</dt>
                <dd>
                  {minute(review.signedOffAt)} by {review.signedOffBy}
                </dd>
              </>
            ) : null}
            {review.endedAt ? (
              <>
                <dt className="text-slate-600">Ended early</dt>
                <dd>
                  {minute(review.endedAt)}: {review.endedReason}
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card>
          <CardHeader title="Next step" />
          {review.status === "SIGNED_OFF" ? (
            <p className="text-sm text-slate-700">
              Signed off and read-only. After each sync Rampart checks that the revocations and changes were carried out
              in AWS.
            </p>
          ) : viewer.canSignOff ? (
            <SignOffButton reviewId={review.id} label={label} />
          ) : review.status === "COMPLETED" ? (
            <p className="text-sm text-slate-700">Every user is decided: a manager signs the review off.</p>
          ) : review.status === "ENDED" ? (
            <p className="text-sm text-slate-700">
              Ended early
              {counts.undecided > 0 ? ` with ${counts.undecided} users undecided; it cannot be signed off` : ""}.
            </p>
          ) : (
            <p className="text-sm text-slate-700">
              {viewer.canDecide
                ? "Decide on every user below, risky ones first; a manager then signs the review off."
                : (viewer.decideBlockedBecause ??
                  "The reviewers decide on every user; a manager then signs the review off.")}
            </p>
          )}
          {viewer.canEnd ? (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-slate-800">End the review early…</summary>
              <div className="mt-3">
                <EndReviewForm
                  reviewId={review.id}
                  undecided={counts.undecided}
                  outcomes={UNDECIDED_OUTCOMES.map((value) => ({ value, label: UNDECIDED_OUTCOME_LABELS[value] }))}
                />
              </div>
            </details>
          ) : null}
        </Card>
      </div>

      <Card>
        <CardHeader
          title={`Users (${review.items.length}${filtered ? ` of ${counts.users}` : ""})`}
          description="Risky users first. Flags are computed from the snapshot, not from later syncs."
        />
        <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label="Filter users">
          <Field id="filter-flag" label="Risk">
            <Select id="filter-flag" name="flag" defaultValue={filters.flag ?? ""}>
              <option value="">All users</option>
              <option value="risky">Any risk flag</option>
              <option value="none">No risk flag</option>
              {RISK_FLAGS.map((flag) => (
                <option key={flag} value={flag}>
                  {RISK_FLAG_INFO[flag].label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="filter-state" label="Decision">
            <Select id="filter-state" name="state" defaultValue={filters.state ?? ""}>
              <option value="">Any</option>
              {DECISION_STATES.map((state) => (
                <option key={state} value={state}>
                  {STATE_LABEL[state]}
                </option>
              ))}
            </Select>
          </Field>
          {review.accounts.length > 1 ? (
            <Field id="filter-account" label="Account">
              <Select id="filter-account" name="account" defaultValue={filters.account ?? ""}>
                <option value="">All accounts</option>
                {review.accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.alias}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Field id="filter-q" label="User name contains">
            <Input id="filter-q" name="q" defaultValue={filters.q ?? ""} maxLength={100} />
          </Field>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filtered ? (
            <Link href={`/reviews/${review.id}`} className="text-sm text-brand-700 hover:underline">
              Clear filters
            </Link>
          ) : null}
        </form>
        {ignored.length > 0 ? (
          <p role="status" className="mb-4 text-sm text-amber-800">
            Ignored filters that were not understood: {ignored.join(", ")}.
          </p>
        ) : null}
        {review.items.length === 0 ? (
          <EmptyState title={filtered ? "No user matches these filters" : "No IAM user in this review"}>
            {filtered ? "Clear the filters to see every user." : "The snapshot held no IAM user."}
          </EmptyState>
        ) : (
          <ReviewItems
            reviewId={review.id}
            items={review.items}
            canDecide={viewer.canDecide}
            caption={`Users in ${label}`}
          />
        )}
      </Card>
    </>
  );
}
