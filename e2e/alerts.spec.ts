import type { Page } from "@playwright/test";
import { HOUR_MS } from "../lib/dates";
import type { PrismaClient } from "../lib/db/client";
import { createAwsAccount, createCustomer } from "../prisma/factories";
import { expect, test } from "./fixtures/test";

// The alert queue. Read-only checks run on the demo, whose first sync raised alerts (Meridian's drifted
// dev account: RDP open to the internet, NET-1, and a public database, NET-6; Bluefin's console user
// without MFA, IAM-5). Triage, bulk actions and live counts act on a tenant of their own, as the admin,
// so no other spec sees their changes.

function queueTable(page: Page) {
  return page.getByRole("table", { name: /^Alerts sorted by/ });
}

async function customerId(db: PrismaClient, slug: string): Promise<string> {
  return (await db.customer.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

/** A customer of this test with an account and `titles.length` open high alerts. */
async function tenantWithAlerts(db: PrismaClient, titles: string[]) {
  const customer = await createCustomer(db, { name: `Alert Queue Test ${Date.now()}` });
  const account = await createAwsAccount(db, customer.id, {
    alias: `queue-${customer.slug.slice(-6)}`,
    regions: ["eu-west-1"],
  });
  const now = Date.now();
  const alerts = [];
  for (const [index, title] of titles.entries()) {
    alerts.push(await createAlert(db, customer.id, account.id, title, new Date(now - (index + 1) * 60_000)));
  }
  return { customer, account, alerts };
}

async function createAlert(db: PrismaClient, customerId: string, awsAccountId: string, title: string, at = new Date()) {
  const alert = await db.alert.create({
    data: {
      customerId,
      awsAccountId,
      source: "CONTROL",
      dedupKey: `CONTROL|${awsAccountId}|${title}|account`,
      rule: "NET-2",
      severity: "HIGH",
      title,
      region: "eu-west-1",
      resource: "sg-0e2e",
      evidenceLink: `/customers/${customerId}/controls/NET-2`,
      firstSeenAt: at,
      lastSeenAt: at,
      dueAt: new Date(at.getTime() + 72 * HOUR_MS),
    },
  });
  await db.alertEvent.create({
    data: { alertId: alert.id, type: "opened", toStatus: "NEW", note: `${title}: port 5432 open`, createdAt: at },
  });
  return alert;
}

test.describe("the alert queue", () => {
  test("a consultant sees Meridian's open RDP and public database, with customer, account, region and SLA", async ({
    loginAs,
    db,
  }) => {
    const page = await loginAs("consultant");
    const meridian = await customerId(db, "meridian-health-partners");
    await page.goto(`/alerts?customer=${meridian}&source=CONTROL`);
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    const table = queueTable(page);
    const rdp = table.getByRole("row", { name: /NET-1 failing in meridian-dev/ });
    await expect(rdp).toBeVisible();
    await expect(rdp).toContainText("critical");
    await expect(rdp).toContainText("Meridian Health Partners");
    await expect(rdp).toContainText("us-east-1");
    await expect(rdp).toContainText(/Due in|Past SLA/);
    const database = table.getByRole("row", { name: /NET-6 failing in meridian-dev/ });
    await expect(database).toBeVisible();
    await expect(database).toContainText("high");
    // Most severe first: the critical RDP alert is above the high public-database one.
    const titles = await table.getByRole("link", { name: /failing in meridian-dev/ }).allTextContents();
    expect(titles.findIndex((title) => title.startsWith("NET-1"))).toBeLessThan(
      titles.findIndex((title) => title.startsWith("NET-6")),
    );

    await table.getByRole("link", { name: /NET-1 failing in meridian-dev/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /NET-1 failing in meridian-dev/ })).toBeVisible();
    await expect(page.getByText("3389").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Open the evidence" })).toHaveAttribute(
      "href",
      `/customers/${meridian}/controls/NET-1`,
    );
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    await expect(page.getByText(/Opened\s*by Rampart/).first()).toBeVisible();
  });

  test("Bluefin's console user without MFA raised an IAM-5 alert", async ({ loginAs, db }) => {
    const page = await loginAs("consultant");
    const bluefin = await customerId(db, "bluefin-logistics");
    // Any status: another spec may have suppressed IAM-5 meanwhile, which resolves the alert.
    await page.goto(`/alerts?customer=${bluefin}&status=all&severity=HIGH&source=CONTROL`);
    await expect(
      queueTable(page)
        .getByRole("link", { name: /^IAM-5 failing in bluefin/ })
        .first(),
    ).toBeVisible();
  });

  test("saved filters and invalid params", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/alerts");
    const saved = page.getByRole("navigation", { name: "Saved filters" });
    await saved.getByRole("link", { name: "My open criticals" }).click();
    await expect(page).toHaveURL(/severity=CRITICAL/);
    await expect(page).toHaveURL(/assignee=me/);
    await expect(saved.getByRole("link", { name: "My open criticals" })).toHaveAttribute("aria-current", "page");
    await saved.getByRole("link", { name: "Breached" }).click();
    await expect(page).toHaveURL(/sla=breached/);
    await expect(saved.getByRole("link", { name: "Breached" })).toHaveAttribute("aria-current", "page");

    await page.goto("/alerts?severity=URGENT&sla=late");
    const problem = page.getByRole("alert").filter({ hasText: "not understood" });
    await expect(problem).toContainText("“severity” is not valid");
    await expect(problem).toContainText("“sla” is not valid");
    // The route handler refuses the same params with a 400 naming them.
    const response = await page.request.get("/api/alerts/counts?sla=late");
    expect(response.status()).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("query.sla");
  });

  test("a customer viewer sees its own alerts, read-only", async ({ loginAs, db }) => {
    const page = await loginAs("viewer");
    const bluefin = await customerId(db, "bluefin-logistics");
    await page.goto(`/alerts?customer=${bluefin}`);
    await expect(page.getByText("Bluefin Logistics")).toHaveCount(0);
    await page.goto("/alerts?source=CONTROL");
    await expect(page.getByText(/This view is read-only/)).toBeVisible();
    const table = queueTable(page);
    await expect(table.getByRole("link", { name: /NET-1 failing in meridian-dev/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Acknowledge selected" })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: /^Select / })).toHaveCount(0);
    await table.getByRole("link", { name: /NET-1 failing in meridian-dev/ }).click();
    await expect(page.getByText("Your consultants triage this alert")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add comment" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  });

  test("keyboard: j and k move, Enter opens, x selects", async ({ loginAs, db }) => {
    const { customer } = await tenantWithAlerts(db, [
      "Keyboard alert one",
      "Keyboard alert two",
      "Keyboard alert three",
    ]);
    const page = await loginAs("admin");
    await page.goto(`/alerts?customer=${customer.id}&sort=age`);
    await expect(page.getByText(/j or ↓ next alert · k or ↑ previous · Enter opens it · x selects it/)).toBeVisible();
    const active = page.locator("tbody tr[data-active='true']");
    // The help is server-rendered: a key pressed before the queue hydrates is lost (seen once in a CI run).
    // Press j until a row is active; the first press that lands activates the first row.
    await expect(async () => {
      if ((await active.count()) === 0) await page.keyboard.press("j");
      await expect(active).toContainText("Keyboard alert three", { timeout: 2_000 }); // oldest first
    }).toPass({ timeout: 30_000 });
    await page.keyboard.press("j");
    await expect(active).toContainText("Keyboard alert two");
    await page.keyboard.press("x");
    await expect(page.getByRole("checkbox", { name: "Select Keyboard alert two" })).toBeChecked();
    await expect(page.getByText("1 selected")).toBeVisible();
    await page.keyboard.press("k");
    await expect(active).toContainText("Keyboard alert three");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(active).toContainText("Keyboard alert one");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/alerts\/[a-z0-9]+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Keyboard alert one" })).toBeVisible();
  });

  test("triage one alert: acknowledge, assign, comment, resolve — each in the history with who and when", async ({
    loginAs,
    db,
  }) => {
    const { alerts } = await tenantWithAlerts(db, ["Triage alert"]);
    const page = await loginAs("admin");
    await page.goto(`/alerts/${alerts[0]!.id}`);
    await expect(
      page.getByText("From New the workflow allows: Acknowledge (→ Acknowledged), Suppress (→ Suppressed)."),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Resolve" })).toHaveCount(0);

    await page.getByRole("button", { name: "Acknowledge", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Moved to Acknowledged." })).toBeVisible();
    await expect(page.getByText(/New → Acknowledged/)).toBeVisible();

    const assign = page.getByRole("form", { name: "Assign the alert" });
    await assign.getByLabel("Assigned consultant").selectOption({ label: "Ada Admin (admin@rampart.example)" });
    await assign.getByRole("button", { name: "Save assignment" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Assignment saved." })).toBeVisible();

    const comment = page.getByRole("form", { name: "Comment on the alert" });
    await comment.getByLabel("Comment").fill("Security group sg-0e2e tightened to the office range.");
    await comment.getByRole("button", { name: "Add comment" }).click();
    await expect(page.getByText("Security group sg-0e2e tightened to the office range.").last()).toBeVisible();

    await page.getByLabel("Note for the history (optional)").fill("Verified from the console.");
    await page.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Moved to Resolved." })).toBeVisible();
    const history = page.getByRole("list").filter({ hasText: "Acknowledged → Resolved" });
    await expect(history).toContainText("by Ada Admin");
    await expect(history).toContainText("Verified from the console.");
    await expect(history).toContainText("Assigned to Ada Admin.");
    await expect(page.getByText(/Time to resolve/).locator("..")).not.toContainText("not resolved yet");
  });

  test("bulk acknowledge and suppress from the queue; the counts follow", async ({ loginAs, db }) => {
    const { customer } = await tenantWithAlerts(db, ["Bulk alert one", "Bulk alert two", "Bulk alert three"]);
    const page = await loginAs("admin");
    await page.goto(`/alerts?customer=${customer.id}`);
    const table = queueTable(page);
    await table.getByRole("checkbox", { name: "Select Bulk alert one" }).check();
    await table.getByRole("checkbox", { name: "Select Bulk alert two" }).check();
    await page.getByRole("button", { name: "Acknowledge selected" }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 of 2 selected alerts acknowledged." })).toBeVisible();
    await expect(table.getByRole("row", { name: /Bulk alert one/ })).toContainText("Acknowledged");
    await expect(table.getByRole("row", { name: /Bulk alert three/ })).toContainText("New");

    await table.getByRole("checkbox", { name: "Select Bulk alert three" }).check();
    await page.getByRole("button", { name: "Suppress selected…" }).click();
    const suppress = page.getByRole("form", { name: "Suppress the selected alerts" });
    await suppress.getByLabel("Reason").fill("Test environment, torn down at the end of the sprint.");
    await suppress
      .getByLabel("Suppressed until")
      .fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await suppress.getByRole("button", { name: /Suppress 1 alert/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 of 1 selected alert suppressed." })).toBeVisible();
    // Suppressed alerts leave the open view.
    await expect(table.getByRole("row", { name: /Bulk alert three/ })).toHaveCount(0);
    await page.goto(`/alerts?customer=${customer.id}&status=SUPPRESSED`);
    await expect(queueTable(page).getByRole("row", { name: /Bulk alert three/ })).toContainText("SLA paused");
  });

  test("the counts update without a reload when a new alert arrives", async ({ loginAs, db }) => {
    test.setTimeout(120_000);
    const { customer, account } = await tenantWithAlerts(db, ["Counted alert one"]);
    const page = await loginAs("admin");
    await page.goto(`/alerts?customer=${customer.id}`);
    await expect(page.getByText("1 alert match")).toBeVisible();
    await createAlert(db, customer.id, account.id, "Counted alert two");
    // The page polls /api/alerts/counts every 30 s; no navigation happens meanwhile.
    await expect(page.getByRole("button", { name: "Refresh the list" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/2 alerts match this view now \(the list shows 1\)/)).toBeVisible();
    await page.getByRole("button", { name: "Refresh the list" }).click();
    await expect(queueTable(page).getByRole("link", { name: "Counted alert two" })).toBeVisible();
  });
});
