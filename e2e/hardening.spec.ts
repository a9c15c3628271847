import { createEnrolledUser } from "../prisma/factories";
import { signInCookie } from "../scripts/fuzz/identities";
import { expect, test } from "./fixtures/test";

// Issue 16 as the browser and an attacker with a copied cookie see it.

const PASSWORD = "hardening suite passphrase 16";

test("signing out ends the session on the server: a cookie copied before is refused after", async ({
  db,
  baseURL,
  playwright,
}) => {
  const user = await createEnrolledUser(db, { role: "CONSULTANT", allCustomers: true, password: PASSWORD });
  const cookie = await signInCookie(baseURL!, user.email, PASSWORD, user.mfaSecret);
  const copied = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  expect((await copied.get("/api/alerts/counts")).status()).toBe(200);

  // The user signs out the way the app's menu does: next-auth's sign-out POST with its CSRF token
  // (the cookie header from the sign-in carries the matching CSRF cookie).
  const owner = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  const { csrfToken } = (await (await owner.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signOut = await owner.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
  expect(signOut.status()).toBeLessThan(400);

  const replay = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  expect((await replay.get("/api/alerts/counts")).status()).toBe(401);
  const page = await replay.get("/portfolio", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/\/sign-in/);
  for (const context of [copied, owner, replay]) await context.dispose();
});

test("hostile input gets a 4xx, never a 5xx", async ({ playwright, baseURL, loginAs }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const cases: { method: string; path: string; status: number }[] = [
    { method: "GET", path: "/auth-error?error=constructor", status: 200 },
    { method: "GET", path: "/auth-error?error=__proto__", status: 200 },
    { method: "TRACE", path: "/", status: 405 },
    { method: "GET", path: "/sign-in?callbackUrl=%E0%A4%A", status: 400 },
    { method: "GET", path: "/api/auth/signin?callbackUrl=not%20a%20url", status: 400 },
  ];
  for (const probe of cases) {
    const response = await anonymous.fetch(probe.path, { method: probe.method, maxRedirects: 0 });
    expect(response.status(), `${probe.method} ${probe.path}`).toBe(probe.status);
  }
  const constructorPage = await anonymous.get("/auth-error?error=constructor");
  expect(await constructorPage.text()).toContain("Something went wrong while signing in");

  // A signed-in admin: a NUL in a path segment and far-away dates in the audit-log filter.
  const admin = await loginAs("admin");
  for (const path of ["/customers/abc%00def", "/admin/audit-log?from=0000-01-01&to=10000-12-31", "/alerts?q=a%00b"]) {
    const response = await admin.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
  }
  const adminAudit = await admin.request.get("/admin/audit-log?from=-000001-01-01");
  expect(adminAudit.status()).toBe(200);
  await anonymous.dispose();
});

test("scripts run only with the page's nonce: no 'unsafe-inline', no CSP violation, the app still works", async ({
  page,
  loginAs,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/sign-in");
  const csp = response!.headers()["content-security-policy"]!;
  const scriptSrc = csp.split(";").find((directive) => directive.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce).toBeTruthy();
  // Every script element Next rendered carries this response's nonce (the browser hides the attribute's
  // value from getAttribute after parsing, but keeps it in the nonce property).
  const nonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
  // A second request gets a different nonce.
  const again = await page.request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce!);

  // Hydrated and interactive: the menu of a signed-in page opens (client JavaScript ran under the CSP).
  const admin = await loginAs("admin");
  admin.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  await admin.goto("/admin/users");
  await admin.getByRole("button", { name: /Ada Admin/ }).click();
  await expect(admin.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(violations).toEqual([]);
});
