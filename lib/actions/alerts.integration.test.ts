import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";
import { addDaysToIsoDay, HOUR_MS, utcToday } from "../dates";

// Triage through the real action client, policy, zod and PostgreSQL; only the session (and Next's
// cache) is stubbed. Each test builds its own customers, consultants and alerts.
// Concurrent requests each run as their own actor (AsyncLocalStorage), like two browsers.

const {
  assignAlertAction,
  bulkAlertAction,
  changeAlertStatusAction,
  commentOnAlertAction,
  suppressAlertAction,
  updateAlertSlaAction,
} = await import("./alerts");

beforeEach(() => {
  testSession.actor = null;
});

async function tenant(settings: object = {}) {
  const customer = await createCustomer(db(), { settings });
  const account = await createAwsAccount(db(), customer.id);
  const consultant = await actorOf(
    await createUser(db(), {
      role: "CONSULTANT",
      name: `Consultant of ${customer.slug}`,
      assignedCustomerIds: [customer.id],
    }),
  );
  return { customer, account, consultant };
}

let sequence = 0;
async function alert(
  owner: { customer: { id: string }; account: { id: string } },
  overrides: {
    status?: "NEW" | "ACKNOWLEDGED" | "IN_PROGRESS" | "RESOLVED" | "SUPPRESSED";
    severity?: "CRITICAL" | "HIGH";
  } = {},
) {
  sequence += 1;
  const now = new Date();
  return db().alert.create({
    data: {
      customerId: owner.customer.id,
      awsAccountId: owner.account.id,
      source: "CONTROL",
      dedupKey: `CONTROL|${owner.account.id}|NET-${sequence}|account`,
      rule: `NET-${sequence}`,
      severity: overrides.severity ?? "HIGH",
      status: overrides.status ?? "NEW",
      title: `Alert ${sequence}`,
      firstSeenAt: now,
      lastSeenAt: now,
      dueAt: new Date(now.getTime() + 72 * HOUR_MS),
      ...(overrides.status === "RESOLVED" ? { resolvedAt: now } : {}),
    },
  });
}

const read = (id: string) =>
  db().alert.findUniqueOrThrow({
    where: { id },
    include: { events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });

describe("the triage workflow", () => {
  it("moves an alert NEW → ACKNOWLEDGED → IN_PROGRESS → RESOLVED with times, history and audit", async () => {
    const owner = await tenant();
    const created = await alert(owner);
    testSession.actor = owner.consultant;
    for (const to of ["ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED"] as const) {
      const result = await changeAlertStatusAction({
        alertId: created.id,
        to,
        note: to === "RESOLVED" ? "Closed port 3389" : undefined,
      });
      expect(result.serverError).toBeUndefined();
      expect(result.data).toEqual({ alertId: created.id, status: to });
    }
    const after = await read(created.id);
    expect(after).toMatchObject({ status: "RESOLVED", version: 4 });
    expect(after.acknowledgedAt).not.toBeNull();
    expect(after.resolvedAt!.getTime()).toBeGreaterThanOrEqual(after.acknowledgedAt!.getTime());
    expect(after.events.map((event) => [event.actorId, event.fromStatus, event.toStatus])).toEqual([
      [owner.consultant.userId, "NEW", "ACKNOWLEDGED"],
      [owner.consultant.userId, "ACKNOWLEDGED", "IN_PROGRESS"],
      [owner.consultant.userId, "IN_PROGRESS", "RESOLVED"],
    ]);
    expect(after.events[2]!.note).toBe("Closed port 3389");
    expect(
      await db().auditLog.count({
        where: { targetId: created.id, actorId: owner.consultant.userId, customerId: owner.customer.id },
      }),
    ).toBe(3);

    const reopened = await changeAlertStatusAction({ alertId: created.id, to: "NEW" });
    expect(reopened.data?.status).toBe("NEW");
    const again = await read(created.id);
    expect(again).toMatchObject({ status: "NEW", acknowledgedAt: null, resolvedAt: null });
    expect(again.events.at(-1)).toMatchObject({ type: "reopened", fromStatus: "RESOLVED", toStatus: "NEW" });
  });

  it("refuses a move the workflow does not allow, naming the allowed ones", async () => {
    const owner = await tenant();
    const created = await alert(owner);
    testSession.actor = owner.consultant;
    const result = await changeAlertStatusAction({ alertId: created.id, to: "RESOLVED" });
    expect(result.serverError).toBe(
      "An alert that is New cannot move to Resolved. Allowed from New: Acknowledge (→ Acknowledged), Suppress (→ Suppressed).",
    );
    expect((await read(created.id)).status).toBe("NEW");
    const bad = await changeAlertStatusAction({ alertId: created.id, to: "SUPPRESSED" as "NEW" });
    expect(bad.validationErrors?.fieldErrors.to).toBeDefined();
  });

  it("never loses an action when two consultants act on the same alert at once", async () => {
    const owner = await tenant();
    const second = await actorOf(
      await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [owner.customer.id] }),
    );
    const created = await alert(owner);

    // Different actions at the same moment: both apply, one after the other.
    const as = <T>(actor: Actor, run: () => Promise<T>) => testSession.request.run(actor, run);
    const [acknowledged, assigned, commented] = await Promise.all([
      as(owner.consultant, () => changeAlertStatusAction({ alertId: created.id, to: "ACKNOWLEDGED" })),
      as(second, () => assignAlertAction({ alertId: created.id, assigneeId: second.userId })),
      as(second, () => commentOnAlertAction({ alertId: created.id, body: "Looking at the security group now." })),
    ]);
    for (const result of [acknowledged, assigned, commented]) expect(result.serverError).toBeUndefined();
    const after = await read(created.id);
    expect(after).toMatchObject({ status: "ACKNOWLEDGED", assigneeId: second.userId, version: 4 });
    expect(after.events.map((event) => [event.type, event.actorId]).sort()).toEqual([
      ["assigned", second.userId],
      ["comment", second.userId],
      ["status", owner.consultant.userId],
    ]);

    // The same move twice at the same moment: one applies, the other is told it already happened.
    testSession.actor = owner.consultant;
    const results = await Promise.all([
      changeAlertStatusAction({ alertId: created.id, to: "IN_PROGRESS" }),
      changeAlertStatusAction({ alertId: created.id, to: "IN_PROGRESS" }),
    ]);
    expect(results.filter((result) => result.data).length).toBe(1);
    expect(results.find((result) => result.serverError)?.serverError).toBe(
      "This alert is already In progress; nothing was changed.",
    );
    expect((await read(created.id)).events.filter((event) => event.toStatus === "IN_PROGRESS")).toHaveLength(1);
  });

  it("suppresses with reason, approver and expiry, within the customer's limit", async () => {
    const owner = await tenant({ maxSuppressionDays: 30 });
    const created = await alert(owner);
    testSession.actor = owner.consultant;
    const tooLong = await suppressAlertAction({
      alertId: created.id,
      reason: "Vendor RDP until the VPN goes live",
      expiresAt: addDaysToIsoDay(utcToday(), 60),
    });
    expect(tooLong.validationErrors?.fieldErrors.expiresAt?.[0]).toMatch(/at most 30 days/);
    const short = await suppressAlertAction({
      alertId: created.id,
      reason: "ok",
      expiresAt: addDaysToIsoDay(utcToday(), 10),
    });
    expect(short.validationErrors?.fieldErrors.reason?.[0]).toMatch(/at least 10 characters/);

    const result = await suppressAlertAction({
      alertId: created.id,
      reason: "Vendor RDP until the VPN goes live",
      expiresAt: addDaysToIsoDay(utcToday(), 10),
    });
    expect(result.serverError).toBeUndefined();
    const after = await read(created.id);
    expect(after).toMatchObject({
      status: "SUPPRESSED",
      suppressionReason: "Vendor RDP until the VPN goes live",
      suppressionApproverId: owner.consultant.userId,
    });
    expect(after.suppressedUntil!.toISOString()).toBe(`${addDaysToIsoDay(utcToday(), 10)}T23:59:59.999Z`);
    expect(after.events.at(-1)!.note).toContain(`approved by ${owner.consultant.name}`);
  });

  it("assigns only to staff who look after the customer, and unassigns", async () => {
    const owner = await tenant();
    const other = await tenant();
    const created = await alert(owner);
    testSession.actor = owner.consultant;
    const refused = await assignAlertAction({ alertId: created.id, assigneeId: other.consultant.userId });
    expect(refused.serverError).toMatch(/cannot be assigned/);
    const admin = await createUser(db(), { role: "ADMIN" });
    expect((await assignAlertAction({ alertId: created.id, assigneeId: admin.id })).data?.changed).toBe(true);
    expect((await assignAlertAction({ alertId: created.id, assigneeId: "" })).data).toMatchObject({
      assigneeId: null,
      changed: true,
    });
    expect((await read(created.id)).events.map((event) => event.type)).toEqual(["assigned", "unassigned"]);
  });

  it("is read-only for customer users and refuses other customers' alerts as not found", async () => {
    const owner = await tenant();
    const other = await tenant();
    const created = await alert(owner);
    testSession.actor = await actorOf(
      await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: owner.customer.id }),
    );
    expect((await changeAlertStatusAction({ alertId: created.id, to: "ACKNOWLEDGED" })).serverError).toBe(
      "You do not have permission to do that.",
    );
    testSession.actor = other.consultant;
    expect((await commentOnAlertAction({ alertId: created.id, body: "hello" })).serverError).toBe("Alert not found");
    expect((await read(created.id)).events).toEqual([]);
  });
});

describe("bulk actions", () => {
  it("acknowledge every selected alert, leaving already acknowledged ones as they are", async () => {
    const owner = await tenant();
    const alerts = [await alert(owner), await alert(owner), await alert(owner, { status: "ACKNOWLEDGED" })];
    testSession.actor = owner.consultant;
    const result = await bulkAlertAction({ operation: "acknowledge", alertIds: alerts.map((a) => a.id) });
    expect(result.data).toEqual({ operation: "acknowledge", selected: 3, changed: 2 });
    for (const created of alerts) expect((await read(created.id)).status).toBe("ACKNOWLEDGED");
  });

  it("are refused as a whole when one alert is out of scope, or cannot take the operation", async () => {
    const owner = await tenant();
    const other = await tenant();
    const mine = await alert(owner);
    const theirs = await alert(other);
    testSession.actor = owner.consultant;
    const mixed = await bulkAlertAction({ operation: "acknowledge", alertIds: [mine.id, theirs.id] });
    expect(mixed.serverError).toBe(
      "Alert not found: some selected alerts are not yours to change. Nothing was changed.",
    );
    expect((await read(mine.id)).status).toBe("NEW");
    expect((await read(theirs.id)).status).toBe("NEW");

    const resolved = await alert(owner, { status: "RESOLVED" });
    const refused = await bulkAlertAction({
      operation: "suppress",
      alertIds: [mine.id, resolved.id],
      reason: "Accepted risk for the quarter",
      expiresAt: addDaysToIsoDay(utcToday(), 30),
    });
    expect(refused.serverError).toMatch(/^Nothing was changed: 1 selected alert cannot be suppressed/);
    expect(refused.serverError).toContain(resolved.title);
    expect((await read(mine.id)).status).toBe("NEW");
  });

  it("assign and suppress many alerts of several customers when the actor and assignee cover them all", async () => {
    const first = await tenant();
    const second = await tenant();
    const consultant = await actorOf(
      await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [first.customer.id, second.customer.id] }),
    );
    const alerts = [await alert(first), await alert(second)];
    testSession.actor = consultant;
    const refused = await bulkAlertAction({
      operation: "assign",
      alertIds: alerts.map((a) => a.id),
      assigneeId: first.consultant.userId,
    });
    expect(refused.serverError).toMatch(/cannot be assigned/);
    const assigned = await bulkAlertAction({
      operation: "assign",
      alertIds: alerts.map((a) => a.id),
      assigneeId: consultant.userId,
    });
    expect(assigned.data?.changed).toBe(2);
    const suppressed = await bulkAlertAction({
      operation: "suppress",
      alertIds: alerts.map((a) => a.id),
      reason: "Accepted risk for the quarter",
      expiresAt: addDaysToIsoDay(utcToday(), 30),
    });
    expect(suppressed.data?.changed).toBe(2);
    for (const created of alerts) {
      expect(await read(created.id)).toMatchObject({ status: "SUPPRESSED", assigneeId: consultant.userId });
    }
  });

  it("never take an alert from its assignee or triage status unless confirmed (issue 19 §1)", async () => {
    const owner = await tenant();
    const free = await alert(owner);
    const taken = await alert(owner, { status: "ACKNOWLEDGED" });
    testSession.actor = owner.consultant;
    const other = await actorOf(
      await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [owner.customer.id] }),
    );
    expect(
      (await bulkAlertAction({ operation: "assign", alertIds: [taken.id], assigneeId: other.userId })).data?.changed,
    ).toBe(1);

    const assign = { operation: "assign" as const, alertIds: [free.id, taken.id], assigneeId: owner.consultant.userId };
    const refused = await bulkAlertAction(assign);
    expect(refused.validationErrors?.fieldErrors.alertIds?.[0]).toBe(
      `Nothing was changed: “${taken.title}” is already assigned. Confirm to replace that, or leave it out.`,
    );
    expect(await read(free.id)).toMatchObject({ assigneeId: null });
    expect((await bulkAlertAction({ ...assign, confirmReplace: true })).data?.changed).toBe(2);
    expect(await read(taken.id)).toMatchObject({ assigneeId: owner.consultant.userId });

    const suppress = {
      operation: "suppress" as const,
      alertIds: [free.id, taken.id],
      reason: "Accepted risk for the quarter",
      expiresAt: addDaysToIsoDay(utcToday(), 30),
    };
    const unconfirmed = await bulkAlertAction(suppress);
    expect(unconfirmed.validationErrors?.fieldErrors.alertIds?.[0]).toMatch(/is already acknowledged or in progress/);
    expect((await read(free.id)).status).toBe("NEW");
    expect((await bulkAlertAction({ ...suppress, confirmReplace: true })).data?.changed).toBe(2);
  });

  it("validate their input", async () => {
    const owner = await tenant();
    testSession.actor = owner.consultant;
    const empty = await bulkAlertAction({ operation: "acknowledge", alertIds: [] });
    expect(empty.validationErrors?.fieldErrors.alertIds?.[0]).toBe("Select at least one alert");
    const unknown = await bulkAlertAction({ operation: "delete" as "acknowledge", alertIds: ["a"] });
    expect(unknown.validationErrors).toBeDefined();
  });
});

describe("customer SLAs", () => {
  it("are set by an administrator, validated, and cleared back to the defaults", async () => {
    const owner = await tenant({ emailDomains: ["example.com"] });
    testSession.actor = owner.consultant;
    expect((await updateAlertSlaAction({ customerId: owner.customer.id, critical: 12 })).serverError).toBe(
      "You do not have permission to do that.",
    );
    testSession.actor = await actorOf(await createUser(db(), { role: "ADMIN" }));
    const invalid = await updateAlertSlaAction({ customerId: owner.customer.id, critical: "100", high: "48" });
    expect(JSON.stringify(invalid.validationErrors)).toContain("critical ≤ high");
    const notNumber = await updateAlertSlaAction({ customerId: owner.customer.id, low: "a week" });
    const fieldErrors = (notNumber.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
    expect(fieldErrors.low?.[0]).toMatch(/number of hours/);

    const saved = await updateAlertSlaAction({ customerId: owner.customer.id, critical: "12", high: "", medium: 100 });
    expect(saved.data?.alertSla).toEqual({ critical: 12, medium: 100 });
    const customer = await db().customer.findUniqueOrThrow({ where: { id: owner.customer.id } });
    expect(customer.settings).toEqual({ emailDomains: ["example.com"], alertSla: { critical: 12, medium: 100 } });
    await updateAlertSlaAction({ customerId: owner.customer.id });
    expect((await db().customer.findUniqueOrThrow({ where: { id: owner.customer.id } })).settings).toEqual({
      emailDomains: ["example.com"],
    });
  });
});
