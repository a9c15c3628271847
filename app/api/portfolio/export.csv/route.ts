import { csvResponse, exportFileName, portfolioCsv } from "@/lib/exports/csv";
import { withActor } from "@/lib/http/with-actor";
import { listPortfolio } from "@/lib/queries/portfolio";

export const dynamic = "force-dynamic";

/** Every customer of the portfolio in the actor's scope, with the page's search, filters and sort. */
const EXPORT_ROWS = 10_000;

export const GET = withActor(
  async ({ actor, request }) => {
    const portfolio = await listPortfolio(actor, Object.fromEntries(request.nextUrl.searchParams), {
      pageSize: EXPORT_ROWS,
    });
    return csvResponse(portfolioCsv(portfolio.rows), exportFileName("portfolio", "customers"));
  },
  { permission: "portfolio:read" },
);
