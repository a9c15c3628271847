import { changeDaysOf, type DemoTimeline } from "../../simulator/estates/demo/timeline";

// When the history replay collects an account (days ago, oldest first): the first day of its history
// (the window's start, or its onboarding day), then every `every` days, plus every day its estate
// changes in the timeline, so a change is never seen late. Every other day is evaluated on the latest
// collection before it, as weekly syncs would be.

export function collectionDaysOf(input: {
  days: number;
  every: number;
  accountNumber: string;
  timeline: DemoTimeline;
}): number[] {
  if (!Number.isInteger(input.every) || input.every < 1) throw new Error("collectEveryDays must be a whole number ≥ 1");
  const start = Math.min(input.days, input.timeline.onboardedDaysAgo[input.accountNumber] ?? input.days);
  if (start < 1) return [];
  const days = new Set<number>();
  for (let daysAgo = start; daysAgo >= 1; daysAgo -= input.every) days.add(daysAgo);
  for (const change of changeDaysOf(input.accountNumber, input.timeline)) {
    if (change >= 1 && change <= start) days.add(change);
  }
  return [...days].sort((a, b) => b - a);
}

/** The collection a day is evaluated on: the latest one on or before it (schedule from collectionDaysOf). */
export function collectionDayFor(schedule: readonly number[], daysAgo: number): number {
  let chosen: number | undefined;
  for (const collectionDay of schedule) if (collectionDay >= daysAgo) chosen = collectionDay;
  if (chosen === undefined) throw new Error(`no collection on or before ${daysAgo} days ago`);
  return chosen;
}
