import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_USERS } from "../prisma/demo-users";
import { everyPageFor, PAGE_TEMPLATES, pagePathFor, SIGNED_OUT_PAGES } from "./every-page";
import { expect, test } from "./fixtures/test";

// Issue 19 §9: at 390 px no page scrolls sideways, and axe finds no serious or critical violation,
// on every page, as every role (and signed out).

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The widest elements sticking out of the viewport, for a failure message that says where to look. */
async function offenders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} (${element.getBoundingClientRect().right}px)`,
      );
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

/** Opens a page; false when the role may not open it (404). */
async function open(page: Page, path: string): Promise<boolean> {
  const response = await page.goto(path);
  if (response?.status() === 404) return false;
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  return true;
}

test.describe.configure({ mode: "parallel" });

for (const user of DEMO_USERS) {
  test.describe(`every page as ${user.key}`, () => {
    test(`at 390 px no page scrolls sideways (${user.key})`, async ({ loginAs, db }) => {
      test.setTimeout(600_000);
      const page = await loginAs(user.key);
      await page.setViewportSize(PHONE);
      const opened: string[] = [];
      const problems: string[] = [];
      for (const path of await everyPageFor(db, user.key)) {
        if (!(await open(page, path))) continue;
        opened.push(path);
        const overflow = await sidewaysOverflow(page);
        if (overflow > 0) problems.push(`${path} is ${overflow}px too wide: ${(await offenders(page)).join("; ")}`);
      }
      expect(problems).toEqual([]);
      expect(opened.length).toBeGreaterThan(3);
    });

    for (const template of PAGE_TEMPLATES) {
      test(`axe finds no serious or critical violation on ${template} (${user.key}, desktop and phone)`, async ({
        loginAs,
        db,
      }) => {
        test.setTimeout(180_000);
        const path = await pagePathFor(db, user.key, template);
        test.skip(path === null, "the demo has no such record for this user");
        const page = await loginAs(user.key);
        const problems: string[] = [];
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          if (!(await open(page, path ?? ""))) return;
          for (const violation of await seriousViolations(page)) problems.push(`${viewport.width}px: ${violation}`);
        }
        expect(problems).toEqual([]);
      });
    }
  });
}

test.describe("signed out", () => {
  for (const size of [
    { name: "desktop", viewport: DESKTOP },
    { name: "phone", viewport: PHONE },
  ]) {
    test(`sign-in pages fit and pass axe (${size.name})`, async ({ page }) => {
      await page.setViewportSize(size.viewport);
      const problems: string[] = [];
      for (const path of SIGNED_OUT_PAGES) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        expect(await sidewaysOverflow(page), path).toBe(0);
        for (const violation of await seriousViolations(page)) problems.push(`${path}: ${violation}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
