import "server-only";
import { type Actor, authorize, customerWhere } from "../authz/policy";
import { db } from "../db/client";

/** Access-review campaigns of the actor's customers, newest first. */
export async function listAccessReviews(actor: Actor) {
  authorize(actor, "review:read");
  return db().accessReview.findMany({
    where: customerWhere(actor),
    select: {
      id: true,
      period: true,
      status: true,
      dueAt: true,
      signedOffAt: true,
      customer: { select: { id: true, name: true } },
      _count: { select: { items: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}
