import { z } from "zod";
import { csvResponse, exportFileName, scorecardResultsCsv } from "@/lib/exports/csv";
import { withActor } from "@/lib/http/with-actor";
import { getCustomerScorecard } from "@/lib/queries/scorecard";

export const dynamic = "force-dynamic";

// The scorecard's results, one row per control and account: the scorecard's own read model, so its scope
// (another customer is 404).
export const GET = withActor(
  async ({ actor, params }) => {
    const scorecard = await getCustomerScorecard(actor, params.customerId);
    return csvResponse(scorecardResultsCsv(scorecard), exportFileName(scorecard.customer.name, "results"));
  },
  { permission: "export:read", params: z.object({ customerId: z.string().trim().min(1).max(64) }) },
);
