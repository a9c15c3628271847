import type { Page } from "@playwright/test";
import { DAY_MS } from "../lib/dates";
import type { PrismaClient } from "../lib/db/client";
import { createCustomer } from "../prisma/factories";
import { expect, test } from "./fixtures/test";

// Trends: the demo portfolio is synced once in the global setup (today's snapshots); a customer with
// 120 days of daily history is built here so the charts have a line to draw over every range.

/** A customer whose score climbs from 60 to about 84 over the last 120 days, one DAILY snapshot a day. */
async function customerWithHistory(db: PrismaClient) {
  const customer = await createCustomer(db, { name: `Trendline Freight ${Date.now()}` });
  const today = new Date(new Date().toISOString().slice(0, 10));
  await db.scoreSnapshot.createMany({
    data: Array.from({ length: 120 }, (_, index) => {
      const day = new Date(today.getTime() - (119 - index) * DAY_MS);
      return {
        scope: "CUSTOMER" as const,
        kind: "DAILY" as const,
        customerId: customer.id,
        day,
        takenAt: day,
        score: 60 + index / 5,
        passed: 40 + Math.floor(index / 10),
        failed: 12 - Math.floor(index / 10),
        unknown: 1,
        notApplicable: 3,
        needsAttestation: 0,
        suppressed: 0,
        failingCritical: index < 60 ? 2 : 1,
        failingHigh: 3,
      };
    }),
  });
  return customer;
}

function scoreChart(page: Page, days: number) {
  return page.getByRole("application", { name: `Score over the last ${days} days` });
}

test.describe("trends", () => {
  test("a manager sees the portfolio and a customer's score over time and narrows the range to 30 days", async ({
    loginAs,
    db,
  }) => {
    const customer = await customerWithHistory(db);
    const page = await loginAs("manager");
    await page.goto("/trends");
    await expect(page.getByRole("heading", { level: 2, name: "Score over the last 90 days" })).toBeVisible();
    await expect(scoreChart(page, 90)).toBeVisible();
    await expect(page.getByRole("img", { name: "Portfolio legend icon" })).toBeVisible();
    await expect(page.getByRole("link", { name: "90 days", exact: true })).toHaveAttribute("aria-current", "page");

    // The score-change table holds every customer a page at a time, searched on the server.
    const changes = page.getByRole("region", { name: /Score change per customer/ });
    await changes.getByRole("searchbox", { name: "Find a customer" }).fill(customer.name);
    await expect(changes.getByRole("link", { name: customer.name })).toBeVisible();
    await expect(changes.getByRole("row")).toHaveCount(2);

    // The customer filter is a combobox searched on the server, not a list of every customer.
    const filter = page.getByRole("form", { name: "Choose the customer the trends show" });
    await filter.getByRole("combobox", { name: "Trends for" }).fill(customer.name);
    await filter.getByRole("option", { name: customer.name }).click();
    await filter.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(new RegExp(`/trends\\?range=90&customer=${customer.id}$`));
    await expect(page.getByRole("img", { name: `${customer.name} legend icon` })).toBeVisible();
    await expect(page.getByRole("img", { name: "Portfolio legend icon" })).toBeVisible();
    await expect(page.getByText(`for ${customer.name}.`)).toBeVisible();

    await page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "30 days", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/trends\\?range=30&customer=${customer.id}$`));
    await expect(page.getByRole("heading", { level: 2, name: "Score over the last 30 days" })).toBeVisible();
    await expect(page.getByRole("link", { name: "30 days", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(scoreChart(page, 30)).toBeVisible();
    await expect(page.getByRole("img", { name: `${customer.name} legend icon` })).toBeVisible();

    // The chart's text alternative: the same numbers as a table, one row per day of the range.
    const scoreCard = page.getByRole("region", { name: "Score over the last 30 days" });
    await scoreCard.getByText("Show the data as a table").click();
    const table = scoreCard.getByRole("table", { name: "Score over the last 30 days: daily scores" });
    await expect(table.getByRole("columnheader", { name: customer.name })).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(31);
    await expect(page.getByRole("heading", { level: 2, name: /Failing controls over the last 30 days/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /Findings opened and resolved per week/ })).toBeVisible();
  });

  test("a consultant sees the mean of their own customers, never another's", async ({ loginAs, db }) => {
    const pinecone = await db.customer.findUniqueOrThrow({ where: { slug: "pinecone-retail" } });
    const page = await loginAs("consultant");
    await page.goto("/trends");
    await expect(page.getByRole("heading", { level: 2, name: "Score over the last 90 days" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Your customers (mean) legend icon" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Portfolio legend icon" })).toHaveCount(0);
    const filter = page.getByRole("form", { name: "Choose the customer the trends show" });
    const chooser = filter.getByRole("combobox", { name: "Trends for" });
    await chooser.click();
    const choices = filter.getByRole("option");
    await expect(choices.first()).toHaveText("All your customers");
    await expect(choices.filter({ hasText: "Bluefin Logistics" })).toHaveCount(1);
    await expect(choices.filter({ hasText: "Pinecone Retail" })).toHaveCount(0);
    await chooser.fill("Pinecone");
    await expect(filter.getByText("No customer matches.")).toBeVisible();

    const foreign = await page.goto(`/trends?customer=${pinecone.id}`);
    expect(foreign?.status()).toBe(404);
    await expect(page.getByText("Pinecone Retail")).toHaveCount(0);
  });

  test("a range Rampart does not offer is refused in words and the default shown", async ({ loginAs }) => {
    const page = await loginAs("manager");
    await page.goto("/trends?range=7");
    await expect(page.getByText("That range is not one Rampart offers")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Score over the last 90 days" })).toBeVisible();
  });

  test("customer users have no trends page", async ({ loginAs }) => {
    const page = await loginAs("viewer");
    expect((await page.goto("/trends"))?.status()).toBe(404);
    await expect(page.getByRole("link", { name: "Trends" })).toHaveCount(0);
  });
});

// Issue 19 §10: the steps of the portfolio line explained, and the alert SLA trend, at desktop and 390 px.
for (const size of [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test(`a manager reads what moved the portfolio score and the alert SLA per week (${size.name})`, async ({
    loginAs,
  }) => {
    const page = await loginAs("manager");
    await page.setViewportSize(size.viewport);
    await page.goto("/trends");
    const steps = page.getByRole("region", { name: "What moved the portfolio line" });
    await expect(steps).toBeVisible();
    // The demo customers' first scores are the portfolio's first step.
    await expect(steps.getByRole("listitem").filter({ hasText: "joined the portfolio" }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /Alerts resolved within SLA/ })).toBeVisible();
    const sla = page.getByRole("region", { name: /Alerts resolved within SLA/ });
    await sla.getByText("Show the data as a table").click();
    await expect(sla.getByRole("columnheader", { name: "Median time to resolve" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /Findings opened and resolved per week/ })).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  });
}
