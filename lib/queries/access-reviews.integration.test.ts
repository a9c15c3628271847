import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createCustomer, createUser } from "@/prisma/factories";
import { listAccessReviewPage, REVIEW_PAGE_SIZE } from "./access-reviews";

// The Reviews list a page at a time: every campaign of the actor's customers reachable, newest first,
// nothing of another customer's.

let own: { id: string; name: string };
let foreign: { id: string; name: string };
let consultant: Actor;
const CAMPAIGNS = REVIEW_PAGE_SIZE + 5;

async function actorFor(user: { id: string; sessionVersion: number }): Promise<Actor> {
  return (await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion }))!;
}

beforeAll(async () => {
  own = await createCustomer(db(), { name: "Paged Reviews Own" });
  foreign = await createCustomer(db(), { name: "Paged Reviews Foreign" });
  const creator = await createUser(db(), { role: "ADMIN" });
  const start = Date.parse("2020-01-01T00:00:00Z");
  await db().accessReview.createMany({
    data: [
      ...Array.from({ length: CAMPAIGNS }, (_, index) => ({
        customerId: own.id,
        period: `own-${String(index).padStart(2, "0")}`,
        dueAt: new Date(start + (index + 30) * 86_400_000),
        snapshotAt: new Date(start + index * 86_400_000),
        createdAt: new Date(start + index * 86_400_000),
        accountIds: [],
        createdById: creator.id,
      })),
      {
        customerId: foreign.id,
        period: "foreign-newest",
        dueAt: new Date(start + 400 * 86_400_000),
        snapshotAt: new Date(start + 365 * 86_400_000),
        createdAt: new Date(start + 365 * 86_400_000),
        accountIds: [],
        createdById: creator.id,
      },
    ],
  });
  consultant = await actorFor(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [own.id] }));
});

describe("listAccessReviewPage", () => {
  it("reaches every campaign of the actor's customers a page at a time, newest first", async () => {
    const first = await listAccessReviewPage(consultant, {}, new Date("2020-01-02T00:00:00Z"));
    expect(first).toMatchObject({ total: CAMPAIGNS, page: 1, pageCount: 2, pageSize: REVIEW_PAGE_SIZE });
    expect(first.rows).toHaveLength(REVIEW_PAGE_SIZE);
    expect(first.rows[0]).toMatchObject({ period: `own-${CAMPAIGNS - 1}`, customer: { id: own.id } });
    const second = await listAccessReviewPage(consultant, { page: "2" });
    expect(second.rows.map((row) => row.period)).toEqual(["own-04", "own-03", "own-02", "own-01", "own-00"]);
    const every = [...first.rows, ...second.rows].map((row) => row.id);
    expect(new Set(every).size).toBe(CAMPAIGNS);
    expect(JSON.stringify([first, second])).not.toContain(foreign.id);
  });

  it("shows the last page past the end and the first for a page that is not a number", async () => {
    expect((await listAccessReviewPage(consultant, { page: "99" })).page).toBe(2);
    expect((await listAccessReviewPage(consultant, { page: "abc" })).page).toBe(1);
    expect((await listAccessReviewPage(consultant, { page: ["2", "1"] })).page).toBe(2);
  });

  it("pins a customer user to their own customer's campaigns", async () => {
    const viewer = await actorFor(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: foreign.id }));
    const list = await listAccessReviewPage(viewer);
    expect(list.rows.map((row) => row.period)).toEqual(["foreign-newest"]);
    expect(list.total).toBe(1);
  });
});
