import { describe, expect, it } from "vitest";
import { addDaysToIsoDay, utcToday } from "../dates";
import {
  assignAlertSchema,
  BULK_MAX_ALERTS,
  bulkAlertSchema,
  changeAlertStatusSchema,
  commentOnAlertSchema,
  suppressAlertSchema,
  updateAlertSlaSchema,
} from "./alert-schemas";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("alert action schemas", () => {
  it("status moves: only the button moves, an optional note", () => {
    expect(changeAlertStatusSchema.parse({ alertId: "a1", to: "ACKNOWLEDGED" })).toEqual({
      alertId: "a1",
      to: "ACKNOWLEDGED",
      note: null,
    });
    expect(messages(changeAlertStatusSchema.safeParse({ alertId: "a1", to: "SUPPRESSED" }))).toEqual([
      "Choose what to do with the alert",
    ]);
    expect(changeAlertStatusSchema.safeParse({ alertId: "", to: "NEW" }).success).toBe(false);
  });

  it("assignment: an empty assignee unassigns", () => {
    expect(assignAlertSchema.parse({ alertId: "a1", assigneeId: "" }).assigneeId).toBeNull();
    expect(assignAlertSchema.parse({ alertId: "a1", assigneeId: null }).assigneeId).toBeNull();
    expect(assignAlertSchema.parse({ alertId: "a1", assigneeId: " u1 " }).assigneeId).toBe("u1");
  });

  it("comments: not empty, not huge", () => {
    expect(messages(commentOnAlertSchema.safeParse({ alertId: "a1", body: "   " }))).toEqual(["Write a comment"]);
    expect(commentOnAlertSchema.safeParse({ alertId: "a1", body: "x".repeat(4001) }).success).toBe(false);
  });

  it("suppression: a reason of 10+ characters and a future end day", () => {
    const tomorrow = addDaysToIsoDay(utcToday(), 1);
    expect(suppressAlertSchema.safeParse({ alertId: "a1", reason: "Accepted risk", expiresAt: tomorrow }).success).toBe(
      true,
    );
    expect(messages(suppressAlertSchema.safeParse({ alertId: "a1", reason: "short", expiresAt: tomorrow }))).toEqual([
      "Give the reason for the suppression (at least 10 characters)",
    ]);
    expect(
      messages(suppressAlertSchema.safeParse({ alertId: "a1", reason: "Accepted risk", expiresAt: utcToday() })),
    ).toEqual(["Choose a date after today"]);
    expect(
      messages(suppressAlertSchema.safeParse({ alertId: "a1", reason: "Accepted risk", expiresAt: "31/12/2030" })),
    ).toEqual(["Choose the end as a date (YYYY-MM-DD)"]);
  });

  it("bulk: one of three operations over 1 to 100 distinct alerts", () => {
    expect(bulkAlertSchema.parse({ operation: "acknowledge", alertIds: ["a", "a", "b"] })).toEqual({
      operation: "acknowledge",
      alertIds: ["a", "b"],
    });
    expect(messages(bulkAlertSchema.safeParse({ operation: "acknowledge", alertIds: [] }))).toEqual([
      "Select at least one alert",
    ]);
    const tooMany = Array.from({ length: BULK_MAX_ALERTS + 1 }, (_, index) => `a${index}`);
    expect(messages(bulkAlertSchema.safeParse({ operation: "acknowledge", alertIds: tooMany }))).toEqual([
      `Select at most ${BULK_MAX_ALERTS} alerts at a time`,
    ]);
    expect(bulkAlertSchema.safeParse({ operation: "suppress", alertIds: ["a"] }).success).toBe(false);
    expect(bulkAlertSchema.safeParse({ operation: "delete", alertIds: ["a"] }).success).toBe(false);
  });

  it("customer SLA: hours per severity, empty fields keep the default, ordered by severity", () => {
    expect(updateAlertSlaSchema.parse({ customerId: "c1", critical: "12", high: "", low: 500 })).toEqual({
      customerId: "c1",
      alertSla: { critical: 12, low: 500 },
    });
    expect(messages(updateAlertSlaSchema.safeParse({ customerId: "c1", critical: "soon" }))).toEqual([
      "Enter a number of hours, or leave it empty for the default",
    ]);
    expect(messages(updateAlertSlaSchema.safeParse({ customerId: "c1", high: "2000" }))[0]).toMatch(/critical ≤ high/);
  });
});
