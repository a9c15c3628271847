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
    // The switcher is a combobox searched on the server: type, then choose with the keyboard.
    const switcher = page.getByRole("combobox", { name: "Customer" });
    await switcher.fill("meridian");
    const option = page.getByRole("option", { name: "Meridian Health Partners" });
    await expect(option).toBeVisible();
    await switcher.press("ArrowDown");
    await expect(option).toHaveAttribute("aria-selected", "true");
    await switcher.press("Enter");
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
