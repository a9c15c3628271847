import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";

// Assignments through the real action client, PostgreSQL and read models; only the session is stubbed.
// The attacker's side: a consultant assigned to A reaches nothing of B — portfolio, alerts, reviews,
// trends, settings, exports — and the moment B is assigned it does, and unassigned it is gone again.

const { updateAssignmentsAction } = await import("./assignments");
const { listAssignments } = await import("@/lib/queries/assignments");
const { listPortfolio } = await import("@/lib/queries/portfolio");
const { listOpenAlerts } = await import("@/lib/queries/alerts");
const { listAccessReviews } = await import("@/lib/queries/access-reviews");
const { listCustomerScoreHistory } = await import("@/lib/queries/trends");
const { listCustomerSettings } = await import("@/lib/queries/settings");
const { getCustomerScorecard } = await import("@/lib/queries/scorecard");
const { GET: exportReviewCsv } = await import("@/app/api/customers/[customerId]/reviews/[reviewId]/export.csv/route");

beforeEach(() => {
  testSession.actor = null;
});

async function tenant(label: string, creatorId: string) {
  const customer = await createCustomer(db(), { name: `${label} ${Date.now().toString(36)} Ltd` });
  const account = await createAwsAccount(db(), customer.id);
  const now = new Date();
  await db().alert.create({
    data: {
      customerId: customer.id,
      awsAccountId: account.id,
      source: "CONTROL",
      dedupKey: `assign-${customer.id}`,
      rule: "ROOT-1",
      severity: "HIGH",
      title: `Alert of ${customer.name}`,
      firstSeenAt: now,
      lastSeenAt: now,
      dueAt: new Date(now.getTime() + 86_400_000),
    },
  });
  const review = await db().accessReview.create({
    data: {
      customerId: customer.id,
      period: `2026-Q4 ${label}`,
      dueAt: new Date(now.getTime() + 14 * 86_400_000),
      snapshotAt: now,
      accountIds: [account.id],
      createdById: creatorId,
    },
    select: { id: true },
  });
  return { customer, account, reviewId: review.id };
}

async function everythingSeenBy(actor: Actor): Promise<string> {
  return JSON.stringify(
    await Promise.all([
      listPortfolio(actor),
      listOpenAlerts(actor),
      listAccessReviews(actor),
      listCustomerScoreHistory(actor),
      // Managers hold no externalId:read: Settings is refused to them, which is not "seeing" anything.
      listCustomerSettings(actor).catch(() => []),
    ]),
  );
}

function exportCsv(customerId: string, reviewId: string) {
  return exportReviewCsv(
    new NextRequest(`http://localhost/api/customers/${customerId}/reviews/${reviewId}/export.csv`),
    { params: Promise.resolve({ customerId, reviewId }) },
  );
}

describe("who looks after whom", () => {
  it("an administrator assigns a consultant; the consultant then sees exactly its customers, everywhere", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const a = await tenant("Alder", admin.id);
    const b = await tenant("Birch", admin.id);
    const consultant = await createUser(db(), { role: "CONSULTANT", name: "Casey Consultant" });

    testSession.actor = await actorOf(admin);
    const assigned = await updateAssignmentsAction({ userId: consultant.id, customerIds: [a.customer.id] });
    expect(assigned.serverError).toBeUndefined();
    expect(assigned.data).toMatchObject({ added: 1, removed: 0, total: 1 });

    // The consultant's own session: no re-login needed, the scope is read per request.
    const seen = await everythingSeenBy(await actorOf(consultant));
    expect(seen).toContain(a.customer.name);
    expect(seen).toContain(`Alert of ${a.customer.name}`);
    expect(seen).not.toContain(b.customer.name);
    expect(seen).not.toContain(b.customer.id);
    expect(seen).not.toContain(b.account.accountNumber);

    testSession.actor = await actorOf(consultant);
    await expect(getCustomerScorecard(testSession.actor, b.customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await exportCsv(a.customer.id, a.reviewId)).status).toBe(200);
    const refused = await exportCsv(b.customer.id, b.reviewId);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(b.customer.name);

    // Reassign to B only: A disappears at once, B appears.
    testSession.actor = await actorOf(admin);
    const moved = await updateAssignmentsAction({ userId: consultant.id, customerIds: [b.customer.id] });
    expect(moved.data).toMatchObject({ added: 1, removed: 1, total: 1 });
    const after = await everythingSeenBy(await actorOf(consultant));
    expect(after).toContain(b.customer.name);
    expect(after).not.toContain(a.customer.name);
    testSession.actor = await actorOf(consultant);
    expect((await exportCsv(a.customer.id, a.reviewId)).status).toBe(404);
    expect((await exportCsv(b.customer.id, b.reviewId)).status).toBe(200);

    const audit = await db().auditLog.findMany({
      where: { targetId: consultant.id, action: { startsWith: "customer.assignment" } },
      orderBy: { createdAt: "asc" },
      select: { action: true, customerId: true, actorId: true },
    });
    expect(audit).toEqual([
      { action: "customer.assignment_added", customerId: a.customer.id, actorId: admin.id },
      { action: "customer.assignment_added", customerId: b.customer.id, actorId: admin.id },
      { action: "customer.assignment_removed", customerId: a.customer.id, actorId: admin.id },
    ]);

    testSession.actor = await actorOf(admin);
    const view = await listAssignments(testSession.actor);
    expect(view.users.find((user) => user.id === consultant.id)?.customerIds).toEqual([b.customer.id]);
  });

  it("marks a manager as technical manager without narrowing what the manager sees", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const a = await tenant("Cedar", admin.id);
    const b = await tenant("Dogwood", admin.id);
    const manager = await createUser(db(), { role: "MANAGER" });
    testSession.actor = await actorOf(admin);
    const result = await updateAssignmentsAction({ userId: manager.id, customerIds: [a.customer.id] });
    expect(result.data).toMatchObject({ added: 1, total: 1 });
    expect(await db().customerAssignment.count({ where: { userId: manager.id } })).toBe(1);
    const seen = await everythingSeenBy(await actorOf(manager));
    expect(seen).toContain(a.customer.name);
    expect(seen).toContain(b.customer.name);
  });

  it("refuses customer users and administrators at the field, and retired or unknown customers, writing nothing", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const a = await tenant("Elm", admin.id);
    const viewer = await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: a.customer.id, name: "Vic Viewer" });
    const consultant = await createUser(db(), { role: "CONSULTANT" });
    testSession.actor = await actorOf(admin);

    const customerUser = await updateAssignmentsAction({ userId: viewer.id, customerIds: [a.customer.id] });
    expect(customerUser.validationErrors?.fieldErrors?.userId?.[0]).toMatch(
      /Vic Viewer is customer viewer: only consultants and managers are assigned to customers/,
    );
    const otherAdmin = await updateAssignmentsAction({ userId: admin.id, customerIds: [a.customer.id] });
    expect(otherAdmin.validationErrors?.fieldErrors?.userId?.[0]).toMatch(/Administrators see every customer/);

    const retired = await createCustomer(db());
    await db().customer.update({ where: { id: retired.id }, data: { archivedAt: new Date() } });
    const mixed = await updateAssignmentsAction({ userId: consultant.id, customerIds: [a.customer.id, retired.id] });
    expect(mixed.validationErrors?.fieldErrors?.customerIds?.[0]).toMatch(/no longer exists or was retired/);
    const unknownUser = await updateAssignmentsAction({ userId: "no-such-user", customerIds: [] });
    expect(unknownUser.serverError).toBe("Not found");

    expect(
      await db().customerAssignment.count({ where: { userId: { in: [viewer.id, admin.id, consultant.id] } } }),
    ).toBe(0);
    expect(
      await db().auditLog.count({ where: { action: { startsWith: "customer.assignment" }, actorId: admin.id } }),
    ).toBe(0);
  });

  it("is for administrators only: a consultant cannot assign itself anything", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const a = await tenant("Fir", admin.id);
    const consultant = await createUser(db(), { role: "CONSULTANT" });
    testSession.actor = await actorOf(consultant);
    const result = await updateAssignmentsAction({ userId: consultant.id, customerIds: [a.customer.id] });
    expect(result.serverError).toBe("You do not have permission to do that.");
    await expect(listAssignments(testSession.actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().customerAssignment.count({ where: { userId: consultant.id } })).toBe(0);
  });
});
