import { expect, test } from "./fixtures/test";

// The demo estates are synced once through the real pipeline in the global setup.
test.describe("portfolio and sync", () => {
  test("a consultant sees only assigned customers, with collected data", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    const table = page.getByRole("table", { name: "Customers" });
    await expect(table.getByRole("link", { name: "Bluefin Logistics" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Meridian Health Partners" })).toBeVisible();
    await expect(table.getByText("Pinecone Retail")).toHaveCount(0);
    await expect(table.getByText("Quasar Games")).toHaveCount(0);
    await expect(table.getByRole("row", { name: /Bluefin Logistics/ })).toContainText("Succeeded");
  });

  test("an admin sees every customer and Quasar's coverage gaps stated honestly", async ({ loginAs }) => {
    const page = await loginAs("admin");
    await page.goto("/portfolio");
    const quasar = page.getByRole("row", { name: /Quasar Games/ });
    await expect(quasar).toContainText("Partial");
    await quasar.getByRole("link", { name: "Quasar Games" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Quasar Games" })).toBeVisible();
    await expect(page.getByText(/backup:\w+ in [a-z0-9-]+ could not be read \(AccessDenied/).first()).toBeVisible();
  });

  test("Sync now queues a run and shows live per-collector progress until it finishes", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Meridian Health Partners" }).click();
    const syncNow = page.getByRole("button", { name: "Sync now" });
    await syncNow.click();
    await expect(page.getByRole("button", { name: "Sync in progress…" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 60_000 });
    await expect(page.getByText(/\d+\/\d+ collectors done/).first()).toBeVisible();
    await page.getByRole("link", { name: "meridian-dev" }).first().click();
    await expect(page.getByRole("table", { name: /Evidence for meridian-dev/ })).toContainText("iam");
    await expect(page.getByRole("table", { name: /Sync history of meridian-dev/ })).toContainText("manual");
  });

  test("a customer viewer sees its scorecard but cannot sync", async ({ loginAs }) => {
    const page = await loginAs("viewer");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Meridian Health Partners" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
    await expect(page.getByLabel("Customer")).toHaveCount(0);
  });
});

test.describe("settings", () => {
  test("an admin's new account is tested first, and a malformed role ARN is refused with the expected format", async ({
    loginAs,
  }) => {
    const page = await loginAs("admin");
    await page.goto("/settings");
    await page.getByLabel("Customer name").fill(`Orbit Freight ${Date.now()}`);
    await page.getByRole("button", { name: "Add customer" }).click();
    await expect(page.getByRole("status")).toContainText("added");
    const form = page.getByRole("form", { name: /Connect an AWS account to Orbit Freight/ }).first();
    await form.getByLabel("AWS account ID").fill("12345");
    await form.getByLabel("Name").fill("prod");
    await form.getByLabel("Audit role ARN").fill("arn:aws:iam::123456789012:user/not-a-role");
    await form.getByRole("button", { name: "Connect account" }).click();
    await expect(form.getByText("An AWS account ID is exactly 12 digits")).toBeVisible();
    await expect(form.getByText(/A role ARN looks like arn:aws:iam::123456789012:role\/RampartAudit/)).toBeVisible();
    const accountNumber = String(Date.now()).slice(-12).padStart(12, "7");
    await form.getByLabel("AWS account ID").fill(accountNumber);
    await form.getByLabel("Audit role ARN").fill(`arn:aws:iam::${accountNumber}:role/RampartAudit`);
    await form.getByRole("button", { name: "Connect account" }).click();
    // No role exists for this account: the connection test refuses it, with the checklist, and saves nothing.
    await expect(form.getByText("Not connected: Rampart could not assume the role")).toBeVisible({ timeout: 30_000 });
    await expect(form.getByRole("region", { name: "Connection checklist of the new account" })).toContainText(
      "Role cannot be assumed",
    );
  });
});
