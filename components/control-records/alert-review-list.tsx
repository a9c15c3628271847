import type { AlertReviewsView } from "@/lib/queries/control-records";
import { Day } from "./day";

/** The most recent alert reviews, newest first. */
export function AlertReviewList({ reviews }: { reviews: AlertReviewsView["recent"] }) {
  return (
    <ol className="divide-y divide-slate-100" aria-label="Recent alert reviews">
      {reviews.map((review) => (
        <li key={review.id} className="py-2 text-sm">
          <p className="text-xs text-slate-600">
            <Day date={review.reviewedAt} /> · {review.reviewedBy}
          </p>
          <p className="whitespace-pre-line text-slate-800">{review.note}</p>
        </li>
      ))}
    </ol>
  );
}
