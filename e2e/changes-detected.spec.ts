import type { Page } from "@playwright/test";
import { DAY_MS } from "../lib/dates";
import type { PrismaClient } from "../lib/db/client";
import { createAwsAccount, createCustomer } from "../prisma/factories";
import { fullEstate } from "../test/support/simulator-harness";
import { e2eContext } from "./fixtures/e2e-context";
import { expect, test } from "./fixtures/test";

// Changes nobody requested (issue 15 items 6, 8 and 9). On the demo: Meridian's dev drift 21 days ago
// is listed with before and after and "no change request", and its alerts are in the queue. On a tenant
// of its own (a simulator estate of this spec, so no other spec sees its syncs): a change made in the
// estate between two syncs raises "Change without an approved change request", and one that an
// approved change request covers raises nothing.

function queueTable(page: Page) {
  return page.getByRole("table", { name: /^Alerts sorted by/ });
}

async function customerId(db: PrismaClient, slug: string): Promise<string> {
  return (await db.customer.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

test.describe("Meridian's drift as changes nobody requested", () => {
  test("the consultant sees the dev drift with before and after, its alerts, and the CHG-1 counts", async ({
    loginAs,
    db,
  }) => {
    const page = await loginAs("consultant");
    const meridian = await customerId(db, "meridian-health-partners");
    await page.goto(`/customers/${meridian}`);
    await page.getByRole("link", { name: "Detected changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Detected changes" })).toBeVisible();

    const rdp = page.getByRole("article", { name: /Security group sg-0e1d0b0000000102/ });
    await expect(rdp).toContainText("no change request");
    await expect(rdp).toContainText("meridian-dev");
    await expect(rdp).toContainText("NET-1");
    await expect(rdp.getByRole("region", { name: "Before" })).toContainText("ingress tcp 3389 from 10.41.0.0/16");
    await expect(rdp.getByRole("region", { name: "After" })).toContainText("ingress tcp 3389 from 0.0.0.0/0");
    await expect(rdp.getByRole("region", { name: "After" })).not.toContainText("10.41.0.0/16");
    const drift = new Date(Date.now() - 21 * DAY_MS).toISOString().slice(0, 10);
    await expect(rdp.getByText(new RegExp(`^${drift}`))).toBeVisible();
    const database = page.getByRole("article", { name: /Database meridian-ehr-dev: made publicly accessible/ });
    await expect(database).toContainText("NET-6");
    await expect(database).toContainText("no change request");

    await page.goto(`/alerts?customer=${meridian}&source=CHANGE`);
    const table = queueTable(page);
    const alert = table.getByRole("row", {
      name: /Change without an approved change request in meridian-dev: Security group sg-0e1d0b0000000102/,
    });
    await expect(alert).toContainText("critical");
    await expect(
      table.getByRole("row", { name: /Change without an approved change request in meridian-dev: Database/ }),
    ).toContainText("high");

    await page.goto(`/customers/${meridian}/controls/CHG-1`);
    const activity = page.getByRole("region", { name: "Changes in the last 90 days" });
    await expect(activity.getByText("Unmatched")).toBeVisible();
    await expect(activity).toContainText(/Detected\s*[2-9]/);
    await expect(activity.getByRole("link", { name: "See the detected changes" })).toBeVisible();
  });

  test("a customer viewer reads its own detected changes", async ({ loginAs, db }) => {
    const page = await loginAs("viewer");
    const meridian = await customerId(db, "meridian-health-partners");
    await page.goto(`/customers/${meridian}/changes/detected`);
    await expect(page.getByRole("article", { name: /Security group sg-0e1d0b0000000102/ })).toBeVisible();
    const bluefin = await customerId(db, "bluefin-logistics");
    const foreign = await page.goto(`/customers/${bluefin}/changes/detected`);
    expect(foreign?.status()).toBe(404);
  });
});

test.describe("a change in the estate between two syncs", () => {
  test.setTimeout(300_000);

  test("without an approved change request it raises the alert; with one it raises nothing", async ({
    loginAs,
    db,
  }) => {
    const stamp = Date.now();
    const accountNumber = `64${String(stamp).slice(-10)}`;
    const externalId = `changes-e2e-${stamp}`;
    const customer = await createCustomer(db, { name: `Change Watch ${stamp}`, externalId });
    const account = await createAwsAccount(db, customer.id, {
      accountNumber,
      alias: `watch-${String(stamp).slice(-6)}`,
      regions: ["eu-west-1"],
    });
    const estateWith = (rules: { port: number; cidr: string }[]) => {
      const estate = fullEstate(accountNumber, {
        auditRole: {
          name: "RampartAudit",
          trustedPrincipals: ["arn:aws:iam::999999999999:user/rampart-collector"],
          externalId,
        },
      }) as { ec2: { securityGroups: { id: string; ingress: unknown[] }[] } } & Record<string, unknown>;
      estate.ec2.securityGroups = estate.ec2.securityGroups.map((group) =>
        group.id === "sg-0e1"
          ? {
              ...group,
              ingress: rules.map((rule) => ({
                protocol: "tcp",
                fromPort: rule.port,
                toPort: rule.port,
                cidrs: [rule.cidr],
              })),
            }
          : group,
      );
      return estate;
    };
    const putEstate = async (estate: unknown) => {
      const response = await fetch(`${e2eContext().simulatorUrl}/_sim/estates/${accountNumber}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(estate),
      });
      expect(response.status).toBe(200);
    };
    const page = await loginAs("admin");
    const syncNow = async () => {
      const before = await db.syncRun.count({ where: { awsAccountId: account.id } });
      await page.goto(`/customers/${customer.id}`);
      await page.getByRole("button", { name: "Sync now" }).click();
      // Wait for the run and its evaluation; change detection follows in the same follow-up.
      await expect
        .poll(
          async () => {
            const runs = await db.syncRun.findMany({
              where: { awsAccountId: account.id, status: { in: ["SUCCEEDED", "PARTIAL"] } },
              select: { evaluatedAt: true },
            });
            return runs.length > before && runs.every((run) => run.evaluatedAt !== null);
          },
          { timeout: 150_000, intervals: [1_000] },
        )
        .toBe(true);
    };
    const changeAlerts = () =>
      db.alert.findMany({ where: { awsAccountId: account.id, source: "CHANGE" }, select: { title: true } });

    // The first collection is the baseline: nothing detected.
    await putEstate(estateWith([{ port: 3389, cidr: "10.0.0.0/8" }]));
    await syncNow();
    expect(await db.detectedChange.count({ where: { awsAccountId: account.id } })).toBe(0);

    // Nobody requested this: RDP opened to the internet.
    await putEstate(estateWith([{ port: 3389, cidr: "0.0.0.0/0" }]));
    await syncNow();
    await expect.poll(async () => (await changeAlerts()).length, { timeout: 60_000 }).toBe(1);
    await page.goto(`/customers/${customer.id}/changes/detected`);
    const opened = page.getByRole("article", {
      name: /Security group sg-0e1 \(rdp\): added ingress tcp 3389 from 0\.0\.0\.0\/0/,
    });
    await expect(opened).toContainText("no change request");
    await page.goto(`/alerts?customer=${customer.id}&source=CHANGE`);
    await expect(
      queueTable(page).getByRole("row", { name: /Change without an approved change request in watch-.*sg-0e1/ }),
    ).toContainText("critical");

    // Approved, with a window from now on and the group as its component: the next change raises nothing
    // (the one above was first seen before the window started, so it stays unmatched).
    const request = await db.changeRequest.create({
      data: {
        customerId: customer.id,
        number: 1,
        title: "Allow the vendor's office on 8443",
        description: "The vendor's support tool needs 8443 from its office.",
        justification: "Support contract",
        preliminaryImpact: "One internal port",
        windowStart: new Date(),
        windowEnd: new Date(Date.now() + 3 * 3_600_000),
        windowTimeZone: "Europe/Madrid",
        responsibleRole: "Consultant",
        responsibleName: "Carla",
        status: "APPROVED",
        rollbackPlan: "Remove the rule.",
        components: {
          create: [
            { awsAccountId: account.id, region: "eu-west-1", resourceKind: "security-group", resourceId: "sg-0e1" },
          ],
        },
      },
      select: { id: true },
    });
    await putEstate(
      estateWith([
        { port: 3389, cidr: "0.0.0.0/0" },
        { port: 8443, cidr: "10.20.0.0/16" },
      ]),
    );
    await syncNow();
    await expect
      .poll(() => db.detectedChange.count({ where: { awsAccountId: account.id, changeRequestId: request.id } }), {
        timeout: 60_000,
      })
      .toBe(1);
    await page.goto(`/customers/${customer.id}/changes/detected`);
    const covered = page.getByRole("article", { name: /added ingress tcp 8443 from 10\.20\.0\.0\/16/ });
    await expect(covered).toContainText("ICR-0001");
    await expect(covered).not.toContainText("no change request");
    // Still the one alert of the change nobody requested.
    expect(await changeAlerts()).toHaveLength(1);
  });
});
