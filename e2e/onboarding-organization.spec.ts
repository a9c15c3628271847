import { expect, test } from "./fixtures/test";

// Bluefin's management account is connected in the demo, so Rampart has read its organization; the member
// bluefin-analytics is not monitored. An admin sees it flagged (in Settings and in the alert queue), adds
// it in one step, syncs it and sees its scorecard. Runs once: it changes the shared demo database.
test.describe("onboarding an organization's member account", () => {
  test("an admin adds Bluefin's unmonitored member account and sees its first scorecard", async ({ loginAs, db }) => {
    test.setTimeout(180_000);
    const page = await loginAs("admin");

    // The queue filtered to organization alerts (the default view, sorted by severity, may page it away).
    await page.goto("/alerts?source=organization");
    await expect(page.getByText(/Account in the organization not monitored: bluefin-analytics/).first()).toBeVisible();

    await page.goto("/settings");
    const organization = page.getByRole("table", { name: "Accounts in organization o-bluefin7c1e2a" });
    await expect(organization).toBeVisible();
    const analytics = organization.getByRole("row", { name: /bluefin-analytics/ });
    await expect(analytics).toContainText("314159265361");
    await expect(analytics).toContainText("Root / Workloads / Production");
    await expect(analytics).toContainText("not monitored");
    await expect(organization.getByRole("row", { name: /bluefin-prod/ })).toContainText("monitored");

    await analytics.getByRole("checkbox", { name: /Select bluefin-analytics/ }).check();
    const form = page.getByRole("form", { name: /Add member accounts of o-bluefin7c1e2a/ });
    await expect(form.getByRole("checkbox", { name: "eu-west-1" })).toBeChecked();
    await form.getByRole("button", { name: "Add selected member accounts" }).click();
    await expect(form.getByText(/Added bluefin-analytics \(314159265361\)/)).toBeVisible();

    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
    await page.getByRole("button", { name: "Sync now" }).click();
    // Right after the click the button can still read "Sync now" (the request has not been queued yet), and a
    // busy worker may take a while to pick the run up: wait for this account's own run in the database.
    await expect
      .poll(
        async () =>
          (
            await db.syncRun.findFirst({
              where: { awsAccount: { accountNumber: "314159265361" } },
              orderBy: { queuedAt: "desc" },
              select: { status: true },
            })
          )?.status,
        { timeout: 150_000, intervals: [1_000] },
      )
      .toBe("SUCCEEDED");
    await page.reload();
    // Its first collection succeeded: it has a score on Bluefin's scorecard, and its evidence is there.
    const row = page.getByRole("row", { name: /bluefin-analytics/ }).first();
    await expect(row).toBeVisible();
    await expect(row).not.toContainText("Awaiting first collection");
    await page.getByRole("link", { name: "bluefin-analytics" }).first().click();
    await expect(page.getByRole("heading", { name: /bluefin-analytics/ }).first()).toBeVisible();
    await expect(page.getByRole("table", { name: "Evidence for bluefin-analytics" })).toContainText("iam");
  });
});
