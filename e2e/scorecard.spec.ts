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
