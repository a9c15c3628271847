import { z } from "zod";
import { withActor } from "@/lib/http/with-actor";
import { getControlExplorer } from "@/lib/queries/control-explorer";

export const dynamic = "force-dynamic";

// The scorecard's control explorer, fetched by the page after its first paint.
export const GET = withActor(({ actor, params }) => getControlExplorer(actor, params.customerId), {
  permission: "customer:read",
  params: z.object({ customerId: z.string().min(1).max(64) }),
});
