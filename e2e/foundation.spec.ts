import { expect, test } from "./fixtures/test";

test.describe("foundation", () => {
  test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
    await page.goto("/portfolio");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("E-mail")).toBeVisible();
  });

  test("health reports the database and the version", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: { reachable: true } });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test("the shell has landmarks, a labelled navigation and a customer switcher", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("main")).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of ["Portfolio", "Alerts", "Reviews", "Trends", "Settings"]) {
      await expect(nav.getByRole("link", { name: label })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: "Portfolio" })).toHaveAttribute("aria-current", "page");
    const switcher = page.getByLabel("Customer");
    await switcher.selectOption({ label: "Meridian Health Partners" });
    await expect(page.getByRole("heading", { level: 1, name: "Meridian Health Partners" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Carlos Consultant/ })).toBeVisible();
  });

  test("a keyboard user can skip to the content", async ({ loginAs }) => {
    const page = await loginAs("manager");
    await page.goto("/portfolio");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
  });
});
