import { z } from "zod";
import { changeLogCsv, changeLogFileName } from "@/lib/changes/export-csv";
import { parseChangeLogFilters } from "@/lib/changes/log-filters";
import { withActor } from "@/lib/http/with-actor";
import { listChanges } from "@/lib/queries/changes";

export const dynamic = "force-dynamic";

// The ICR log as CSV: the same read model, scope and filters as its page (another customer's is 404).
export const GET = withActor(
  async ({ actor, params, request }) => {
    const filters = parseChangeLogFilters(Object.fromEntries(request.nextUrl.searchParams));
    const log = await listChanges(actor, params.customerId, filters);
    return new Response(changeLogCsv(log.changes), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${changeLogFileName(log.customer.name, "csv")}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  { permission: "export:read", params: z.object({ customerId: z.string().trim().min(1).max(64) }) },
);
