import type { Page } from "@playwright/test";
import { totpCode } from "../lib/auth/totp";
import { createCustomer, createUser } from "../prisma/factories";
import { enterCurrentCode } from "./fixtures/mfa";
import { expect, test } from "./fixtures/test";

// Two-step sign-in (issue 16 item 5, ADR 015) as a user sees it: set it up from the QR page, sign out,
// sign in with a code the test computes as the authenticator app would, use a recovery code once, and
// an administrator resets it. At desktop width and at 390 px.

const PASSWORD = "two step passphrase for e2e";
const CODE_ERROR = /That code did not work/;

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "390 px", viewport: { width: 390, height: 844 } },
];

async function signInWithPassword(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function openUserMenu(page: Page, name: string) {
  // A click before the menu hydrates is lost on a busy machine: open it until Sign out shows.
  const signOutButton = page.getByRole("button", { name: "Sign out" });
  await expect(async () => {
    if (!(await signOutButton.isVisible())) await page.getByRole("button", { name: new RegExp(name) }).click();
    await expect(signOutButton).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

async function signedIn(page: Page) {
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 30_000 });
}

async function signOut(page: Page, name: string) {
  await openUserMenu(page, name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const { name: width, viewport } of VIEWPORTS) {
  test(`a customer user sets up two-step sign-in, signs in with a code and a recovery code once, and an admin resets it (${width})`, async ({
    browser,
    db,
    loginAs,
  }) => {
    test.setTimeout(240_000);
    const customer = await createCustomer(db);
    const stamp = `${Date.now().toString(36)}-${viewport.width}`;
    // "aaa-" sorts first in Administration → Users, so the row is on its first page.
    const user = await createUser(db, {
      role: "CUSTOMER_VIEWER",
      customerId: customer.id,
      email: `aaa-mfa-${stamp}@rampart-test.example`,
      name: `Tess Twostep ${stamp}`,
      password: PASSWORD,
    });
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();

    // No second factor yet: the password alone signs in.
    await signInWithPassword(page, user.email);
    await signedIn(page);
    await openUserMenu(page, user.name);
    await page.getByRole("link", { name: "Two-step sign-in" }).click();
    await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();

    // Set-up: QR code and the key for manual entry; a wrong code is refused at its field.
    await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
    const qr = page.getByRole("img", { name: /QR code to add Rampart/ });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    const secret = ((await page.getByTestId("mfa-secret").textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const codeField = page.getByLabel("2. Code from your app");
    await codeField.fill(totpCode(secret, Date.now() + 10 * 60_000));
    await page.getByRole("button", { name: "Verify and turn on" }).click();
    await expect(page.getByText(/That code did not match/)).toBeVisible();
    await expect(codeField).toHaveAttribute("aria-invalid", "true");
    expect((await db.mfaCredential.findUniqueOrThrow({ where: { userId: user.id } })).enabledAt).toBeNull();

    await codeField.fill(totpCode(secret));
    await page.getByRole("button", { name: "Verify and turn on" }).click();
    const list = page.getByRole("list", { name: "Recovery codes" });
    await expect(list).toBeVisible();
    const recoveryCodes = await list.getByRole("listitem").allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
    await page.getByLabel("I have saved my recovery codes").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).not.toHaveURL(/\/mfa/);
    await signOut(page, user.name);

    // The password alone now asks for a code and grants no session; a computed code signs in.
    await signInWithPassword(page, user.email);
    await expect(page.getByLabel("Authentication code")).toBeVisible();
    expect((await context.cookies()).some((cookie) => cookie.name.endsWith("session-token"))).toBe(false);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await enterCurrentCode(page, db, user.email, secret);
    await signedIn(page);
    await signOut(page, user.name);

    // A recovery code works once.
    const recovery = recoveryCodes[0]!;
    await signInWithPassword(page, user.email);
    await page.getByLabel("Authentication code").fill(recovery);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await signedIn(page);
    await signOut(page, user.name);
    await signInWithPassword(page, user.email);
    await page.getByLabel("Authentication code").fill(recovery);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(CODE_ERROR);
    await expect(page).toHaveURL(/\/sign-in/);

    // An administrator resets it: audited, and the password alone signs in again.
    const admin = await loginAs("admin");
    await admin.setViewportSize(viewport);
    await admin.goto("/admin/users");
    const row = admin.getByRole("row", { name: new RegExp(user.email) });
    await expect(row.getByText("Two-step on")).toBeVisible();
    admin.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: `Reset two-step sign-in of ${user.name}` }).click();
    await expect(row.getByText("Two-step on")).toHaveCount(0);
    expect(await db.auditLog.count({ where: { action: "user.mfa_reset", targetId: user.id } })).toBe(1);
    expect(await db.mfaCredential.count({ where: { userId: user.id } })).toBe(0);

    await page.getByRole("button", { name: "Start again" }).click();
    await signInWithPassword(page, user.email);
    await signedIn(page);
    await context.close();
  });
}
