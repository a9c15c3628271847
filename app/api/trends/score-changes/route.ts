import { withActor } from "@/lib/http/with-actor";
import { listScoreChanges } from "@/lib/queries/trends";
import { scoreChangesQuerySchema } from "@/lib/trends/score-changes";

export const dynamic = "force-dynamic";

/** The Trends score-change table's pages: customers in the caller's scope, searched, sorted, paged. */
export const GET = withActor(({ actor, query }) => listScoreChanges(actor, query), {
  permission: "trends:read",
  query: scoreChangesQuerySchema,
});
