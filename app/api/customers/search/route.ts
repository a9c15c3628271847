import { z } from "zod";
import { withActor } from "@/lib/http/with-actor";
import { CUSTOMER_SEARCH_MAX_LENGTH, searchCustomerChoices } from "@/lib/queries/customers";

export const dynamic = "force-dynamic";

// The header's customer switcher: customers in the caller's scope whose name or slug contains `q`.
export const GET = withActor(({ actor, query }) => searchCustomerChoices(actor, query.q), {
  permission: "customer:read",
  query: z.object({ q: z.string().trim().max(CUSTOMER_SEARCH_MAX_LENGTH).default("") }),
});
