import { DAY_MS } from "../dates";
// When reviewers of an open campaign are reminded by e-mail: weekly from the start, then 3 days and 1
// day before the due date, then every day once it is overdue. Pure; the sender (a job) asks
// isReminderDue() with the time of the last reminder it sent.

export const WEEKLY_DAYS = 7;
export const FINAL_REMINDERS_DAYS_BEFORE = [3, 1] as const;

export interface ReminderScheduleInput {
  startedAt: Date;
  dueAt: Date;
  /** No reminder after this time (overdue reminders are daily until the campaign closes). */
  until: Date;
}

/**
 * Every reminder time from the start up to `until`, in order. Weekly reminders stop where the final
 * ones begin (3 days before due); reminders that would fall on or before the start are left out.
 */
export function reminderSchedule({ startedAt, dueAt, until }: ReminderScheduleInput): Date[] {
  const start = startedAt.getTime();
  const due = dueAt.getTime();
  const end = until.getTime();
  const finalStart = due - FINAL_REMINDERS_DAYS_BEFORE[0] * DAY_MS;
  const times: number[] = [];
  for (let time = start + WEEKLY_DAYS * DAY_MS; time < finalStart; time += WEEKLY_DAYS * DAY_MS) times.push(time);
  for (const days of FINAL_REMINDERS_DAYS_BEFORE) times.push(due - days * DAY_MS);
  for (let time = due + DAY_MS; time <= end; time += DAY_MS) times.push(time);
  return times
    .filter((time) => time > start && time <= end)
    .sort((a, b) => a - b)
    .map((time) => new Date(time));
}

/**
 * The latest scheduled reminder at or before `now` that has not been sent yet (nothing sent since it was
 * due), or null. A sender that was down sends one catch-up reminder, not one per missed slot.
 */
export function dueReminder(input: {
  startedAt: Date;
  dueAt: Date;
  lastRemindedAt: Date | null;
  now: Date;
}): Date | null {
  const schedule = reminderSchedule({ startedAt: input.startedAt, dueAt: input.dueAt, until: input.now });
  const latest = schedule.at(-1);
  if (!latest) return null;
  if (input.lastRemindedAt && input.lastRemindedAt.getTime() >= latest.getTime()) return null;
  return latest;
}

export function isReminderDue(input: {
  startedAt: Date;
  dueAt: Date;
  lastRemindedAt: Date | null;
  now: Date;
}): boolean {
  return dueReminder(input) !== null;
}
