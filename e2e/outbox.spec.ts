import type { Page } from "@playwright/test";
import { totpCode } from "../lib/auth/totp";
import { expect, test } from "./fixtures/test";

// Issue 19 §4: the demo keeps its mail. An administrator invites a user with the mail catcher on, reads
// the invitation in the outbox (text, and the HTML in a sandboxed frame) and the invitee accepts it
// through the link read there; nobody but an all-customer administrator finds the outbox.

const PASSWORD = "an outbox passphrase of some length";

/** How far this page's own content (main) overflows sideways; the shared header is issue 19 §9's. */
async function scrollsSideways(page: Page): Promise<number> {
  return page.locator("main").evaluate((main) => main.scrollWidth - main.clientWidth);
}

for (const size of [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test(`an invitation read in the outbox is accepted (${size.name})`, async ({ loginAs, browser }) => {
    const email = `outbox-${size.name}-${Date.now()}@rampart-test.example`;
    const admin = await loginAs("admin");
    await admin.setViewportSize(size.viewport);
    await admin.goto("/admin/users");
    await admin.getByLabel("E-mail").fill(email);
    await admin.locator("#invite-role").selectOption("MANAGER");
    await admin.getByRole("button", { name: "Send invitation" }).click();
    // Mail is on (the catcher): delivered, so no link is shown here.
    await expect(admin.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
    await expect(admin.getByLabel("Invitation link")).toHaveCount(0);

    await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Outbox" }).click();
    await expect(admin).toHaveURL(/\/admin\/outbox$/);
    const row = admin.getByRole("row").filter({ hasText: email });
    await expect(row).toHaveCount(1);
    expect(await scrollsSideways(admin)).toBeLessThanOrEqual(0);
    await row.getByRole("link", { name: "Your invitation to Rampart" }).click();

    await expect(admin.getByRole("heading", { level: 1, name: "Your invitation to Rampart" })).toBeVisible();
    const frame = admin.locator("iframe[title='HTML of Your invitation to Rampart']");
    await expect(frame).toHaveAttribute("sandbox", "");
    await expect(frame.contentFrame().getByRole("link", { name: "Accept the invitation" })).toBeVisible();
    const text = (await admin.locator("pre").textContent()) ?? "";
    expect(text).toContain("has invited you to Rampart as Manager");
    const link = /https?:\/\/\S+\/accept-invitation\?token=[A-Za-z0-9_-]{43}/.exec(text)?.[0];
    expect(link, "the invitation link in the mail's text").toBeTruthy();
    expect(await scrollsSideways(admin)).toBeLessThanOrEqual(0);

    const invitee = await (await browser.newContext({ viewport: size.viewport })).newPage();
    const { pathname, search } = new URL(link!);
    await invitee.goto(`${pathname}${search}`);
    await expect(invitee.getByRole("heading", { name: "Set up your Rampart account" })).toBeVisible();
    await invitee.getByLabel("Your name").fill(`Olive Outbox ${size.name}`);
    await invitee.getByLabel("New password").fill(PASSWORD);
    await invitee.getByLabel("Repeat the password").fill(PASSWORD);
    await invitee.getByRole("button", { name: "Create account" }).click();
    await expect(invitee).toHaveURL(/\/sign-in\?invited=1/);
    await invitee.getByLabel("E-mail").fill(email);
    await invitee.getByLabel("Password").fill(PASSWORD);
    await invitee.getByRole("button", { name: "Sign in" }).click();
    // A manager is staff: the installation requires two-step sign-in (the default, ADR 015), so the first
    // sign-in leads to its set-up and nowhere else until it is on.
    await expect(invitee).toHaveURL(/\/mfa/);
    await expect(invitee.getByText("Your role needs a second step at sign-in.")).toBeVisible();
    expect((await invitee.goto("/portfolio"))?.url()).toMatch(/\/mfa/);
    await invitee.getByRole("button", { name: "Set up two-step sign-in" }).click();
    const secret = ((await invitee.getByTestId("mfa-secret").textContent()) ?? "").replace(/\s+/g, "");
    await invitee.getByLabel("2. Code from your app").fill(totpCode(secret));
    await invitee.getByRole("button", { name: "Verify and turn on" }).click();
    await invitee.getByLabel("I have saved my recovery codes").check();
    await invitee.getByRole("button", { name: "Continue" }).click();
    await expect(invitee.getByRole("button", { name: new RegExp(`Olive Outbox ${size.name}`) })).toBeVisible();
    await invitee.context().close();
  });
}

test("the outbox is absent for everyone but administrators", async ({ loginAs }) => {
  for (const role of ["consultant", "manager", "viewer", "reviewer"] as const) {
    const page = await loginAs(role);
    expect((await page.goto("/admin/outbox"))?.status(), role).toBe(404);
    await page.context().close();
  }
});
