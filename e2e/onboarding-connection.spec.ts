import { expect, test } from "./fixtures/test";

// The connection test from Settings against the demo's simulator estates: an administrator tests
// Quasar's half-onboarded account and sees the missing Backup permission named; the checklist stays
// usable on a phone.

test.describe("connection test", () => {
  test("an admin tests Quasar's connection and sees the denied Backup action named", async ({ loginAs }) => {
    const page = await loginAs("admin");
    await page.goto("/settings");
    const button = page.getByRole("button", { name: "Test connection of quasar-prod" });
    await button.click();
    const checklist = page.getByRole("region", { name: "Connection checklist of quasar-prod" });
    await expect(checklist).toContainText("Role assumed, with problems", { timeout: 30_000 });
    const problems = checklist.getByRole("list", { name: "Problems" });
    await expect(problems.getByRole("listitem").filter({ hasText: "Denied" }).first()).toContainText(
      "backup:ListBackupPlans",
    );
    await expect(problems).toContainText("Action to add: backup:ListBackupPlans");
    // EC2 throttles in ap-southeast-1 in Quasar's estate: throttled, not denied, not passed.
    await expect(problems).toContainText("Throttled");
    await expect(page.getByRole("region", { name: "Connection checklist of quasar-prod" })).toBeVisible();

    // The last result stays, with its time, after a reload.
    await page.reload();
    const again = page.getByRole("region", { name: "Connection checklist of quasar-prod" });
    await expect(again).toContainText("backup:ListBackupPlans");
    await expect(page.getByText(/Last tested \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/).first()).toBeVisible();
  });

  test("a well-connected demo account passes, and its checklist fits a 390 px screen", async ({ loginAs }) => {
    const page = await loginAs("admin");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/settings");
    await page.getByRole("button", { name: "Test connection of bluefin-prod" }).click();
    const checklist = page.getByRole("region", { name: "Connection checklist of bluefin-prod" });
    await expect(checklist).toContainText("Everything works", { timeout: 30_000 });
    // The checklist and its controls fit the phone's width (no sideways scroll needed to read them).
    for (const box of [
      await checklist.boundingBox(),
      await page.getByRole("button", { name: "Test connection of bluefin-prod" }).boundingBox(),
    ]) {
      expect(box).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    }
  });
});
