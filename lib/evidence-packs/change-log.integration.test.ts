import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { DAY_MS } from "../dates";
import { loadPackChangeLog } from "./change-log";
import { packChangeLogCsv } from "./render-csv";

// The evidence pack's change-log chapter: the changes closed into the ICR log in the period, as of the
// as-of, of this customer only, with approvals and the final result (JSON and CSV).

describe("the change-log chapter of an evidence pack", () => {
  it("lists the changes closed in the period, nothing else", async () => {
    const customer = await createCustomer(db());
    const other = await createCustomer(db());
    const account = await createAwsAccount(db(), customer.id, { alias: "prod", accountNumber: "123456789012" });
    const otherAccount = await createAwsAccount(db(), other.id);
    const manager = await createUser(db(), { role: "MANAGER", name: "Maya Manager" });
    const now = Date.now();
    const from = new Date(now - 90 * DAY_MS);
    const to = new Date(now - DAY_MS);
    const asOf = new Date(now - 5 * DAY_MS);
    let number = 0;
    const change = (
      owner: { customerId: string; accountId: string },
      status: "CLOSED" | "IN_PROGRESS",
      closedDaysAgo: number | null,
      title: string,
    ) => {
      number += 1;
      const closedAt = closedDaysAgo === null ? null : new Date(now - closedDaysAgo * DAY_MS);
      return db().changeRequest.create({
        data: {
          customerId: owner.customerId,
          number,
          title,
          description: "d",
          justification: "j",
          preliminaryImpact: "p",
          windowStart: new Date(now - 40 * DAY_MS),
          windowEnd: new Date(now - 40 * DAY_MS + 3_600_000),
          windowTimeZone: "Europe/Madrid",
          responsibleRole: "Cloud consultant",
          responsibleName: "Carlos",
          status,
          rollbackPlan: "Restore the previous rules.",
          rollbackInvoked: title.includes("rolled back"),
          outcome: status === "CLOSED" ? (title.includes("rolled back") ? "ROLLED_BACK" : "SUCCESSFUL") : null,
          finalResult: status === "CLOSED" ? `Result of ${title}` : null,
          closedAt,
          components: {
            create: [
              {
                awsAccountId: owner.accountId,
                region: "eu-west-1",
                resourceKind: "security-group",
                resourceId: "sg-1",
              },
            ],
          },
          approvals: {
            create: [
              {
                role: "TECHNICAL_MANAGER",
                verdict: "APPROVED",
                approverId: manager.id,
                comment: "Go ahead.",
                createdAt: new Date(now - 41 * DAY_MS),
              },
            ],
          },
        },
      });
    };
    const own = { customerId: customer.id, accountId: account.id };
    await change(own, "CLOSED", 30, "Close SSH");
    await change(own, "CLOSED", 20, "Rotate keys, rolled back");
    await change(own, "CLOSED", 120, "Before the period");
    await change(own, "CLOSED", 3, "After the as-of");
    await change(own, "IN_PROGRESS", null, "Still running");
    await change({ customerId: other.id, accountId: otherAccount.id }, "CLOSED", 30, "Another customer's change");

    const log = await loadPackChangeLog(db(), { customerId: customer.id, from, to, asOf });
    expect(log.map((entry) => entry.title)).toEqual(["Close SSH", "Rotate keys, rolled back"]);
    expect(log[1]).toMatchObject({
      number: "ICR-0002",
      components: ["prod (123456789012): Security group sg-1 in eu-west-1"],
      approvals: [{ role: "TECHNICAL_MANAGER", verdict: "APPROVED", approver: "Maya Manager", comment: "Go ahead." }],
      rollbackInvoked: true,
      outcome: "ROLLED_BACK",
      finalResult: "Result of Rotate keys, rolled back",
    });
    const csv = packChangeLogCsv(log).trim().split("\n");
    expect(csv[0]).toMatch(/^number,title,window_start/);
    expect(csv).toHaveLength(3);
    expect(csv[2]).toContain("ROLLED_BACK");
  });
});
