import { z } from "zod";
import { changeLogFileName } from "@/lib/changes/export-csv";
import { changeLogQuery, parseChangeLogFilters } from "@/lib/changes/log-filters";
import { withActor } from "@/lib/http/with-actor";
import { listChanges } from "@/lib/queries/changes";

export const dynamic = "force-dynamic";

// The ICR log as a PDF: same read model, scope and filters as its page and CSV. pdfkit is loaded only
// once the log is found, so a scope refusal never touches it.
export const GET = withActor(
  async ({ actor, params, request }) => {
    const filters = parseChangeLogFilters(Object.fromEntries(request.nextUrl.searchParams));
    const log = await listChanges(actor, params.customerId, filters);
    const { changeLogPdf } = await import("@/lib/changes/export-pdf");
    const pdf = await changeLogPdf(log.customer.name, log.changes, { filters: changeLogQuery(filters).slice(1) });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${changeLogFileName(log.customer.name, "pdf")}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  { permission: "export:read", params: z.object({ customerId: z.string().trim().min(1).max(64) }) },
);
