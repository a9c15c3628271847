import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listAccessReviews } from "@/lib/queries/access-reviews";

export const metadata = { title: "Access reviews" };

export default async function ReviewsPage() {
  const actor = await requireActor();
  const reviews = await pageNotFoundOn(listAccessReviews(actor));
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Quarterly reviews of IAM users and their permissions (SOP 000 §3)."
      />
      {reviews.length === 0 ? (
        <EmptyState title="No access reviews yet">No review campaign has been recorded for your customers.</EmptyState>
      ) : (
        <Table caption="Access reviews">
          <thead>
            <tr>
              <Th>Customer</Th>
              <Th>Period</Th>
              <Th>Status</Th>
              <Th>Users</Th>
              <Th>Due</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {reviews.map((review) => (
              <Tr key={review.id}>
                <Td>
                  <Link href={`/customers/${review.customer.id}`} className="text-brand-700 hover:underline">
                    {review.customer.name}
                  </Link>
                </Td>
                <Td>{review.period}</Td>
                <Td className="text-xs">{review.status.toLowerCase().replace("_", " ")}</Td>
                <Td>{review._count.items}</Td>
                <Td className="text-xs">
                  <RelativeTime date={review.dueAt} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
