import { alertQueueParamsSchema } from "@/lib/alerts/queue-query";
import { withActor } from "@/lib/http/with-actor";
import { getAlertCounts } from "@/lib/queries/alerts";

export const dynamic = "force-dynamic";

/** The alert queue's counters for the signed-in user, polled by the queue page (same filters as its URL). */
export const GET = withActor(({ actor, query }) => getAlertCounts(actor, query), {
  permission: "alert:read",
  query: alertQueueParamsSchema,
});
