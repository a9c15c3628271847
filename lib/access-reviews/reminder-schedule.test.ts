import { describe, expect, it } from "vitest";
import { dueReminder, isReminderDue, reminderSchedule } from "./reminder-schedule";

const day = (value: string) => new Date(`${value}T09:00:00.000Z`);
const days = (dates: Date[]) => dates.map((date) => date.toISOString().slice(0, 10));

describe("reminderSchedule", () => {
  it("weekly, then 3 days and 1 day before due, then daily when overdue", () => {
    const schedule = reminderSchedule({
      startedAt: day("2026-10-01"),
      dueAt: day("2026-10-31"),
      until: day("2026-11-03"),
    });
    expect(days(schedule)).toEqual([
      "2026-10-08",
      "2026-10-15",
      "2026-10-22",
      "2026-10-28",
      "2026-10-30",
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
    ]);
  });

  it("a weekly reminder that would fall on or after the 3-days-before one is dropped", () => {
    const schedule = reminderSchedule({
      startedAt: day("2026-10-01"),
      dueAt: day("2026-10-11"),
      until: day("2026-10-11"),
    });
    expect(days(schedule)).toEqual(["2026-10-08", "2026-10-10"]);
  });

  it("a campaign due in 2 days gets only the 1-day reminder", () => {
    const schedule = reminderSchedule({
      startedAt: day("2026-10-01"),
      dueAt: day("2026-10-03"),
      until: day("2026-10-03"),
    });
    expect(days(schedule)).toEqual(["2026-10-02"]);
  });

  it("nothing after `until`", () => {
    const schedule = reminderSchedule({
      startedAt: day("2026-10-01"),
      dueAt: day("2026-10-31"),
      until: day("2026-10-10"),
    });
    expect(days(schedule)).toEqual(["2026-10-08"]);
  });
});

describe("dueReminder", () => {
  const campaign = { startedAt: day("2026-10-01"), dueAt: day("2026-10-31") };

  it("nothing is due before the first weekly reminder", () => {
    expect(isReminderDue({ ...campaign, lastRemindedAt: null, now: day("2026-10-07") })).toBe(false);
  });

  it("the latest slot is due when it was not sent; one catch-up after a gap, not one per missed slot", () => {
    expect(dueReminder({ ...campaign, lastRemindedAt: null, now: day("2026-10-23") })?.toISOString()).toBe(
      day("2026-10-22").toISOString(),
    );
    expect(isReminderDue({ ...campaign, lastRemindedAt: day("2026-10-22"), now: day("2026-10-23") })).toBe(false);
  });

  it("daily once overdue", () => {
    expect(isReminderDue({ ...campaign, lastRemindedAt: day("2026-11-01"), now: day("2026-11-01") })).toBe(false);
    expect(isReminderDue({ ...campaign, lastRemindedAt: day("2026-11-01"), now: day("2026-11-02") })).toBe(true);
  });
});
