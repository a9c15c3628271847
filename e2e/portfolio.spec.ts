import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";

// The portfolio as the demo consultant sees it (assigned Bluefin Logistics and Meridian Health Partners,
// both synced and evaluated in the global setup): scores and grades, sorting from the column headers,
// search and filters in the URL.

function customersTable(page: Page): Locator {
  return page.getByRole("table", { name: /^Customers/ });
}

function bodyRows(table: Locator): Locator {
  return table.getByRole("row").filter({ has: table.page().getByRole("cell") });
}

/** The position of a column by its header text (sort arrows are decoration). */
async function columnIndex(table: Locator, name: string): Promise<number> {
  const headers = await table.getByRole("columnheader").allTextContents();
  const index = headers.findIndex((text) => text.replace(/[▲▼↕]/g, "").trim() === name);
  expect(index, `column ${name} in ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return index;
}

async function columnValues(table: Locator, name: string): Promise<string[]> {
  const index = await columnIndex(table, name);
  const rows = await bodyRows(table).all();
  return Promise.all(rows.map(async (row) => ((await row.getByRole("cell").nth(index).textContent()) ?? "").trim()));
}

const scoreValue = (text: string) => (text === "no score" ? null : Number(text));

/** Scores in display order are sorted in `dir`, with "no score" last either way. */
function expectSorted(scores: (number | null)[], dir: "asc" | "desc") {
  const present = scores.filter((score): score is number => score !== null);
  expect(scores.slice(0, present.length)).toEqual(present);
  expect(present).toEqual([...present].sort((a, b) => (dir === "asc" ? a - b : b - a)));
}

test.describe("portfolio", () => {
  test("a consultant sees each customer's score and grade, and the portfolio score above them", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Portfolio score" })).toBeVisible();
    await expect(page.getByTestId("portfolio-score")).toHaveText(/^(\d{1,3}\.\d|no score)$/);

    const table = customersTable(page);
    for (const header of ["Customer", "Score", "Grade", "30-day change", "Failing critical / high", "Unknown"]) {
      await expect(table.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
    }
    const bluefin = table.getByRole("row", { name: /Bluefin Logistics/ });
    await expect(bluefin.getByRole("cell").nth(await columnIndex(table, "Score"))).toHaveText(/^\d{1,3}\.\d$/);
    await expect(bluefin.getByRole("cell").nth(await columnIndex(table, "Grade"))).toHaveText(/^[ABCDF]$/);
    await expect(bluefin).toContainText("Succeeded");
    await expect(table.getByText("Pinecone Retail")).toHaveCount(0);
    await expect(table.getByText("Quasar Games")).toHaveCount(0);
  });

  test("sorting by score from the column header, then the other way", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    const table = customersTable(page);
    const header = table.getByRole("columnheader", { name: "Score", exact: true });
    await expect(header).not.toHaveAttribute("aria-sort", /.+/);

    await header.getByRole("link", { name: "Score", exact: true }).click();
    await expect(page).toHaveURL(/[?&]sort=score(&|$)/);
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    const ascending = (await columnValues(table, "Score")).map(scoreValue);
    expectSorted(ascending, "asc");
    const namesAscending = await columnValues(table, "Customer");

    await header.getByRole("link", { name: "Score", exact: true }).click();
    await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);
    await expect(header).toHaveAttribute("aria-sort", "descending");
    const descending = (await columnValues(table, "Score")).map(scoreValue);
    expectSorted(descending, "desc");
    if (new Set(ascending).size === ascending.length && !ascending.includes(null)) {
      expect(await columnValues(table, "Customer")).toEqual([...namesAscending].reverse());
    }
  });

  test("search narrows the rows, and a search that matches nothing says how to get back", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    const table = customersTable(page);
    await expect(bodyRows(table)).toHaveCount(2);
    const portfolioScore = (await page.getByTestId("portfolio-score").textContent()) ?? "";

    await page.getByLabel("Search by name").fill("bluefin");
    await page.getByLabel("Search by name").press("Enter");
    await expect(page).toHaveURL(/[?&]q=bluefin(&|$)/);
    await expect(bodyRows(table)).toHaveCount(1);
    await expect(table.getByRole("link", { name: "Bluefin Logistics" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Meridian Health Partners" })).toHaveCount(0);
    // The summary stays the whole portfolio's, whatever the search.
    await expect(page.getByTestId("portfolio-score")).toHaveText(portfolioScore);

    await page.getByLabel("Search by name").fill("no such customer anywhere");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("heading", { name: "No customers match" })).toBeVisible();
    await page.getByRole("link", { name: "Clear the filters" }).click();
    await expect(bodyRows(customersTable(page))).toHaveCount(2);
  });

  test("the grade filter keeps the customers with that grade", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    const table = customersTable(page);
    const bluefin = table.getByRole("row", { name: /Bluefin Logistics/ });
    const grade = (
      (await bluefin
        .getByRole("cell")
        .nth(await columnIndex(table, "Grade"))
        .textContent()) ?? ""
    ).trim();
    expect(grade).toMatch(/^[ABCDF]$/);

    await page.getByLabel("Grade", { exact: true }).selectOption(grade);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]grade=${grade}(&|$)`));
    await expect(table.getByRole("link", { name: "Bluefin Logistics" })).toBeVisible();
    expect(new Set(await columnValues(table, "Grade"))).toEqual(new Set([grade]));
  });

  test("invalid search params fall back to the default view", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    const response = await page.goto("/portfolio?sort=%27%3B--&dir=sideways&grade=Z&attention=maybe&page=-3&q=");
    expect(response?.status()).toBe(200);
    const table = customersTable(page);
    await expect(bodyRows(table)).toHaveCount(2);
    expect(await columnValues(table, "Customer")).toEqual(["Bluefin Logistics", "Meridian Health Partners"]);
  });
});
