import { z } from "zod";
import { accessReviewFileName } from "@/lib/access-reviews/export-csv";
import { withActor } from "@/lib/http/with-actor";
import { getAccessReview } from "@/lib/queries/access-reviews";

export const dynamic = "force-dynamic";

const idSchema = z.string().trim().min(1).max(64);

// The campaign as a PDF: the same read model and scope as its page and CSV export (404 across customers).
// pdfkit is loaded only once the campaign is found, so a scope refusal never touches it.
export const GET = withActor(
  async ({ actor, params }) => {
    const review = await getAccessReview(actor, params.reviewId, { customerId: params.customerId });
    const { accessReviewPdf } = await import("@/lib/access-reviews/export-pdf");
    const pdf = await accessReviewPdf(review);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${accessReviewFileName(review, "pdf")}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  {
    permission: "export:read",
    params: z.object({ customerId: idSchema, reviewId: idSchema }),
  },
);
