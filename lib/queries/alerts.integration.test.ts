import { describe, expect, it } from "vitest";
import { parseAlertQueueQuery } from "@/lib/alerts/queue-query";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { actorOf } from "@/test/support/actors";
import { DUE_SOON_HOURS } from "../alerts/sla";
import { DAY_MS, HOUR_MS } from "../dates";
import { getAlert, getAlertCounters, getAlertCounts, listAlertQueue, listTriageStaff } from "./alerts";

// The queue's read models with two tenants: each filter, the sort, the counts, and scope (another
// customer's alerts neither listed, counted nor readable, whatever the filters say).

async function world() {
  const now = new Date();
  const mine = await createCustomer(db(), { name: `Mine ${Date.now()}` });
  const theirs = await createCustomer(db(), { name: `Theirs ${Date.now()}` });
  const myAccount = await createAwsAccount(db(), mine.id);
  const theirAccount = await createAwsAccount(db(), theirs.id);
  const consultant = await actorOf(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [mine.id] }));
  const colleague = await createUser(db(), { role: "CONSULTANT", name: "Colleague", assignedCustomerIds: [mine.id] });
  const stranger = await createUser(db(), { role: "CONSULTANT", name: "Stranger", assignedCustomerIds: [theirs.id] });
  let n = 0;
  const alert = async (
    customerId: string,
    awsAccountId: string,
    spec: {
      severity?: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
      status?: "NEW" | "ACKNOWLEDGED" | "RESOLVED" | "SUPPRESSED";
      dueInHours: number;
      ageDays?: number;
      source?: string;
      assigneeId?: string | null;
      title: string;
    },
  ) => {
    n += 1;
    const firstSeenAt = new Date(now.getTime() - (spec.ageDays ?? 0) * DAY_MS - n * 1000);
    return db().alert.create({
      data: {
        customerId,
        awsAccountId,
        source: spec.source ?? "CONTROL",
        dedupKey: `${spec.source ?? "CONTROL"}|${awsAccountId}|R-${n}|account`,
        rule: `R-${n}`,
        severity: spec.severity ?? "HIGH",
        status: spec.status ?? "NEW",
        title: spec.title,
        firstSeenAt,
        lastSeenAt: firstSeenAt,
        dueAt: new Date(now.getTime() + spec.dueInHours * HOUR_MS),
        assigneeId: spec.assigneeId ?? null,
      },
    });
  };
  const a = {
    breachedCritical: await alert(mine.id, myAccount.id, {
      severity: "CRITICAL",
      dueInHours: -2,
      title: "breached critical",
      assigneeId: consultant.userId,
    }),
    soonHigh: await alert(mine.id, myAccount.id, { dueInHours: 10, title: "due soon high", ageDays: 3 }),
    laterMedium: await alert(mine.id, myAccount.id, {
      severity: "MEDIUM",
      dueInHours: 200,
      title: "later medium",
      ageDays: 40,
      source: "INSPECTOR",
    }),
    resolved: await alert(mine.id, myAccount.id, {
      status: "RESOLVED",
      dueInHours: -50,
      title: "resolved one",
      assigneeId: colleague.id,
    }),
    foreign: await alert(theirs.id, theirAccount.id, {
      severity: "CRITICAL",
      dueInHours: -5,
      title: "foreign critical",
    }),
  };
  return { now, mine, theirs, consultant, colleague, stranger, a };
}

const titles = (page: { rows: { title: string }[] }) => page.rows.map((row) => row.title);
const query = (params: Record<string, string | string[]>) => parseAlertQueueQuery(params).query;

describe("the alert queue read model", () => {
  it("filters by severity, status, assignee, source, age and SLA state, within scope", async () => {
    const { now, mine, theirs, consultant, colleague, a } = await world();
    const list = async (params: Record<string, string | string[]>) =>
      titles(await listAlertQueue(consultant, query(params), now));
    expect(await list({})).toEqual(["breached critical", "due soon high", "later medium"]);
    // Severity first, then the due time: the resolved high alert was due before the open one.
    expect(await list({ status: "all" })).toEqual([
      "breached critical",
      "resolved one",
      "due soon high",
      "later medium",
    ]);
    expect(await list({ severity: ["CRITICAL", "MEDIUM"] })).toEqual(["breached critical", "later medium"]);
    expect(await list({ status: "RESOLVED" })).toEqual(["resolved one"]);
    expect(await list({ assignee: "me" })).toEqual(["breached critical"]);
    expect(await list({ assignee: "none" })).toEqual(["due soon high", "later medium"]);
    expect(await list({ assignee: colleague.id, status: "all" })).toEqual(["resolved one"]);
    expect(await list({ source: "INSPECTOR" })).toEqual(["later medium"]);
    expect(await list({ age: "24h" })).toEqual(["breached critical"]);
    expect(await list({ age: "7d" })).toEqual(["breached critical", "due soon high"]);
    expect(await list({ age: "older" })).toEqual(["later medium"]);
    expect(await list({ sla: "breached", status: "all" })).toEqual(["breached critical"]);
    expect(await list({ sla: "due-soon" })).toEqual(["due soon high"]);
    expect(await list({ sla: "on-track" })).toEqual(["later medium"]);
    expect(await list({ customer: mine.id })).toHaveLength(3);
    // Another customer's id in the filter: nothing, not that customer's alerts.
    expect(await list({ customer: theirs.id, status: "all" })).toEqual([]);
    expect(a.foreign.id).toBeTruthy();
  });

  it("sorts by due time, age and last seen, either way", async () => {
    const { now, consultant } = await world();
    const list = async (params: Record<string, string>) => titles(await listAlertQueue(consultant, query(params), now));
    expect(await list({ sort: "due" })).toEqual(["breached critical", "due soon high", "later medium"]);
    expect(await list({ sort: "due", dir: "desc" })).toEqual(["later medium", "due soon high", "breached critical"]);
    expect(await list({ sort: "age" })).toEqual(["later medium", "due soon high", "breached critical"]);
    expect(await list({ sort: "seen" })).toEqual(["breached critical", "due soon high", "later medium"]);
  });

  it("counts within scope only", async () => {
    const { now, consultant } = await world();
    expect(await getAlertCounts(consultant, query({}), now)).toMatchObject({
      matching: 3,
      open: 3,
      new: 3,
      breached: 1,
      dueSoon: 1,
      mine: 1,
      unassigned: 2,
      openBySeverity: { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 0, INFORMATIONAL: 0 },
    });
  });

  it("counts in one pass exactly what one count per counter gives, scoped and unrestricted (ADR 030)", async () => {
    const { now, mine, theirs, consultant } = await world();
    const account = await db().awsAccount.findFirstOrThrow({ where: { customerId: theirs.id } });
    const archived = await createCustomer(db(), { name: `Archived ${Date.now()}` });
    const archivedAccount = await createAwsAccount(db(), archived.id);
    const more = [
      // Due-soon edges per severity: CRITICAL within 6 h, LOW within 72 h.
      { customerId: mine.id, severity: "CRITICAL", status: "ACKNOWLEDGED", dueInHours: 5 },
      { customerId: mine.id, severity: "CRITICAL", status: "IN_PROGRESS", dueInHours: 7 },
      { customerId: mine.id, severity: "LOW", status: "NEW", dueInHours: 70 },
      { customerId: mine.id, severity: "INFORMATIONAL", status: "SUPPRESSED", dueInHours: -1 },
      { customerId: theirs.id, severity: "LOW", status: "NEW", dueInHours: 80, accountId: account.id },
      { customerId: archived.id, severity: "HIGH", status: "NEW", dueInHours: -1, accountId: archivedAccount.id },
    ] as const;
    const myAccount = await db().awsAccount.findFirstOrThrow({ where: { customerId: mine.id } });
    for (const [index, spec] of more.entries())
      await db().alert.create({
        data: {
          customerId: spec.customerId,
          awsAccountId: "accountId" in spec ? spec.accountId : myAccount.id,
          source: "CONTROL",
          dedupKey: `CONTROL|counts-${index}|${spec.customerId}`,
          rule: `C-${index}`,
          severity: spec.severity,
          status: spec.status,
          title: `count ${index}`,
          firstSeenAt: now,
          lastSeenAt: now,
          dueAt: new Date(now.getTime() + spec.dueInHours * HOUR_MS),
        },
      });
    await db().customer.update({ where: { id: archived.id }, data: { archivedAt: now } });
    const admin = await actorOf(await createUser(db(), { role: "ADMIN" }));
    for (const actor of [consultant, admin]) {
      const counted = (where: object) =>
        db().alert.count({
          where: {
            AND: [
              where,
              { status: { in: ["NEW", "ACKNOWLEDGED", "IN_PROGRESS"] }, customer: { archivedAt: null } },
              actor === consultant ? { customerId: mine.id } : {},
            ],
          },
        });
      const dueSoon = (Object.entries(DUE_SOON_HOURS) as [keyof typeof DUE_SOON_HOURS, number][]).map(
        ([severity, hours]) => ({ severity, dueAt: { gt: now, lte: new Date(now.getTime() + hours * HOUR_MS) } }),
      );
      const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"] as const;
      const expected = {
        open: await counted({}),
        new: await counted({ status: "NEW" }),
        breached: await counted({ dueAt: { lte: now } }),
        dueSoon: await counted({ OR: dueSoon }),
        mine: await counted({ assigneeId: actor.userId }),
        unassigned: await counted({ assigneeId: null }),
        openBySeverity: Object.fromEntries(
          await Promise.all(severities.map(async (severity) => [severity, await counted({ severity })])),
        ),
      };
      expect(await getAlertCounters(actor, now)).toMatchObject(expected);
      // The page's matching count taken from the counters (no filter) or counted (any filter): as counted alone.
      const filters: Record<string, string>[] = [{}, { severity: "CRITICAL" }, { status: "all" }, { sla: "due-soon" }];
      for (const params of filters) {
        const counters = getAlertCounters(actor, now);
        const page = await listAlertQueue(actor, query(params), now, { counters });
        expect(page.matching, JSON.stringify(params)).toBe((await listAlertQueue(actor, query(params), now)).matching);
        expect(page.matching, JSON.stringify(params)).toBe((await getAlertCounts(actor, query(params), now)).matching);
      }
    }
    // The scoped figures, spelled out: 3 from world() + CRITICAL in 5 h + CRITICAL in 7 h + LOW in 70 h.
    expect(await getAlertCounters(consultant, now)).toMatchObject({ open: 6, dueSoon: 3, breached: 1 });
  });

  it("reads one alert in scope with its history, and refuses another customer's as not found", async () => {
    const { consultant, a } = await world();
    await db().alertEvent.create({
      data: { alertId: a.soonHigh.id, type: "comment", actorId: consultant.userId, note: "On it" },
    });
    const detail = await getAlert(consultant, a.soonHigh.id);
    expect(detail.alert.title).toBe("due soon high");
    expect(detail.alert.events.map((event) => [event.type, event.note, event.actor?.name])).toEqual([
      ["comment", "On it", consultant.name],
    ]);
    expect(detail.suppressionMaxDays).toBe(180);
    await expect(getAlert(consultant, a.foreign.id)).rejects.toThrow("Alert not found");
  });

  it("lists staff for assignment without naming customers outside the actor's scope", async () => {
    const { mine, consultant, colleague, stranger } = await world();
    const staff = await listTriageStaff(consultant);
    const byId = new Map(staff.map((person) => [person.id, person]));
    expect(byId.get(colleague.id)?.customerIds).toEqual("all"); // covers every customer the consultant sees
    expect(byId.has(stranger.id)).toBe(false);
    expect(JSON.stringify(staff)).not.toContain("Theirs");
    expect(mine.id).toBeTruthy();
    const viewer = await actorOf(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: mine.id }));
    expect(await listTriageStaff(viewer)).toEqual([]);
  });
});
