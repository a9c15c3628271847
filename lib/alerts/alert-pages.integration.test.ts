import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";

// The queue and alert pages rendered to HTML on a real database, as a consultant and as a customer
// viewer: what each sees, what only staff can do, and 404 for another customer's alert. (The browser
// behaviour — keyboard, polling, bulk actions — is covered by e2e/alerts.spec.ts.)
vi.mock("next/navigation", () => ({
  useRouter: () => ({ push() {}, refresh() {} }),
  usePathname: () => "/alerts",
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
const { loadActor } = await import("@/lib/auth/load-actor");
const { default: AlertsPage } = await import("@/app/(app)/alerts/page");
const { default: AlertPage } = await import("@/app/(app)/alerts/[alertId]/page");
const { default: AlertSlaPage } = await import("@/app/(app)/alerts/sla/page");

const render = (node: ReactNode) =>
  renderToString(createElement(QueryClientProvider, { client: new QueryClient() }, node))
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'");
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

async function world() {
  const customer = await createCustomer(db(), { name: `Render Co ${Date.now()}` });
  const account = await createAwsAccount(db(), customer.id, { alias: "render-dev" });
  const other = await createCustomer(db(), { name: `Elsewhere Ltd ${Date.now()}` });
  const otherAccount = await createAwsAccount(db(), other.id);
  const now = new Date();
  const alert = (owner: { id: string }, awsAccountId: string, title: string, dueAt: Date) =>
    db().alert.create({
      data: {
        customerId: owner.id,
        awsAccountId,
        source: "CONTROL",
        dedupKey: `CONTROL|${awsAccountId}|${title}|account`,
        rule: "NET-1",
        severity: "CRITICAL",
        title,
        firstSeenAt: now,
        lastSeenAt: now,
        dueAt,
        region: "eu-west-1",
        resource: "sg-0rdp",
        evidenceLink: `/customers/${owner.id}/controls/NET-1`,
      },
    });
  const mine = await alert(customer, account.id, "NET-1 failing in render-dev", new Date(now.getTime() - 3_600_000));
  await db().alertEvent.create({
    data: { alertId: mine.id, type: "opened", toStatus: "NEW", note: "sg-0rdp opens 3389" },
  });
  const theirs = await alert(other, otherAccount.id, "Alert of elsewhere", new Date(now.getTime() + 3_600_000));
  const as = async (user: { id: string; sessionVersion: number }) => {
    testSession.actor = await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion });
  };
  return { customer, other, mine, theirs, as };
}

describe("the alert pages", () => {
  it("show a consultant its customers' queue with triage tools, and explain invalid filters", async () => {
    const { customer, other, mine, as } = await world();
    await as(
      await createUser(db(), { role: "CONSULTANT", name: "Carla Consultant", assignedCustomerIds: [customer.id] }),
    );
    const html = text(render(await AlertsPage({ searchParams: Promise.resolve({ severity: "BOGUS" }) })));
    expect(html).toContain("“severity” is not valid");
    expect(html).toContain("NET-1 failing in render-dev");
    expect(html).toContain("Past SLA by 1 h");
    expect(html).toContain("My open criticals");
    expect(html).toContain("Acknowledge selected");
    expect(html).toContain("x selects it");
    expect(html).not.toContain(other.name);

    const detail = text(render(await AlertPage({ params: Promise.resolve({ alertId: mine.id }) })));
    expect(detail).toContain("render-dev");
    expect(detail).toContain("sg-0rdp opens 3389");
    expect(detail).toContain("From New the workflow allows: Acknowledge (→ Acknowledged), Suppress (→ Suppressed).");
    expect(detail).toContain("Suppress alert");
    expect(detail).toContain("Open the evidence");
  });

  it("show a customer viewer its own alerts read-only, and 404 for another customer's", async () => {
    const { customer, other, mine, theirs, as } = await world();
    await as(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: customer.id }));
    const html = text(render(await AlertsPage({ searchParams: Promise.resolve({ customer: other.id }) })));
    expect(html).not.toContain(other.name);
    expect(html).not.toContain("Acknowledge selected");
    expect(html).not.toContain("My open criticals");
    expect(html).toContain("read-only");

    const detail = text(render(await AlertPage({ params: Promise.resolve({ alertId: mine.id }) })));
    expect(detail).toContain("NET-1 failing in render-dev");
    expect(detail).not.toContain("Suppress alert");
    expect(detail).not.toContain("Add comment");
    await expect(AlertPage({ params: Promise.resolve({ alertId: theirs.id }) })).rejects.toThrow("NEXT_NOT_FOUND");
  });

  it("let an administrator set each customer's SLA, and nobody else", async () => {
    const { customer, as } = await world();
    await db().customer.update({ where: { id: customer.id }, data: { settings: { alertSla: { critical: 8 } } } });
    await as(await createUser(db(), { role: "ADMIN" }));
    const html = render(await AlertSlaPage());
    expect(text(html)).toContain(customer.name);
    expect(html).toContain(`aria-label="Alert SLA for ${customer.name}"`);
    expect(html).toMatch(/name="critical"[^>]*value="8"|value="8"[^>]*name="critical"/);
    await as(await createUser(db(), { role: "CONSULTANT", allCustomers: true }));
    await expect(AlertSlaPage()).rejects.toThrow("NEXT_NOT_FOUND");
  });
});
