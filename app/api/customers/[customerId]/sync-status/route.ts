import { z } from "zod";
import { withActor } from "@/lib/http/with-actor";
import { getCustomerSyncStatus } from "@/lib/queries/sync-runs";

export const dynamic = "force-dynamic";

export const GET = withActor(({ actor, params }) => getCustomerSyncStatus(actor, params.customerId), {
  permission: "customer:read",
  params: z.object({ customerId: z.string().min(1).max(64) }),
});
