import { z } from "zod";
import { withActor } from "@/lib/http/with-actor";
import { listEvidencePacks } from "@/lib/queries/evidence-packs";

export const dynamic = "force-dynamic";

// The customer's evidence packs with their progress (polled by the scorecard while one is being built).
export const GET = withActor(({ actor, params }) => listEvidencePacks(actor, params.customerId), {
  permission: "evidencePack:generate",
  params: z.object({ customerId: z.string().min(1).max(64) }),
});
