import { everyPageFor } from "./every-page";
import { expect, test } from "./fixtures/test";

// Issue 19: the product as its users meet it, at desktop and phone sizes.

// Every test here only reads the demo, so they spread over the workers rather than queue on one: this file
// comes last in Playwright's order, and run as one block it was the suite's tail (issue 18, ADR 008).
test.describe.configure({ mode: "parallel" });

const PHONE = { width: 390, height: 844 };

async function scrollsSideways(page: import("@playwright/test").Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe("a scorecard that leads", () => {
  for (const size of [
    { name: "desktop", viewport: { width: 1280, height: 900 } },
    { name: "phone", viewport: PHONE },
  ]) {
    test(`score, fix first and Sync now come first; filters narrow the controls (${size.name})`, async ({
      loginAs,
    }) => {
      const page = await loginAs("consultant");
      await page.setViewportSize(size.viewport);
      await page.goto("/portfolio");
      await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
      await expect(page.getByTestId("score")).toHaveText(/^\d{1,3}\.\d$/);
      const fixFirst = page.locator("section", { has: page.getByRole("heading", { name: "Fix first" }) });
      await expect(fixFirst.getByRole("listitem").first()).toContainText(/\+\d+\.\d points/);
      const syncNow = page.getByRole("link", { name: "Sync now" });
      await expect(syncNow).toBeVisible();
      expect((await syncNow.boundingBox())?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(400);

      // One definition per number: the Failing count is the length of the failing list.
      const failingCount = await page
        .locator("dl[aria-label='Controls by result'] > div", { has: page.locator("dt", { hasText: /^Failing$/ }) })
        .locator("dd")
        .textContent();
      await expect(page.getByRole("heading", { name: `Failing controls (${failingCount?.trim()})` })).toBeVisible();

      await page.getByLabel("Status").selectOption("FAIL");
      const areas = page.getByRole("table", { name: /controls$/ });
      for (const table of await areas.all()) {
        for (const row of await table.locator("tbody tr").all()) await expect(row).toContainText("Fail");
      }
      await page.getByLabel("Search results").fill("IAM-5");
      await expect(page.getByRole("table", { name: "Control results per account" })).toContainText("IAM-5");
    });
  }

  test("a customer viewer reads a plain-word summary first", async ({ loginAs }) => {
    const page = await loginAs("viewer");
    await page.goto("/");
    const summary = page.locator("section", { has: page.getByRole("heading", { name: "Summary" }) });
    await expect(summary).toContainText(/AWS security posture is (strong|good|fair|weak|poor)/);
    await expect(summary).toContainText(/Of \d+ checks/);
  });
});

test.describe("exports", () => {
  test("the scorecard's results, the portfolio and the alert queue download as CSV", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    const portfolio = await page.request.get("/api/portfolio/export.csv");
    expect(portfolio.status()).toBe(200);
    expect(portfolio.headers()["content-type"]).toContain("text/csv");
    expect(await portfolio.text()).toMatch(/^Customer,Accounts,Score/);
    await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
    const href = await page.getByRole("link", { name: "Export results (CSV)" }).getAttribute("href");
    const results = await page.request.get(href ?? "");
    expect(results.status()).toBe(200);
    const text = await results.text();
    expect(text).toMatch(/^Control,Title,SOP area/);
    expect(text).toContain("IAM-5");
    await page.goto("/alerts?severity=CRITICAL");
    const alertsHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(alertsHref).toContain("severity=CRITICAL");
    const alerts = await page.request.get(alertsHref ?? "");
    expect(alerts.status()).toBe(200);
    for (const line of (await alerts.text()).trim().split("\n").slice(1)) expect(line).toContain("CRITICAL");
  });
});

test.describe("every screen size", () => {
  // Every page as every role: e2e/every-screen.spec.ts. Here the pages the issue measured.
  test("at 390 px the main pages do not scroll sideways", async ({ loginAs }) => {
    test.setTimeout(180_000);
    const page = await loginAs("admin");
    await page.setViewportSize(PHONE);
    for (const path of ["/portfolio", "/trends", "/alerts", "/reviews", "/admin/users", "/settings"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await scrollsSideways(page), path).toBeLessThanOrEqual(0);
    }
  });
});

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: PHONE },
];

test.describe("the navigation shows only what each role can open", () => {
  for (const size of SIZES) {
    for (const role of ["admin", "consultant", "manager", "viewer", "reviewer"] as const) {
      test(`every link of the main navigation opens (${role}, ${size.name})`, async ({ loginAs }) => {
        const page = await loginAs(role);
        await page.setViewportSize(size.viewport);
        await page.goto("/");
        const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
        const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
        expect(hrefs.length).toBeGreaterThan(2);
        for (const href of hrefs) expect((await page.goto(href))?.status(), href).toBe(200);
        if (role === "manager") expect(hrefs).not.toContain("/settings");
      });
    }
  }
});

test.describe("copy buttons", () => {
  for (const size of SIZES) {
    test(`commands and policies copy with feedback, inside their own box (${size.name})`, async ({ browser }) => {
      const { storageStateFor } = await import("./fixtures/e2e-context");
      const context = await browser.newContext({
        storageState: storageStateFor("admin"),
        permissions: ["clipboard-read", "clipboard-write"],
        viewport: size.viewport,
      });
      const page = await context.newPage();
      await page.goto("/settings");
      await page
        .getByText(/audit role/i)
        .first()
        .waitFor();
      // The audit-role set-up (it carries the ExternalId) is shown to those who may read it: an administrator.
      await page.getByText("Audit role setup for the customer").first().click();
      const copy = page.getByRole("button", { name: "Copy trust policy" }).first();
      await copy.click();
      await expect(page.getByRole("status").filter({ hasText: "Copied to the clipboard." }).first()).toBeVisible();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(JSON.parse(copied).Statement[0].Action).toBe("sts:AssumeRole");
      expect(await scrollsSideways(page)).toBeLessThanOrEqual(0);
      await context.close();
    });
  }
});

test.describe("words, not data", () => {
  for (const size of SIZES) {
    test(`the manager's empty reviews page and the audit log speak plainly (${size.name})`, async ({ loginAs }) => {
      const page = await loginAs("manager");
      await page.setViewportSize(size.viewport);
      await page.goto("/reviews");
      const empty = page.getByText(/appears here for you to sign off/);
      const table = page.getByRole("table", { name: "Access reviews" });
      await expect(empty.or(table)).toBeVisible();
      await page.goto("/admin/audit-log");
      const details = page.getByRole("table", { name: /Audit log/ }).locator("tbody td:nth-child(7)");
      for (const text of await details.allTextContents()) expect(text).not.toMatch(/[{}]|"\w+":/);
      const actions = await page
        .getByRole("table", { name: /Audit log/ })
        .locator("tbody td:nth-child(2)")
        .allTextContents();
      for (const action of actions) expect(action).not.toMatch(/[._]/);
    });
  }
});

test.describe("printing the scorecard", () => {
  test("starts on page one and takes a few pages", async ({ loginAs }) => {
    const page = await loginAs("consultant");
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
    await expect(page.getByTestId("score")).toBeVisible();
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(5);
    // Page one carries the score: laid out for print, it sits within the first A4 page (1122 CSS px tall).
    const top = await page
      .getByTestId("score")
      .evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
    expect(top).toBeLessThan(1000);
  });
});

test.describe("the scorecard hydrates cleanly", () => {
  for (const size of SIZES) {
    test(`no hydration error (#418) on the scorecard (${size.name})`, async ({ loginAs }) => {
      const page = await loginAs("consultant");
      await page.setViewportSize(size.viewport);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      await page.goto("/portfolio");
      await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
      await expect(page.getByTestId("score")).toBeVisible();
      await page.waitForLoadState("load");
      expect(errors.filter((error) => /hydrat|#418|did not match/i.test(error))).toEqual([]);
    });
  }
});

// Issue 19 §11: text a reader meets is words, not the database's or AWS's data. Walks the pages where the
// issue saw "SOP 000 §9 · 000 §9", literal backticks in "How to fix it", "NET-1 is fail", `<root_account>`,
// "Status: SIGNED_OFF", raw ids and JSON in the audit log and ": — Not run…" for skipped steps, and every
// control, alert and account page of the demo's Bluefin besides.
type TextKind = "all" | "words" | "prose";
const DATA_IN_TEXT: { name: string; pattern: RegExp; in: TextKind }[] = [
  { name: "an SOP clause named twice", pattern: /(\d{3} §\d+(?:\.\d+)*) · (?:SOP )?\1(?!\.)/, in: "all" },
  { name: "a literal backtick", pattern: /`/, in: "all" },
  { name: "the credential report's <root_account>", pattern: /<root_account>/, in: "words" },
  {
    name: "a result enum in a sentence",
    pattern: /\bis (?:fail|pass|not_applicable|FAIL|PASS|UNKNOWN)\b/,
    in: "prose",
  },
  { name: "an enum value", pattern: /\b[A-Z]{2,}(?:_[A-Z]{2,})+\b/, in: "prose" },
  { name: "an empty label before a dash", pattern: /:\s+—\s/, in: "prose" },
  { name: "JSON", pattern: /\{\s*"\w+"\s*:/, in: "prose" },
];

/**
 * The visible text of the page (outside <pre> previews of evidence): all of it; its words (outside code, that
 * is commands a reader types); its prose (outside code, ids in monospace and form options).
 */
async function visibleText(page: import("@playwright/test").Page): Promise<Record<TextKind, string>> {
  return page.evaluate(() => {
    const text: Record<"all" | "words" | "prose", string[]> = { all: [], words: [], prose: [] };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const value = node.textContent?.trim();
      if (!parent || !value || parent.closest("script,style,noscript,template,pre")) continue;
      const shown = parent.checkVisibility({ visibilityProperty: true }) || parent.closest("details");
      if (!shown || parent.closest("[hidden],[aria-hidden=true]")) continue;
      text.all.push(value);
      if (!parent.closest("code,kbd,samp")) text.words.push(value);
      if (!parent.closest("code,kbd,samp,.font-mono,option")) text.prose.push(value);
    }
    return { all: text.all.join("\n"), words: text.words.join("\n"), prose: text.prose.join("\n") };
  });
}

async function dataInText(page: import("@playwright/test").Page, path: string): Promise<string[]> {
  const response = await page.goto(path);
  if (response?.status() === 404) return [];
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  const text = await visibleText(page);
  return DATA_IN_TEXT.flatMap(({ name, pattern, in: kind }) => {
    const match = text[kind].match(pattern);
    if (!match) return [];
    const at = match.index ?? 0;
    return [`${path}: ${name}: "…${text[kind].slice(Math.max(0, at - 60), at + 60).replaceAll("\n", " ⏎ ")}…"`];
  });
}

// The consultant's walk (every control, alert and account page of one customer besides every page) is the
// longest: it runs as three tests, one per kind of page, so that the workers share it. Together they visit
// exactly the pages the one walk did.
const WALK_PARTS = {
  "every page": (path: string) => !isControlPage(path) && !isAlertPage(path),
  "control pages": isControlPage,
  "alert pages": isAlertPage,
} as const;

function isControlPage(path: string): boolean {
  return /^\/customers\/[^/]+\/controls\/[^/]+$/.test(path);
}

function isAlertPage(path: string): boolean {
  return /^\/alerts\/[^/]+$/.test(path) && path !== "/alerts/sla";
}

async function pagesToWalk(db: import("../lib/db/client").PrismaClient, role: DemoRole): Promise<Set<string>> {
  const paths = new Set(await everyPageFor(db, role));
  const customerId = /\/customers\/([^/]+)/.exec([...paths].find((path) => path.startsWith("/customers/")) ?? "")?.[1];
  if (role === "consultant" && customerId) {
    const [controls, alerts, accounts] = await Promise.all([
      db.controlResult.findMany({
        where: { customerId, isCurrent: true },
        distinct: ["controlId"],
        select: { controlId: true },
      }),
      db.alert.findMany({ where: { customerId }, select: { id: true }, take: 40 }),
      db.awsAccount.findMany({ where: { customerId }, select: { id: true } }),
    ]);
    for (const { controlId } of controls) paths.add(`/customers/${customerId}/controls/${controlId}`);
    for (const { id } of alerts) paths.add(`/alerts/${id}`);
    for (const { id } of accounts) paths.add(`/customers/${customerId}/accounts/${id}`);
    paths.add(`/customers/${customerId}/changes`);
    paths.add(`/customers/${customerId}/changes/detected`);
  }
  return paths;
}

type DemoRole = "consultant" | "admin" | "manager" | "viewer";
const WALKS: { role: DemoRole; part?: keyof typeof WALK_PARTS }[] = [
  ...(Object.keys(WALK_PARTS) as (keyof typeof WALK_PARTS)[]).map((part) => ({ role: "consultant" as const, part })),
  { role: "admin" },
  { role: "manager" },
  { role: "viewer" },
];

test.describe("words, not data, on every page where the issue saw data", () => {
  for (const { role, part } of WALKS) {
    const name = part ? `${role}: ${part}` : role;
    test(`no enum, JSON, backtick, doubled clause or <root_account> in the text (${name})`, async ({ loginAs, db }) => {
      test.setTimeout(600_000);
      const page = await loginAs(role);
      const paths = [...(await pagesToWalk(db, role))].filter((path) => !part || WALK_PARTS[part](path));
      expect(paths.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const path of paths) problems.push(...(await dataInText(page, path)));
      expect(problems).toEqual([]);
    });
  }
});
