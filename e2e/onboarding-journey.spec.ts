import { readFile } from "node:fs/promises";
import { e2eContext } from "./fixtures/e2e-context";
import { expect, test } from "./fixtures/test";

// Onboarding end to end, as SOPs 003/004 describe it: an administrator adds a customer, downloads its
// audit-role template from Settings, the customer deploys it (here: into the AWS simulator, which builds
// the role, its trust on Rampart's principal with the ExternalId and its policies from the template), the
// account is connected after a connection test, its first sync runs, and the scorecard shows its score.
test.describe("onboarding journey", () => {
  test.setTimeout(180_000);

  test("add a customer, deploy its template, test the connection, first sync, scorecard", async ({ loginAs, db }) => {
    const name = `Orbit Analytics ${Date.now()}`;
    const accountNumber = `63${String(Date.now()).slice(-10)}`;
    const page = await loginAs("admin");

    // 1. The customer; Rampart generates its ExternalId.
    await page.goto("/settings");
    await page.getByLabel("Customer name").fill(name);
    await page.getByRole("button", { name: "Add customer" }).click();
    await expect(page.getByRole("status").filter({ hasText: "added" })).toBeVisible();
    const customer = await db.customer.findFirstOrThrow({ where: { name }, select: { id: true, externalId: true } });

    // 2. Its CloudFormation template, downloaded from Settings.
    await page.reload();
    const card = page.locator(`[aria-labelledby="customer-${customer.id}"]`);
    await card.getByText("Audit role setup for the customer (contains the ExternalId)").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("link", { name: "Download CloudFormation (one account)" }).click(),
    ]);
    const template = await readFile(await download.path(), "utf8");
    expect(template).toContain(customer.externalId);

    // 3. The customer deploys it in its account (the simulator plays AWS CloudFormation).
    const deployed = await fetch(`${e2eContext().simulatorUrl}/_sim/stacks/${accountNumber}?regions=us-east-1`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: template,
    });
    expect(deployed.status).toBe(201);
    const { roleArn } = (await deployed.json()) as { roleArn: string };
    expect(roleArn).toBe(`arn:aws:iam::${accountNumber}:role/RampartAudit`);

    // 4. The account is connected after its connection test: every check OK.
    const form = card.getByRole("form", { name: `Connect an AWS account to ${name}` });
    await form.getByLabel("AWS account ID").fill(accountNumber);
    await form.getByLabel("Name").fill("prod");
    await form.getByLabel("Audit role ARN").fill(roleArn);
    const regions = form.getByRole("group", { name: "Regions" });
    // The estate was deployed in us-east-1 only: check exactly that region.
    for (const box of await regions.getByRole("checkbox").all()) await box.setChecked(false);
    await regions.getByRole("checkbox", { name: "us-east-1" }).check();
    await form.getByRole("button", { name: "Connect account" }).click();
    await expect(form.getByText(`Account prod (${accountNumber}) connected.`)).toBeVisible({ timeout: 45_000 });
    await expect(form.getByRole("region", { name: "Connection checklist of the new account" })).toContainText(
      "Everything works",
    );

    // 5. Before its first collection the account has no score; the first sync gives it one.
    await page.goto(`/customers/${customer.id}`);
    await expect(page.getByText("Awaiting first collection").first()).toBeVisible();
    await page.getByRole("button", { name: "Sync now" }).click();
    // The worker may be busy with other accounts: wait for this account's run itself, not for the button.
    await expect
      .poll(
        async () =>
          (
            await db.syncRun.findFirst({
              where: { awsAccount: { accountNumber } },
              orderBy: { queuedAt: "desc" },
              select: { status: true },
            })
          )?.status,
        { timeout: 120_000, intervals: [1_000] },
      )
      .toBe("SUCCEEDED");
    await page.reload();
    await expect(page.getByText("Awaiting first collection")).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  });
});
