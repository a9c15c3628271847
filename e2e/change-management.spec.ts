import type { Browser, Page } from "@playwright/test";
import { HOUR_MS } from "../lib/dates";
import type { PrismaClient } from "../lib/db/client";
import { createAwsAccount, createCustomer, createEnrolledUser, createEvidence, createUser } from "../prisma/factories";
import { expectMainFits } from "./fixtures/fits-the-screen";
import { submitSignInForm } from "./fixtures/mfa";
import { expect, test } from "./fixtures/test";

// Change management (SOP 000 §11, issue 15), one journey through the real app: a consultant requests a
// change to a security group picked from the collected evidence and assesses it; the technical manager
// approves, then the customer's reviewer (the customer is managed collaboratively) at 390 px; the
// consultant starts it in its window, validates and closes it; the closed change is in the ICR log, which
// fits a 390 px screen. The test builds its own tenant.

const PASSWORD = "change management passphrase 5";

async function signIn(
  browser: Browser,
  db: PrismaClient,
  user: { email: string; mfaSecret?: string },
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await submitSignInForm(page, db, { email: user.email, password: PASSWORD, mfaSecret: user.mfaSecret });
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 30_000 });
  return page;
}

/** The main content fits, and so does the whole document (no sideways scroll at all). */
async function expectPageFits(page: Page) {
  await expectMainFits(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

const wallClockUtc = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(0, 16);
const MOBILE = { width: 390, height: 844 };

test("request → assess → approve (manager, then customer) → start → validate → close, in the ICR log", async ({
  db,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const customer = await createCustomer(db, {
    name: `Collaborative Cedar ${stamp}`,
    settings: { changeManagement: { collaborative: true } },
  });
  const account = await createAwsAccount(db, customer.id, { alias: `cedar-prod-${stamp}`, regions: ["eu-west-1"] });
  await createEvidence(db, {
    customerId: customer.id,
    awsAccountId: account.id,
    collector: "ec2",
    region: "eu-west-1",
    data: { securityGroups: [{ groupId: `sg-cedar${stamp}`, groupName: "bastion" }], networkAcls: [] },
  });
  const consultant = await createEnrolledUser(db, {
    role: "CONSULTANT",
    name: `Consultant ${stamp}`,
    password: PASSWORD,
    assignedCustomerIds: [customer.id],
  });
  const manager = await createEnrolledUser(db, {
    role: "MANAGER",
    name: `Manager ${stamp}`,
    password: PASSWORD,
    assignedCustomerIds: [customer.id],
  });
  const reviewer = await createUser(db, {
    role: "CUSTOMER_REVIEWER",
    name: `Reviewer ${stamp}`,
    password: PASSWORD,
    customerId: customer.id,
  });

  // Request, from the scorecard's link.
  const page = await signIn(browser, db, consultant);
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole("link", { name: "Changes & ICR log" }).click();
  await page.getByRole("link", { name: "New change request" }).click();
  const request = page.getByRole("form", { name: "New change request" });
  await request.getByLabel("Title").fill("Close SSH on the bastion");
  await request.getByLabel("Description").fill("Remove the 0.0.0.0/0 rule on port 22 of the bastion group.");
  await request.getByLabel("Justification").fill("NET-1 fails on it; access moves to Session Manager.");
  await request.getByLabel("Preliminary impact").fill("Nobody connects over SSH any more.");
  await request.getByLabel("Region").selectOption("eu-west-1");
  await request
    .getByLabel("Resource")
    .selectOption({ label: `Security group: bastion (sg-cedar${stamp}) · eu-west-1` });
  await request.getByRole("button", { name: "Add component" }).click();
  await expect(request.getByRole("list", { name: "Components of this change" })).toContainText(
    `Security group sg-cedar${stamp} in eu-west-1`,
  );
  // A window that ends before it starts is refused at its field; nothing is saved.
  await request.getByLabel("Time zone of the window").fill("UTC");
  await request.getByLabel("Window starts").fill(wallClockUtc(-HOUR_MS));
  await request.getByLabel("Window ends").fill(wallClockUtc(-2 * HOUR_MS));
  await request.getByRole("button", { name: "Save the request" }).click();
  await expect(request.getByText(/^The window must end after it starts/)).toBeVisible();
  await request.getByLabel("Window ends").fill(wallClockUtc(3 * HOUR_MS));
  await request.getByRole("button", { name: "Save the request" }).click();
  await page.waitForURL(/\/changes\/(?!new$)[^/]+$/);
  const changeUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: "ICR-0001 Close SSH on the bastion" })).toBeVisible();

  // Assess.
  const assess = page.getByRole("form", { name: "Assess the change" });
  await assess.getByLabel("Impact on availability").fill("None expected.");
  await assess.getByLabel("Impact on security").fill("Closes NET-1.");
  await assess.getByLabel("Impact on performance").fill("None.");
  await assess.getByLabel("Viability").fill("Viable: Session Manager is deployed.");
  await assess.getByLabel("Execution plan").fill("1. Snapshot the rules. 2. Remove the 22/tcp rule. 3. Test access.");
  await assess.getByLabel("Rollback plan").fill("Re-add the 22/tcp rule from the snapshot.");
  await assess.getByLabel("Needs a maintenance window").selectOption("no");
  await assess.getByLabel("Governance must approve too").selectOption("no");
  await assess.getByRole("button", { name: "Save the assessment" }).click();
  await expect(page.getByText("Waiting for: technical manager, customer.")).toBeVisible();
  await expect(page.getByRole("form", { name: /^Decide as/ })).toHaveCount(0);

  // The technical manager approves.
  const managerPage = await signIn(browser, db, manager);
  await managerPage.goto(changeUrl);
  const managerDecision = managerPage.getByRole("form", { name: "Decide as technical manager" });
  await managerDecision.getByLabel("Comment").fill("Rollback plan checked; go ahead.");
  await managerDecision.getByRole("button", { name: "Record the decision" }).click();
  await expect(managerPage.getByText("Waiting for: customer.")).toBeVisible();

  // The customer's reviewer approves, on a phone.
  const reviewerPage = await signIn(browser, db, reviewer, MOBILE);
  await reviewerPage.goto(changeUrl);
  await expectPageFits(reviewerPage);
  const customerDecision = reviewerPage.getByRole("form", { name: "Decide as customer" });
  await customerDecision.getByLabel("Comment").fill("Approved for us.");
  await customerDecision.getByRole("button", { name: "Record the decision" }).click();
  await expect(
    reviewerPage.getByRole("list", { name: "Decisions" }).getByText("Approved", { exact: true }),
  ).toHaveCount(2);
  await expect(reviewerPage.getByRole("form", { name: "Start the change" })).toHaveCount(0);

  // The consultant runs it in the window, validates and closes it.
  await page.reload();
  await page.getByRole("button", { name: "Start the change" }).click();
  const validate = page.getByRole("form", { name: "Validate the change" });
  await validate.getByLabel("Rollback plan invoked").selectOption("no");
  await validate.getByLabel("Services checked").fill("Session Manager reaches the bastion.");
  await validate.getByLabel("Stability observed").fill("Stable for 30 minutes.");
  await validate.getByRole("button", { name: "Record the validation" }).click();
  const close = page.getByRole("form", { name: "Close the change" });
  await close.getByLabel("Final result").selectOption("SUCCESSFUL");
  await close.getByLabel("What was achieved").fill("SSH closed; NET-1 passes.");
  await close.getByRole("button", { name: "Close into the ICR log" }).click();
  await expect(page.getByRole("form", { name: "Close the change" })).toHaveCount(0);
  await expect(page.getByText("SSH closed; NET-1 passes.")).toBeVisible();

  // The ICR log, filtered to closed changes, at desktop and at 390 px.
  await page.goto(`/customers/${customer.id}/changes?status=CLOSED`);
  const row = page.getByRole("row", { name: /ICR-0001 Close SSH on the bastion/ });
  await expect(row).toContainText("Closed");
  await expect(row).toContainText("Successful");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
    "href",
    `/api/customers/${customer.id}/changes/export.csv?status=CLOSED`,
  );
  const csv = await page.request.get(`/api/customers/${customer.id}/changes/export.csv?status=CLOSED`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("Close SSH on the bastion");
  const pdf = await page.request.get(`/api/customers/${customer.id}/changes/export.pdf?status=CLOSED`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  await reviewerPage.goto(`/customers/${customer.id}/changes?status=CLOSED`);
  await expect(reviewerPage.getByRole("row", { name: /ICR-0001 Close SSH on the bastion/ })).toBeVisible();
  await expectPageFits(reviewerPage);
  await reviewerPage.goto(changeUrl);
  await expectPageFits(reviewerPage);
});

test("a consultant edits an assessed request that one approver already approved: it goes back to draft", async ({
  db,
  browser,
}) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const customer = await createCustomer(db, {
    name: `Editing Elm ${stamp}`,
    settings: { changeManagement: { collaborative: true }, timeZone: "Europe/Madrid" },
  });
  const account = await createAwsAccount(db, customer.id, { alias: `elm-prod-${stamp}`, regions: ["eu-west-1"] });
  await createEvidence(db, {
    customerId: customer.id,
    awsAccountId: account.id,
    collector: "ec2",
    region: "eu-west-1",
    data: { securityGroups: [{ groupId: `sg-elm${stamp}`, groupName: "bastion" }], networkAcls: [] },
  });
  const consultant = await createEnrolledUser(db, {
    role: "CONSULTANT",
    name: `Consultant ${stamp}`,
    password: PASSWORD,
    assignedCustomerIds: [customer.id],
  });
  const manager = await createUser(db, { role: "MANAGER", password: PASSWORD, assignedCustomerIds: [customer.id] });
  // Assessed, approved by the technical manager, waiting for the customer. 2099-03-10 21:00 UTC is 22:00 in Madrid.
  const change = await db.changeRequest.create({
    data: {
      customerId: customer.id,
      number: 1,
      title: "Close SSH on the bastion",
      description: "Remove the 0.0.0.0/0 rule on port 22 of the bastion group.",
      justification: "NET-1 fails on it.",
      preliminaryImpact: "Nobody connects over SSH any more.",
      windowStart: new Date("2099-03-10T21:00:00Z"),
      windowEnd: new Date("2099-03-10T23:00:00Z"),
      windowTimeZone: "Europe/Madrid",
      responsibleRole: "Cloud consultant",
      responsibleName: consultant.name,
      requestedById: consultant.id,
      status: "ASSESSED",
      version: 2,
      impactAvailability: "None.",
      impactSecurity: "Closes NET-1.",
      impactPerformance: "None.",
      viability: "Viable.",
      needsMaintenanceWindow: false,
      executionPlan: "Remove the 22/tcp rule, then test Session Manager.",
      rollbackPlan: "Re-add the 22/tcp rule.",
      assessedAt: new Date(),
      components: {
        create: [
          {
            awsAccountId: account.id,
            region: "eu-west-1",
            resourceKind: "security-group",
            resourceId: `sg-elm${stamp}`,
          },
        ],
      },
      approvals: {
        create: [{ role: "TECHNICAL_MANAGER", verdict: "APPROVED", approverId: manager.id, comment: "Go ahead." }],
      },
    },
  });
  const changeUrl = `/customers/${customer.id}/changes/${change.id}`;

  const page = await signIn(browser, db, consultant);
  await page.goto(changeUrl);
  await page.getByRole("link", { name: "Edit the request" }).click();
  await page.waitForURL(`**${changeUrl}/edit`);
  await expect(page.getByText(/the decision already recorded is withdrawn/)).toBeVisible();
  const edit = page.getByRole("form", { name: "Edit change request" });
  // The window is shown in its own zone, as it was entered.
  await expect(edit.getByLabel("Time zone of the window")).toHaveValue("Europe/Madrid");
  await expect(edit.getByLabel("Window starts")).toHaveValue("2099-03-10T22:00");
  await expect(edit.getByRole("list", { name: "Components of this change" })).toContainText(`sg-elm${stamp}`);
  // Bad input is refused at its field, and nothing is saved.
  await edit.getByLabel("Justification").fill("short");
  await edit.getByRole("button", { name: "Save the changes" }).click();
  await expect(edit.getByText("Describe why the change is needed (at least 10 characters)")).toBeVisible();
  expect((await db.changeRequest.findUniqueOrThrow({ where: { id: change.id } })).version).toBe(2);

  await edit.getByLabel("Justification").fill("NET-1 fails on it; the auditor asked for it this quarter.");
  await edit.getByLabel("Preliminary impact").fill("SSH sessions in progress drop; nobody connects over SSH.");
  await edit.getByLabel("Window starts").fill("2099-03-11T22:00");
  await edit.getByLabel("Window ends").fill("2099-03-11T23:30");
  await edit.getByRole("button", { name: "Save the changes" }).click();
  await page.waitForURL((url) => url.pathname === changeUrl);
  await expect(page.getByText("SSH sessions in progress drop; nobody connects over SSH.")).toBeVisible();
  await expect(page.getByText("No decision recorded yet.")).toBeVisible();
  await expect(page.getByText("Not assessed yet.")).toBeVisible();
  await expect(page.getByText("Window 2099-03-11 22:00 Europe/Madrid to 2099-03-11 23:30 Europe/Madrid")).toBeVisible();
  await expect(page.getByRole("form", { name: "Assess the change" }).getByLabel("Rollback plan")).toHaveValue(
    "Re-add the 22/tcp rule.",
  );
  const stored = await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, include: { approvals: true } });
  expect(stored).toMatchObject({ status: "DRAFT", version: 3, assessedAt: null, approvals: [] });
  expect(stored.windowStart.toISOString()).toBe("2099-03-11T21:00:00.000Z");
  expect(await db.auditLog.count({ where: { targetId: change.id, action: "change_request.edited" } })).toBe(1);

  // The edit page and the change fit a phone (the same session: a code is accepted once per 30 s step).
  const phone = page;
  await phone.setViewportSize(MOBILE);
  await phone.goto(`${changeUrl}/edit`);
  await expect(phone.getByRole("form", { name: "Edit change request" })).toBeVisible();
  await expectPageFits(phone);
  await phone.goto(changeUrl);
  await expect(phone.getByRole("link", { name: "Edit the request" })).toBeVisible();
  await expectPageFits(phone);
});

test("an administrator sets a customer's time zone and monthly evidence pack mail; change windows follow the zone", async ({
  db,
  browser,
  loginAs,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const customer = await createCustomer(db, { name: `Zoned Zelkova ${stamp}` });
  await createAwsAccount(db, customer.id, { alias: `zelkova-${stamp}`, regions: ["eu-west-1"] });
  const consultant = await createEnrolledUser(db, {
    role: "CONSULTANT",
    password: PASSWORD,
    assignedCustomerIds: [customer.id],
  });

  const admin = await loginAs("admin");
  await admin.setViewportSize(MOBILE);
  await admin.goto("/settings");
  const card = admin.getByRole("region", { name: customer.name });
  await expect(card).toContainText("Time zone: UTC");
  await expect(card).toContainText("Monthly evidence pack mail: off");
  await card.getByRole("button", { name: `Edit customer ${customer.name}` }).click();
  const dialog = admin.getByRole("dialog", { name: `Edit ${customer.name}` });
  await expectPageFits(admin);
  await dialog.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await dialog.getByLabel("Mail the monthly evidence pack").check();
  await dialog.getByRole("button", { name: "Save customer" }).click();
  await expect(dialog.getByText(/^Not an IANA time zone\./)).toBeVisible();
  await expect(dialog.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");
  expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).settings).toEqual({});

  await dialog.getByLabel("Time zone").fill("America/New_York");
  await dialog.getByRole("button", { name: "Save customer" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card).toContainText("Time zone: America/New_York");
  await expect(card).toContainText("Monthly evidence pack mail: on");
  await expectPageFits(admin);
  expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).settings).toMatchObject({
    timeZone: "America/New_York",
    evidencePacks: { monthlyMail: true },
    changeManagement: { collaborative: false },
  });
  const audit = await db.auditLog.findFirstOrThrow({ where: { customerId: customer.id, action: "customer.updated" } });
  expect(audit.metadata).toMatchObject({
    timeZone: { from: "UTC", to: "America/New_York" },
    "evidencePacks.monthlyMail": { from: false, to: true },
  });

  // Switched off again from the same form, at desktop.
  await admin.setViewportSize({ width: 1280, height: 900 });
  await card.getByRole("button", { name: `Edit customer ${customer.name}` }).click();
  await expect(dialog.getByLabel("Mail the monthly evidence pack")).toBeChecked();
  await dialog.getByLabel("Mail the monthly evidence pack").uncheck();
  await dialog.getByRole("button", { name: "Save customer" }).click();
  await expect(card).toContainText("Monthly evidence pack mail: off");

  // A new change request proposes its window in the customer's zone.
  const page = await signIn(browser, db, consultant);
  await page.goto(`/customers/${customer.id}/changes/new`);
  await expect(page.getByLabel("Time zone of the window")).toHaveValue("America/New_York");
});
