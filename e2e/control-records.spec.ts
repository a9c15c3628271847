import { expect, test } from "./fixtures/test";

// A consultant's records change results at once: the affected accounts are re-evaluated on submit.
test.describe("attestations and suppressions", () => {
  test("attesting CHG-2 turns Meridian's 'needs attestation' into a pass", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Meridian Health Partners" }).first().click();
    await page
      .getByRole("link", { name: /^CHG-2 / })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /CHG-2/ })).toBeVisible();
    await expect(page.getByText("Needs attestation").first()).toBeVisible();

    const form = page.getByRole("form", { name: /Attest CHG-2/ });
    // Bad input first: a note that says nothing is refused with a field error, nothing recorded.
    await form.getByLabel("Evidence checked").fill("ok");
    await form.getByRole("button", { name: "Record attestation" }).click();
    await expect(form.getByText(/at least|too short|characters/i).first()).toBeVisible();

    await form
      .getByLabel("Evidence checked")
      .fill("Release pipeline reviewed: every production deploy ran in the QA account first (ticket QA-1182).");
    await form.getByRole("button", { name: "Record attestation" }).click();
    await expect(form.getByRole("status")).toContainText("recorded");
    await page.reload();
    await expect(page.getByText(/Attested by/).first()).toBeVisible();
    await expect(page.getByText("Needs attestation", { exact: true })).toHaveCount(0);
  });

  test("a suppression without a reason is refused; with one, the score shows both values", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
    await page
      .getByRole("link", { name: /^KMS-1 / })
      .first()
      .click();
    const form = page.getByRole("form", { name: /Suppress KMS-1/ });
    await form.getByRole("button", { name: /Suppress/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /KMS-1/ })).toBeVisible();
    // The browser itself refuses the empty form (required fields): nothing was sent, nothing recorded.
    expect(await form.getByLabel("Reason").evaluate((field: HTMLTextAreaElement) => field.validity.valueMissing)).toBe(
      true,
    );
    await form
      .getByLabel("Reason")
      .fill("The legacy archive key is retired with the archive bucket in ICR-2291 next month.");
    await form.getByLabel("Expires on").fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await form.getByRole("button", { name: /Suppress/ }).click();
    await expect(form.getByRole("status")).toContainText(/suppress/i);
    await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
    await expect(page.getByText(/without \d+ suppressions?/)).toBeVisible();
  });
});
