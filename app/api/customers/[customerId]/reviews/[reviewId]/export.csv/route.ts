import { z } from "zod";
import { accessReviewCsv, accessReviewFileName } from "@/lib/access-reviews/export-csv";
import { withActor } from "@/lib/http/with-actor";
import { getAccessReview } from "@/lib/queries/access-reviews";

export const dynamic = "force-dynamic";

const idSchema = z.string().trim().min(1).max(64);

// The campaign's evidence export: the same read model as its page, so the same scope (a review of another
// customer, or one that is not this customer's, is 404).
export const GET = withActor(
  async ({ actor, params }) => {
    const review = await getAccessReview(actor, params.reviewId, { customerId: params.customerId });
    return new Response(accessReviewCsv(review), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${accessReviewFileName(review, "csv")}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  {
    permission: "export:read",
    params: z.object({ customerId: idSchema, reviewId: idSchema }),
  },
);
