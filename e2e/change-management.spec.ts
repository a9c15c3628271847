import type { Browser, Page } from "@playwright/test";
import type { PrismaClient } from "../lib/db/client";
import { createAwsAccount, createCustomer, createEnrolledUser, createEvidence, createUser } from "../prisma/factories";
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

/** Nothing in the page's main content sticks out of the viewport (tables scroll inside their own box). */
async function expectMainFits(page: Page) {
  const wide = await page.evaluate(() => {
    const width = window.innerWidth;
    const out: string[] = [];
    for (const element of Array.from(document.querySelectorAll("main *"))) {
      const html = element as HTMLElement;
      if (html.parentElement?.closest(".overflow-x-auto")) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1)
        out.push(
          `${element.tagName.toLowerCase()}.${html.className?.toString().slice(0, 60)} right=${Math.round(box.right)}`,
        );
    }
    return out.slice(0, 8);
  });
  expect(wide, wide.join("\n")).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

const wallClockUtc = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(0, 16);
const HOUR = 3_600_000;
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
  await request.getByLabel("Window starts").fill(wallClockUtc(-HOUR));
  await request.getByLabel("Window ends").fill(wallClockUtc(-2 * HOUR));
  await request.getByRole("button", { name: "Save the request" }).click();
  await expect(request.getByText(/^The window must end after it starts/)).toBeVisible();
  await request.getByLabel("Window ends").fill(wallClockUtc(3 * HOUR));
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
  await expectMainFits(reviewerPage);
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
  await expectMainFits(reviewerPage);
  await reviewerPage.goto(changeUrl);
  await expectMainFits(reviewerPage);
});
