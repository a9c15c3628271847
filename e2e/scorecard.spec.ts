import { expect, test } from "./fixtures/test";

// Scorecards of the demo portfolio, evaluated from the estates synced in the global setup.
test.describe("customer scorecard", () => {
  test("a consultant sees Bluefin's score and grade, its failing controls, and drills down to the offending user", async ({
    loginAs,
  }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Bluefin Logistics" })).toBeVisible();
    await expect(page.getByTestId("score")).toHaveText(/^\d{1,3}\.\d$/);
    const failing = page.locator("section", { has: page.getByRole("heading", { name: /^Failing controls/ }) });
    await expect(failing).toContainText("IAM-5");
    await expect(failing).toContainText("carla.finance");

    await page
      .getByRole("link", { name: /^IAM-5 / })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /IAM-5/ })).toBeVisible();
    await expect(page.getByText("carla.finance").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "How to fix it" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Why the SOP asks for it" })).toBeVisible();
  });

  test("Quasar's unreadable Backup evidence is UNKNOWN with the AWS error, never a pass", async ({ loginAs }) => {
    const page = await loginAs("admin");
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Quasar Games" }).first().click();
    const backupArea = page.locator("section", {
      has: page.getByRole("heading", { name: /Patching, backup and recovery/ }),
    });
    const bak1 = backupArea.getByRole("row", { name: /BAK-1/ });
    await expect(bak1).toContainText("Unknown");
    await expect(bak1).toContainText(/AccessDenied/);
  });

  test("a customer viewer sees its own scorecard read-only, with an expired attestation listed as such", async ({
    loginAs,
  }) => {
    const page = await loginAs("viewer");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Meridian Health Partners" })).toBeVisible();
    await expect(page.getByTestId("score")).toBeVisible();
    await page
      .getByRole("link", { name: /^BAK-4 / })
      .first()
      .click();
    await expect(page.getByText(/Attestation expired/).first()).toBeVisible();
    await expect(page.getByRole("button", { name: /Attest|Suppress/ })).toHaveCount(0);
  });

  test("the printed scorecard leaves navigation and actions out", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Meridian Health Partners" }).first().click();
    await expect(page.getByRole("button", { name: "Print report" })).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("banner")).toBeHidden();
    await expect(page.getByRole("button", { name: "Print report" })).toBeHidden();
    await expect(page.getByRole("heading", { level: 1, name: "Meridian Health Partners" })).toBeVisible();
    await expect(page.getByText(/printed from Rampart/)).toBeVisible();
  });
});

// Issue 19 §6: every finding of a customer, searched, filtered and paged on the server, at desktop and 390 px.
const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

test.describe("the findings table", () => {
  for (const size of SIZES) {
    test(`a consultant searches and filters Bluefin's findings (${size.name})`, async ({ loginAs }) => {
      const page = await loginAs("consultant");
      await page.setViewportSize(size.viewport);
      await page.goto("/portfolio");
      await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
      await page.getByRole("link", { name: "Findings", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
      const table = page.getByRole("table", { name: /^Findings of Bluefin Logistics/ });
      // Most severe first: the HIGH openssh finding comes before the MEDIUM nghttp2 one.
      await expect(table.getByRole("row").nth(1)).toContainText("High");
      await expect(table).toContainText("CVE-2024-6387 - openssh");
      await expect(table).not.toContainText("setuptools");
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBeLessThanOrEqual(0);

      const form = page.getByRole("form", { name: "Search and filter the findings" });
      await form.getByLabel("Search").fill("expat");
      await form.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/findings\?q=expat/);
      await expect(table.getByRole("row")).toHaveCount(2);
      await expect(table).toContainText("CVE-2024-45490 - expat");

      await form.getByRole("link", { name: "Clear" }).click();
      await expect(page).toHaveURL(/\/findings$/);
      await expect(form.getByLabel("Search")).toHaveValue("");
      await form.getByLabel("Status").selectOption({ label: "Suppressed" });
      await form.getByRole("button", { name: "Search" }).click();
      await expect(table).toContainText("CVE-2022-40897 - setuptools");
      await expect(table).not.toContainText("openssh");
    });
  }

  test("a page of 25, the next page, and a bad page number answered at the form", async ({ loginAs, db }) => {
    const customer = await db.customer.findUniqueOrThrow({ where: { slug: "pinecone-retail" } });
    const account = await db.awsAccount.findFirstOrThrow({ where: { customerId: customer.id } });
    const stamp = Date.now();
    await db.finding.createMany({
      data: Array.from({ length: 30 }, (_, index) => ({
        customerId: customer.id,
        awsAccountId: account.id,
        source: "CONFIG" as const,
        externalKey: `e2e-paging-${stamp}-${index}`,
        title: `e2e paging finding ${stamp} ${String(index).padStart(2, "0")}`,
        severity: "LOW" as const,
        region: "us-east-1",
        resourceId: `sg-e2e${index}`,
        contentHash: `e2e-${stamp}-${index}`,
        firstSeenAt: new Date(Date.now() - (index + 1) * 86_400_000),
        lastSeenAt: new Date(),
      })),
    });
    const page = await loginAs("admin");
    await page.goto(`/customers/${customer.id}/findings?q=${stamp}`);
    const table = page.getByRole("table", { name: /^Findings of Pinecone Retail, page 1 of 2, 30 in all/ });
    await expect(table.getByRole("row")).toHaveCount(26);
    // Oldest first within a severity.
    await expect(table.getByRole("row").nth(1)).toContainText(`e2e paging finding ${stamp} 29`);
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page.getByRole("table", { name: /page 2 of 2/ }).getByRole("row")).toHaveCount(6);
    await page.goto(`/customers/${customer.id}/findings?q=${stamp}&page=zero&severity=SEVERE`);
    await expect(page.getByText("A page is a whole number from 1. The first page is shown.")).toBeVisible();
    await expect(page.getByLabel("Severity")).toHaveAccessibleDescription("Choose a severity from the list.");
  });
});
