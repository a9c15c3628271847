import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import YAML from "yaml";
import { expect, test } from "./fixtures/test";

// Settings hands out each customer's audit-role templates, generated from the collectors' operations.
test.describe("audit-role templates in Settings", () => {
  test("a consultant downloads Bluefin's CloudFormation template and Terraform module, and sees the command", async ({
    loginAs,
    db,
  }) => {
    const bluefin = await db.customer.findFirstOrThrow({
      where: { name: "Bluefin Logistics" },
      select: { id: true, slug: true, externalId: true },
    });
    const page = await loginAs("consultant");
    await page.goto("/settings");
    const card = page
      .getByRole("region", { name: "Bluefin Logistics" })
      .or(page.locator(`[aria-labelledby="customer-${bluefin.id}"]`));
    await card.getByText("Audit role setup for the customer (contains the ExternalId)").click();
    const setup = card.getByRole("region", { name: "Audit role setup for Bluefin Logistics" });
    await expect(setup.getByText("aws cloudformation deploy")).toBeVisible();
    await expect(setup.getByText(`--template-file rampart-audit-role-${bluefin.slug}.yaml`)).toBeVisible();
    await expect(setup.getByText('"budgets:ViewBudget"')).toBeVisible();

    const [yamlDownload] = await Promise.all([
      page.waitForEvent("download"),
      setup.getByRole("link", { name: "Download CloudFormation (one account)" }).click(),
    ]);
    expect(yamlDownload.suggestedFilename()).toBe(`rampart-audit-role-${bluefin.slug}.yaml`);
    const template = YAML.parse(await readFile(await yamlDownload.path(), "utf8"));
    const role = template.Resources.AuditRole.Properties;
    expect(role.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe(
      bluefin.externalId,
    );
    expect(role.ManagedPolicyArns).toEqual(["arn:aws:iam::aws:policy/SecurityAudit"]);

    const [zipDownload] = await Promise.all([
      page.waitForEvent("download"),
      setup.getByRole("link", { name: "Download Terraform module (.zip)" }).click(),
    ]);
    const files = unzipSync(new Uint8Array(await readFile(await zipDownload.path())));
    const folder = `rampart-audit-role-${bluefin.slug}-terraform`;
    expect(strFromU8(files[`${folder}/outputs.tf`])).toContain('output "role_arn"');
  });
});
