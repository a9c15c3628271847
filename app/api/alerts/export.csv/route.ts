import { parseAlertQueueQuery } from "@/lib/alerts/queue-query";
import { alertQueueCsv, csvResponse, exportFileName } from "@/lib/exports/csv";
import { withActor } from "@/lib/http/with-actor";
import { type AlertQueueRow, listAlertQueue } from "@/lib/queries/alerts";

export const dynamic = "force-dynamic";

/** At most this many pages of the queue in one export. */
const MAX_PAGES = 100;

// The alert queue as filtered on its page (same query parameters, same read model, same scope), every page.
export const GET = withActor(
  async ({ actor, request }) => {
    const params: Record<string, string | string[]> = {};
    for (const key of new Set(request.nextUrl.searchParams.keys())) {
      const values = request.nextUrl.searchParams.getAll(key);
      params[key] = values.length > 1 ? values : (values[0] ?? "");
    }
    const { query } = parseAlertQueueQuery(params);
    const now = new Date();
    const rows: AlertQueueRow[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const result = await listAlertQueue(actor, { ...query, page }, now);
      rows.push(...result.rows);
      if (page >= result.pageCount) break;
    }
    return csvResponse(alertQueueCsv(rows), exportFileName("alerts", "queue", now));
  },
  { permission: "alert:read" },
);
