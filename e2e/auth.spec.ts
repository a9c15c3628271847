import type { BrowserContext, Page } from "@playwright/test";
import { invitationTokenFrom } from "../lib/mail/testing/smtp-inbox";
import { demoUser } from "../prisma/demo-users";
import { createCustomer, createEnrolledUser, createUser } from "../prisma/factories";
import { waitForCaughtMail } from "./fixtures/caught-mail";
import { enterCurrentCode, submitSignInForm } from "./fixtures/mfa";
import { expect, test } from "./fixtures/test";

// Sign-in, sign-out, lockout, tampered sessions, deactivation, invitations by real e-mail, and the
// security headers and cookie flags as the browser sees them.

const PASSWORD = "a long and uncommon passphrase";
const GENERIC_ERROR = /That e-mail and password did not work/;

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The form's own message (Next's route announcer is also role="alert"). */
function formError(page: Page) {
  return page.locator("form").getByRole("alert");
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
}

test.describe("sign-in and sign-out", () => {
  test("a consultant signs in, is sent back to the page they asked for, and signs out", async ({ page, db }) => {
    // The code step may wait up to 30 s for a time step the setup's sign-in did not use (ADR 015).
    test.setTimeout(120_000);
    const consultant = demoUser("consultant");
    await page.goto("/trends");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ftrends/);
    await signInThroughForm(page, consultant.email, consultant.password);
    await enterCurrentCode(page, db, consultant.email, consultant.mfaSecret!);
    await expect(page).toHaveURL(/\/trends$/);

    const cookie = await sessionCookie(page.context());
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    const signOutAudit = { action: "auth.sign_out", actorEmail: consultant.email };
    const signOutsBefore = await db.auditLog.count({ where: signOutAudit });
    // A click before the menu hydrates is lost on a busy machine: open it until Sign out shows.
    await expect(async () => {
      if (!(await page.getByRole("button", { name: "Sign out" }).isVisible()))
        await page.getByRole("button", { name: /Carlos Consultant/ }).click();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signed-out$/);
    await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
    expect(await sessionCookie(page.context())).toBeUndefined();
    await page.goto("/portfolio");
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await db.auditLog.count({ where: signOutAudit })).toBe(signOutsBefore + 1);
  });

  test("a wrong password and an unknown e-mail get the same message, and both are audited", async ({
    page,
    db,
    loginAs,
  }) => {
    const user = await createUser(db, { role: "CONSULTANT", password: PASSWORD });
    await page.goto("/sign-in");
    await signInThroughForm(page, user.email, "not the right passphrase");
    await expect(formError(page)).toHaveText(GENERIC_ERROR);
    const wrongMessage = await formError(page).textContent();
    await page.reload();
    await signInThroughForm(page, `nobody-${Date.now()}@rampart-test.example`, "not the right passphrase");
    await expect(formError(page)).toHaveText(wrongMessage!);

    const admin = await loginAs("admin");
    await admin.goto(`/admin/audit-log?action=auth.sign_in.failed&actor=${encodeURIComponent(user.email)}`);
    const row = admin.getByRole("row").filter({ hasText: user.email });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("wrong_password");
    await expect(row).toContainText("127.0.0.1");
  });

  test("repeated failures lock the account: then even the right password is refused", async ({ page, db }) => {
    const user = await createUser(db, { role: "CONSULTANT", password: PASSWORD });
    await page.goto("/sign-in");
    for (let attempt = 0; attempt < 5; attempt++) {
      await signInThroughForm(page, user.email, `wrong passphrase number ${attempt}`);
      await expect(formError(page)).toHaveText(GENERIC_ERROR);
    }
    await signInThroughForm(page, user.email, PASSWORD);
    await expect(formError(page)).toHaveText(GENERIC_ERROR);
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await db.auditLog.count({ where: { actorEmail: user.email, action: "auth.sign_in.locked" } })).toBe(1);
    // The owner is told by e-mail (lib/auth/lockout-mail.ts), delivered over SMTP to the mail catcher.
    const notice = await waitForCaughtMail(db, user.email);
    expect(notice.decoded).toContain("Sign-ins from that address are paused until");
  });

  test("a callbackUrl to another site is ignored", async ({ page, db }) => {
    const manager = demoUser("manager");
    await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal");
    await signInThroughForm(page, manager.email, manager.password);
    await enterCurrentCode(page, db, manager.email, manager.mfaSecret!);
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/portfolio$/);
  });

  test("a tampered session cookie signs the user out", async ({ loginAs }) => {
    const page = await loginAs("admin");
    const cookie = (await sessionCookie(page.context()))!;
    const tampered = `${cookie.value.slice(0, -6)}${cookie.value.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    await page.context().addCookies([{ ...cookie, value: tampered }]);
    const response = await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/sign-in/);
    expect(response?.status()).toBe(200);
    expect(await page.content()).not.toContain("Ada Admin");
    expect(await sessionCookie(page.context())).toBeUndefined();
    const api = await page.request.get("/api/auth/session");
    expect(await api.json()).toEqual({});
  });
});

test.describe("roles", () => {
  test("managers read the audit log but cannot manage users; consultants and customers see neither", async ({
    loginAs,
  }) => {
    const manager = await loginAs("manager");
    await manager.goto("/admin");
    await expect(manager).toHaveURL(/\/admin\/audit-log/);
    await expect(manager.getByRole("table", { name: /Audit log/ })).toBeVisible();
    await manager.getByLabel("Action", { exact: true }).selectOption("auth.sign_in.succeeded");
    await manager.getByRole("button", { name: "Filter" }).click();
    await expect(manager).toHaveURL(/action=auth.sign_in.succeeded/);
    const actions = await manager.getByRole("row").locator("td:nth-child(2)").allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(["Auth sign in succeeded"]));
    expect((await manager.goto("/admin/users"))?.status()).toBe(404);

    for (const role of ["consultant", "viewer", "reviewer"] as const) {
      const page = await loginAs(role);
      for (const path of ["/admin", "/admin/users", "/admin/audit-log"]) {
        expect((await page.goto(path))?.status(), `${role} ${path}`).toBe(404);
      }
    }
  });
});

test.describe("user management", () => {
  test.describe.configure({ mode: "serial" });

  test("an invitation e-mail arrives, is accepted once, and a reused or expired link gets a clear page", async ({
    loginAs,
    browser,
    db,
  }) => {
    const customer = await createCustomer(db, { name: `Invited Customer ${Date.now()}` });
    const email = `invitee-${Date.now()}@rampart-test.example`;
    const admin = await loginAs("admin");
    await admin.goto("/admin/users");
    await admin.getByLabel("E-mail").fill(email);
    await admin.locator("#invite-role").selectOption("CUSTOMER_REVIEWER");
    await admin.locator("#invite-customer").selectOption({ label: customer.name });
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await expect(admin.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
    await expect(admin.getByRole("table", { name: "Open invitations" })).toContainText(email);

    const mail = await waitForCaughtMail(db, email);
    const token = invitationTokenFrom(mail);
    expect(mail.decoded).toContain(`Customer reviewer for ${customer.name}`);

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(`/accept-invitation?token=${token}`);
    await expect(invitee.getByRole("heading", { name: "Set up your Rampart account" })).toBeVisible();
    await expect(invitee.getByText(customer.name)).toBeVisible();
    await invitee.getByLabel("Your name").fill("Ivy Invitee");
    await invitee.getByLabel("New password").fill("password1234");
    await invitee.getByLabel("Repeat the password").fill("password1234");
    await invitee.getByRole("button", { name: "Create account" }).click();
    await expect(formError(invitee)).toContainText("too common");
    await invitee.getByLabel("New password").fill(PASSWORD);
    await invitee.getByLabel("Repeat the password").fill(PASSWORD);
    await invitee.getByRole("button", { name: "Create account" }).click();
    await expect(invitee).toHaveURL(/\/sign-in\?invited=1/);
    await signInThroughForm(invitee, email, PASSWORD);
    await expect(invitee).toHaveURL(new RegExp(`/customers/${customer.id}`));
    await expect(invitee.getByRole("button", { name: /Ivy Invitee/ })).toContainText("Customer reviewer");

    const again = await (await browser.newContext()).newPage();
    await again.goto(`/accept-invitation?token=${token}`);
    await expect(again.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
    await expect(again.getByLabel("New password")).toHaveCount(0);

    const lateEmail = `late-${Date.now()}@rampart-test.example`;
    await admin.getByLabel("E-mail").fill(lateEmail);
    await admin.locator("#invite-role").selectOption("MANAGER");
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await expect(admin.getByRole("status")).toHaveText(`Invitation sent to ${lateEmail}.`);
    const lateToken = invitationTokenFrom(await waitForCaughtMail(db, lateEmail));
    await db.invitation.updateMany({ where: { email: lateEmail }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await again.goto(`/accept-invitation?token=${lateToken}`);
    await expect(again.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
    await again.goto("/accept-invitation?token=not-a-real-token");
    await expect(again.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  });

  test("deactivating a user ends their open session at once", async ({ loginAs, browser, db }) => {
    const user = await createEnrolledUser(db, {
      role: "CONSULTANT",
      allCustomers: true,
      password: PASSWORD,
      name: `Dana Departing ${Date.now()}`,
    });
    const victim = await (await browser.newContext()).newPage();
    await victim.goto("/sign-in");
    await submitSignInForm(victim, db, { email: user.email, password: PASSWORD, mfaSecret: user.mfaSecret });
    await expect(victim).toHaveURL(/\/portfolio/);

    const admin = await loginAs("admin");
    await admin.goto("/admin/users");
    admin.once("dialog", (dialog) => void dialog.accept());
    await admin.getByRole("button", { name: `Deactivate ${user.name}` }).click();
    // Wait for the action itself to finish: the row then offers Reactivate instead of Deactivate.
    await expect(admin.getByRole("button", { name: `Reactivate ${user.name}` })).toBeVisible();
    await expect(admin.getByRole("row").filter({ hasText: user.email })).toContainText("Deactivated");

    await victim.goto("/portfolio");
    await expect(victim).toHaveURL(/\/sign-in/);
    const entry = await db.auditLog.findFirst({ where: { action: "user.deactivated", targetId: user.id } });
    expect(entry?.actorEmail).toBe(demoUser("admin").email);
  });
});

test.describe("web security", () => {
  test("pages carry the security headers", async ({ page }) => {
    const response = await page.goto("/sign-in");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toContain("object-src 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(headers["strict-transport-security"]).toContain("max-age=");
    expect(headers["x-powered-by"]).toBeUndefined();
  });

  test("next-auth refuses a credentials POST without its CSRF token", async ({ request }) => {
    const consultant = demoUser("consultant");
    const response = await request.post("/api/auth/callback/credentials", {
      form: { email: consultant.email, password: consultant.password, json: "true" },
      maxRedirects: 0,
    });
    expect(response.headers()["set-cookie"] ?? "").not.toContain("session-token");
    const session = await (await request.get("/api/auth/session")).json();
    expect(session).toEqual({});
  });
});
