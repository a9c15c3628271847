import Link from "next/link";
import { ReviewStatusBadge } from "@/components/access-reviews/review-badges";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PageLinks } from "@/components/ui/page-links";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listAccessReviewPage } from "@/lib/queries/access-reviews";

export const metadata = { title: "Access reviews" };

export default async function ReviewsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { page: asked } = await searchParams;
  const list = await pageNotFoundOn(listAccessReviewPage(actor, { page: asked }));
  const reviews = list.rows;
  const first = (list.page - 1) * list.pageSize + 1;
  const canStart = can(actor, "review:run");
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Quarterly reviews of IAM users and their permissions (SOP 000 §3, control IAM-12)."
        actions={canStart ? <ButtonLink href="/reviews/new">Start a review</ButtonLink> : undefined}
      />
      {reviews.length === 0 ? (
        <EmptyState title="No access reviews yet">
          {canStart
            ? "Start a review for a customer: Rampart freezes its IAM users from the latest sync, and reviewers decide who keeps access."
            : can(actor, "review:signoff")
              ? "Consultants start a review of each customer every quarter. When its reviewers have decided on every user, it appears here for you to sign off."
              : "Your consultant starts a review each quarter; it appears here for you to follow."}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">
            {list.total} access review{list.total === 1 ? "" : "s"}, newest first; showing {first}–
            {first + reviews.length - 1}.
          </p>
          <Table caption={`Access reviews, newest first, ${first}–${first + reviews.length - 1} of ${list.total}`}>
            <thead>
              <tr>
                <Th>Review</Th>
                <Th>Customer</Th>
                <Th>Status</Th>
                <Th>Users</Th>
                <Th>Undecided</Th>
                <Th>Due</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {reviews.map((review) => (
                <Tr key={review.id}>
                  <Td>
                    <Link href={`/reviews/${review.id}`} className="font-medium text-brand-700 hover:underline">
                      {review.period}
                      <span className="sr-only"> access review of {review.customer.name}</span>
                    </Link>
                  </Td>
                  <Td>
                    <Link href={`/customers/${review.customer.id}`} className="text-brand-700 hover:underline">
                      {review.customer.name}
                    </Link>
                  </Td>
                  <Td>
                    <ReviewStatusBadge status={review.status} overdue={review.overdue} />
                  </Td>
                  <Td>{review.users}</Td>
                  <Td>
                    {review.undecided}
                    {review.riskyUndecided > 0 ? (
                      <span className="ml-1 text-xs text-red-700">({review.riskyUndecided} risky)</span>
                    ) : null}
                  </Td>
                  <Td className="text-xs">
                    {review.dueAt.toISOString().slice(0, 10)} (<RelativeTime date={review.dueAt} />)
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <PageLinks page={list.page} pageCount={list.pageCount} hrefFor={reviewsHref} />
        </>
      )}
    </>
  );
}

function reviewsHref(page: number): string {
  return page === 1 ? "/reviews" : `/reviews?page=${page}`;
}
