import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { accessKey, iamGroup, iamUser, rootRow, userRow, withRows } from "../lib/controls/rules/testing/iam-evidence";
import { DAY_MS } from "../lib/dates";
import type { PrismaClient } from "../lib/db/client";
import type { IamEvidence } from "../lib/evidence/iam";
import { createAwsAccount, createCustomer, createEnrolledUser, createUser } from "../prisma/factories";
import { submitSignInForm } from "./fixtures/mfa";
import { expect, test } from "./fixtures/test";

// One quarterly access review from start to sign-off, on a tenant of its own (so the demo customers'
// IAM-12 results other specs read stay as they are): a consultant starts it from a fresh IAM snapshot and
// decides (a risky user needs a justification, their own IAM user a stated reason, the clean ones in bulk),
// the customer's reviewer decides the rest, the demo manager signs it off, and the customer's viewer reads
// it and exports the CSV.

const PASSWORD = "access review e2e passphrase 9";
const ago = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/** root (admin by nature), alice (clean), bob (no MFA, AdministratorAccess), dana (the consultant's own), svc (clean key). */
function estate(accountNumber: string): IamEvidence {
  const arn = (name: string) => `arn:aws:iam::${accountNumber}:user/${name}`;
  const consoleUser = (name: string, mfa: boolean) =>
    userRow(name, {
      arn: arn(name),
      userCreationTime: ago(400),
      passwordEnabled: true,
      passwordLastUsed: ago(2),
      passwordLastChanged: ago(60),
      mfaActive: mfa,
    });
  return withRows(
    [
      rootRow({ arn: `arn:aws:iam::${accountNumber}:root`, passwordLastUsed: ago(300) }),
      consoleUser("alice", true),
      consoleUser("bob", false),
      consoleUser("dana", true),
      userRow("svc", {
        arn: arn("svc"),
        userCreationTime: ago(30),
        accessKeys: [accessKey({ active: true, lastRotated: ago(30), lastUsedDate: ago(1), lastUsedService: "s3" })],
      }),
    ],
    {
      authorization: {
        users: [
          iamUser("alice", { arn: arn("alice"), groups: ["staff"] }),
          iamUser("bob", {
            arn: arn("bob"),
            attachedManagedPolicies: [
              { name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess" },
            ],
          }),
          iamUser("dana", { arn: arn("dana"), groups: ["staff"] }),
          iamUser("svc", { arn: arn("svc"), groups: ["deployers"] }),
        ],
        groups: [iamGroup("staff"), iamGroup("deployers")],
        roles: [],
        customerManagedPolicies: [],
      },
    },
  );
}

async function createTenant(db: PrismaClient) {
  const marker = randomBytes(3).toString("hex");
  const customer = await createCustomer(db, { name: `Review Works ${marker}` });
  const account = await createAwsAccount(db, customer.id, { alias: `review-prod-${marker}` });
  const now = new Date();
  const run = await db.syncRun.create({
    data: {
      customerId: customer.id,
      awsAccountId: account.id,
      status: "SUCCEEDED",
      trigger: "CLI",
      queuedAt: now,
      startedAt: now,
      finishedAt: now,
      asOf: now,
    },
  });
  await db.evidence.create({
    data: {
      customerId: customer.id,
      awsAccountId: account.id,
      syncRunId: run.id,
      collector: "iam",
      region: "global",
      data: JSON.parse(JSON.stringify(estate(account.accountNumber))),
      contentHash: `iam-${run.id}`,
      collectedAt: now,
      confirmedAt: now,
    },
  });
  const consultant = await createEnrolledUser(db, {
    role: "CONSULTANT",
    name: `Dana Consultant`,
    email: `dana.${marker}@rampart-test.example`,
    password: PASSWORD,
    assignedCustomerIds: [customer.id],
  });
  const reviewer = await createUser(db, {
    role: "CUSTOMER_REVIEWER",
    name: `Ravi Reviewer ${marker}`,
    customerId: customer.id,
    password: PASSWORD,
  });
  const viewer = await createUser(db, {
    role: "CUSTOMER_VIEWER",
    name: `Vera Viewer ${marker}`,
    customerId: customer.id,
    password: PASSWORD,
  });
  return { customer, account, consultant, reviewer, viewer };
}

/** Sessions signed in once per user: the consultant's TOTP code is accepted once per 30 s step (ADR 015). */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

async function signIn(browser: Browser, db: PrismaClient, user: { email: string; mfaSecret?: string }): Promise<Page> {
  const stored = sessions.get(user.email);
  if (stored) return (await browser.newContext({ storageState: stored })).newPage();
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await submitSignInForm(page, db, { email: user.email, password: PASSWORD, mfaSecret: user.mfaSecret });
  await expect(page).not.toHaveURL(/\/sign-in/);
  sessions.set(user.email, await page.context().storageState());
  return page;
}

function usersTable(page: Page) {
  return page.getByRole("table", { name: /^Users in the / });
}

async function decide(page: Page, userName: string, decision: string, justification?: string) {
  await page.getByRole("button", { name: `Decide for ${userName}` }).click();
  const form = page.getByRole("form", { name: `Decide on ${userName}` });
  await form.getByLabel("Decision").selectOption(decision);
  if (justification !== undefined) await form.getByLabel("Justification").fill(justification);
  await form.getByRole("button", { name: "Save decision" }).click();
  return form;
}

test.describe
  .serial("quarterly access review", () => {
    let tenant: Awaited<ReturnType<typeof createTenant>>;
    let reviewUrl: string;

    test.beforeAll(async ({ db }) => {
      tenant = await createTenant(db);
    });

    test("a consultant starts the review; a past due date is refused", async ({ browser, db }) => {
      const page = await signIn(browser, db, tenant.consultant);
      await page.goto("/reviews");
      await page.getByRole("link", { name: "Start a review" }).click();
      await page
        .getByRole("form", { name: "Choose the customer" })
        .getByRole("combobox", { name: "Customer", exact: true })
        .selectOption({ label: tenant.customer.name });
      await page.getByRole("button", { name: "Choose customer" }).click();

      const form = page.getByRole("form", { name: "Start an access review" });
      await expect(form.getByLabel(`${tenant.account.alias} (${tenant.account.accountNumber})`)).toBeChecked();
      await expect(form.getByLabel(/Dana Consultant/)).toBeChecked();
      await expect(form.getByLabel(new RegExp(tenant.reviewer.name))).toBeChecked();
      await form.getByLabel("Period").fill("2026-Q4");

      // The browser's own check is lifted so the server's answer is what is tested.
      const due = form.getByLabel("Due date");
      await due.evaluate((input) => input.removeAttribute("min"));
      await due.fill(dayFromNow(-1));
      await form.getByRole("button", { name: "Start review" }).click();
      await expect(form.getByText("The due date must be after today")).toBeVisible();

      await due.fill(dayFromNow(21));
      await form.getByRole("button", { name: "Start review" }).click();
      await expect(page).toHaveURL(/\/reviews\/(?!new)[^/?]+$/);
      reviewUrl = new URL(page.url()).pathname;
      await expect(
        page.getByRole("heading", { level: 1, name: `2026-Q4 access review — ${tenant.customer.name}` }),
      ).toBeVisible();
      await expect(page.getByText("0 of 5 users decided")).toBeVisible();
      // Risky users first: bob (no MFA, admin, direct policy) heads the table.
      const firstRow = usersTable(page).getByRole("row").nth(1);
      await expect(firstRow).toContainText("bob");
      await expect(firstRow).toContainText("No MFA");
      await expect(firstRow).toContainText("Admin-equivalent");
    });

    test("the consultant justifies a risky user, states a reason for their own, and keeps the clean ones in bulk", async ({
      browser,
      db,
    }) => {
      const page = await signIn(browser, db, tenant.consultant);
      await page.goto(reviewUrl);

      const bob = await decide(page, "bob", "KEEP");
      await expect(bob.getByText(/bob has risk flags: justify the decision/)).toBeVisible();
      await bob
        .getByLabel("Justification")
        .fill("Bob is the on-call admin this quarter; MFA enrolment booked for Monday.");
      await bob.getByRole("button", { name: "Save decision" }).click();
      await expect(page.getByText("1 of 5 users decided")).toBeVisible();
      await expect(usersTable(page).getByRole("row").filter({ hasText: "bob" })).toContainText("Dana Consultant");

      const dana = await decide(page, "dana", "KEEP");
      await expect(dana.getByText(/dana looks like your own IAM user/)).toBeVisible();
      await dana.getByLabel("Justification").fill("My break-glass user; the manager approved it in ticket SEC-101.");
      await dana.getByRole("button", { name: "Save decision" }).click();
      await expect(page.getByText("2 of 5 users decided")).toBeVisible();

      const filters = page.getByRole("form", { name: "Filter users" });
      await filters.getByLabel("Risk").selectOption("none");
      await filters.getByLabel("Decision").selectOption("undecided");
      await filters.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/flag=none/);
      await expect(usersTable(page).getByRole("row")).toHaveCount(3);

      await page.getByRole("checkbox", { name: "Select all users shown" }).check();
      const bulk = page.getByRole("form", { name: "Decide on the selected users" });
      await bulk.getByLabel("Decision").selectOption("KEEP");
      await bulk.getByRole("button", { name: "Apply to 2 selected" }).click();
      await expect(page.getByText("4 of 5 users decided")).toBeVisible();

      // Issue 19 §1: a bulk decision over users already decided stops and names them; going back saves nothing.
      await page.goto(reviewUrl);
      await page.getByRole("checkbox", { name: "Select all users shown" }).check();
      const all = page.getByRole("form", { name: "Decide on the selected users" });
      await all.getByLabel("Decision").selectOption("REVOKE");
      await all.getByLabel("Justification").fill("Testing that a bulk revoke never replaces decisions silently.");
      await all.getByRole("button", { name: /^Apply to \d+ selected$/ }).click();
      const confirm = page.getByRole("alertdialog");
      await expect(confirm).toContainText(/already have decisions/);
      await expect(confirm).toContainText("bob: Keep → Revoke");
      await expect(confirm).toContainText("dana: Keep → Revoke");
      await confirm.getByRole("button", { name: "Go back" }).click();
      await expect(confirm).toHaveCount(0);
      await page.reload();
      await expect(page.getByText("4 of 5 users decided")).toBeVisible();
      await expect(usersTable(page).getByRole("row").filter({ hasText: "bob" })).toContainText("Keep");
    });

    test("the customer's reviewer decides on root; the campaign is ready for sign-off", async ({ browser, db }) => {
      const page = await signIn(browser, db, tenant.reviewer);
      await page.goto(reviewUrl);
      await decide(page, "Root user", "KEEP", "Root is only used by the vault procedure; no keys, MFA on.");
      await expect(page.getByText("5 of 5 users decided")).toBeVisible();
      await expect(page.getByText("Ready for sign-off").first()).toBeVisible();
    });

    test("the manager signs it off; it becomes read-only", async ({ loginAs, browser, db }) => {
      const manager = await loginAs("manager");
      await manager.goto(reviewUrl);
      manager.once("dialog", (dialog) => dialog.accept());
      await manager.getByRole("button", { name: "Sign off review" }).click();
      await expect(manager.getByText("Signed off", { exact: true }).first()).toBeVisible();

      const consultant = await signIn(browser, db, tenant.consultant);
      await consultant.goto(reviewUrl);
      await expect(consultant.getByText("Signed off and read-only.", { exact: false })).toBeVisible();
      await expect(consultant.getByRole("button", { name: /^Decide for|^Change for/ })).toHaveCount(0);
    });

    test("the customer's viewer reads the campaign and exports it; another customer's viewer cannot", async ({
      browser,
      db,
      loginAs,
    }) => {
      const viewer = await signIn(browser, db, tenant.viewer);
      await viewer.goto("/reviews");
      await viewer.getByRole("link", { name: /2026-Q4/ }).click();
      await expect(viewer).toHaveURL(new RegExp(`${reviewUrl}$`));
      await expect(viewer.getByRole("button", { name: /^Decide for|^Change for/ })).toHaveCount(0);

      const href = await viewer.getByRole("link", { name: "Export CSV" }).getAttribute("href");
      expect(href).toBe(`/api/customers/${tenant.customer.id}/reviews/${reviewUrl.split("/").pop()}/export.csv`);
      const csv = await viewer.request.get(href!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
      const body = await csv.text();
      expect(body).toContain("risk flags");
      expect(body).toMatch(/bob,.*KEEP/);
      expect(body).toContain("My break-glass user");

      // The PDF (pdfkit must load from node_modules in the built app: serverExternalPackages).
      const pdf = await viewer.request.get(href!.replace(/\.csv$/, ".pdf"));
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

      // Meridian's viewer (the demo's) gets a 404 for this campaign and its export.
      const other = await loginAs("viewer");
      const page = await other.goto(reviewUrl);
      expect(page?.status()).toBe(404);
      expect((await other.request.get(href!)).status()).toBe(404);
    });
  });
