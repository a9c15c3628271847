import { DAY_MS, isoDay } from "../../dates";
import type { BackupPlanEvidence, BackupRuleEvidence } from "../../evidence/contract";
import { evaluateAttestedControl } from "../attestation";
import {
  ageInDays,
  combineOutcomes,
  fail,
  isWithinDays,
  listForReason,
  notApplicable,
  parseEvidenceDate,
  pass,
} from "../outcome";
import type { ControlOutcome, ControlRule, Offender } from "../types";
import { type RegionalEvidence, readRegions } from "./regions";

// Backup and recovery (controls.md §8; SOP 000 §9, 003 §11). PATCH-1 is attested, not evaluated here.

const NO_REGION = "No region is configured for this account.";

// ---------- Schedule frequency ----------

/** How often a backup rule runs, from most to least often. */
export type BackupFrequency = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY" | "LESS_THAN_YEARLY";

const FREQUENCY_RANK: Record<BackupFrequency, number> = {
  DAILY: 4,
  WEEKLY: 3,
  MONTHLY: 2,
  YEARLY: 1,
  LESS_THAN_YEARLY: 0,
};

const FREQUENCY_LABEL: Record<BackupFrequency, string> = {
  DAILY: "daily",
  WEEKLY: "weekly",
  MONTHLY: "monthly",
  YEARLY: "yearly",
  LESS_THAN_YEARLY: "less often than yearly",
};

/** What AWS Backup runs when a rule has no expression (BackupRule.ScheduleExpression, AWS Backup API reference). */
export const DEFAULT_BACKUP_SCHEDULE = "cron(0 5 ? * * *)";

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/** Day-of-week 1–7 is SUN–SAT in AWS cron (EventBridge schedule expressions). */
const WEEKDAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface CalendarDay {
  month: number;
  date: number;
  /** 1 = Sunday … 7 = Saturday, as AWS cron counts. */
  weekday: number;
  daysInMonth: number;
}

type DayTest = (day: CalendarDay) => boolean;
const ANY_DAY: DayTest = () => true;

function parseValue(text: string, min: number, max: number, names?: readonly string[]): number | null {
  const named = names?.indexOf(text) ?? -1;
  const value = named >= 0 ? named + min : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** One list item of a numeric field: `*`, `a`, `a-b`, each optionally `/step`. Ranges wrap only where allowed. */
function parseRangeItem(
  item: string,
  min: number,
  max: number,
  names?: readonly string[],
  wraps = false,
): number[] | null {
  const match = /^(\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:\/(\d+))?$/.exec(item);
  if (!match) return null;
  const [, startText, endText, stepText] = match;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (step < 1) return null;
  const start = startText === "*" ? min : parseValue(startText, min, max, names);
  if (start === null || (startText === "*" && endText !== undefined)) return null;
  const end =
    endText !== undefined
      ? parseValue(endText, min, max, names)
      : startText === "*" || stepText !== undefined
        ? max
        : start;
  if (end === null || (end < start && !wraps)) return null;
  const span = end >= start ? end - start : end + (max - min + 1) - start;
  const values: number[] = [];
  for (let offset = 0; offset <= span; offset += step) values.push(((start - min + offset) % (max - min + 1)) + min);
  return values;
}

function parseNumericField(field: string, min: number, max: number, names?: readonly string[]): Set<number> | null {
  const values = new Set<number>();
  for (const item of field.split(",")) {
    const parsed = parseRangeItem(item, min, max, names);
    if (!parsed) return null;
    for (const value of parsed) values.add(value);
  }
  return values;
}

function anyOf(tests: DayTest[]): DayTest {
  return (day) => tests.some((test) => test(day));
}

/** The weekday nearest to `target` within the same month (`W`, as in Quartz/EventBridge cron). */
function nearestWeekday(target: number, day: CalendarDay): number | null {
  if (target > day.daysInMonth) return null;
  const weekday = ((day.weekday - 1 + (target - day.date) + 7 * 6) % 7) + 1;
  if (weekday === 7) return target === 1 ? target + 2 : target - 1;
  if (weekday === 1) return target === day.daysInMonth ? target - 2 : target + 1;
  return target;
}

function parseDayOfMonth(field: string): DayTest | null {
  if (field === "?" || field === "*") return ANY_DAY;
  const tests: DayTest[] = [];
  for (const item of field.split(",")) {
    if (item === "L") {
      tests.push((day) => day.date === day.daysInMonth);
      continue;
    }
    const weekdayMatch = /^(\d+|L)W$/.exec(item);
    if (weekdayMatch) {
      const target = weekdayMatch[1] === "L" ? null : parseValue(weekdayMatch[1], 1, 31);
      if (weekdayMatch[1] !== "L" && target === null) return null;
      tests.push((day) => nearestWeekday(target ?? day.daysInMonth, day) === day.date);
      continue;
    }
    const values = parseRangeItem(item, 1, 31);
    if (!values) return null;
    tests.push((day) => values.includes(day.date));
  }
  return anyOf(tests);
}

function parseDayOfWeek(field: string): DayTest | null {
  if (field === "?" || field === "*") return ANY_DAY;
  const tests: DayTest[] = [];
  for (const item of field.split(",")) {
    if (item === "L") {
      tests.push((day) => day.weekday === 7);
      continue;
    }
    const lastMatch = /^([A-Z0-9]+)L$/.exec(item);
    const nthMatch = /^([A-Z0-9]+)#([1-5])$/.exec(item);
    if (lastMatch) {
      const weekday = parseValue(lastMatch[1], 1, 7, WEEKDAY_NAMES);
      if (weekday === null) return null;
      tests.push((day) => day.weekday === weekday && day.date + 7 > day.daysInMonth);
      continue;
    }
    if (nthMatch) {
      const weekday = parseValue(nthMatch[1], 1, 7, WEEKDAY_NAMES);
      const nth = Number(nthMatch[2]);
      if (weekday === null) return null;
      tests.push((day) => day.weekday === weekday && Math.ceil(day.date / 7) === nth);
      continue;
    }
    const values = parseRangeItem(item, 1, 7, WEEKDAY_NAMES, true);
    if (!values) return null;
    tests.push((day) => values.includes(day.weekday));
  }
  return anyOf(tests);
}

// A whole 28-year cycle of the Gregorian calendar's weekday/leap-year pattern (within 1901–2099), so every
// combination of weekday, month length and leap day that a schedule can depend on occurs.
const SIMULATION_START_YEAR = 2024;
const SIMULATION_YEARS = 28;

function frequencyOfDays(runsOn: DayTest): BackupFrequency {
  const first = Date.UTC(SIMULATION_START_YEAR, 0, 1);
  const end = Date.UTC(SIMULATION_START_YEAR + SIMULATION_YEARS, 0, 1);
  const total = Math.round((end - first) / DAY_MS);
  const months = new Set<number>();
  const years = new Set<number>();
  let runs = 0;
  let previous = -1;
  let longestGap = 0;
  for (let index = 0; index < total; index++) {
    const date = new Date(first + index * DAY_MS);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day: CalendarDay = {
      month,
      date: date.getUTCDate(),
      weekday: date.getUTCDay() + 1,
      daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    };
    if (!runsOn(day)) continue;
    runs++;
    longestGap = Math.max(longestGap, index - previous);
    previous = index;
    months.add(year * 12 + month);
    years.add(year);
  }
  longestGap = Math.max(longestGap, total - previous);
  // Daily: every day. Weekly: never 8 days without a run. Monthly: every calendar month. Yearly: every year.
  if (runs === total) return "DAILY";
  if (longestGap <= 7) return "WEEKLY";
  if (months.size === SIMULATION_YEARS * 12) return "MONTHLY";
  if (years.size === SIMULATION_YEARS) return "YEARLY";
  return "LESS_THAN_YEARLY";
}

function cronFrequency(body: string): BackupFrequency | null {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) return null;
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  // Minutes and hours only say when in the day a run starts; they must still be valid.
  if (!parseNumericField(minutes, 0, 59) || !parseNumericField(hours, 0, 23)) return null;
  // A schedule limited to some years stops running; this parser does not judge those.
  if (year !== "*" && year !== "?") return null;
  const everyMonth = month === "*" || month === "?";
  const monthValues = everyMonth ? null : parseNumericField(month, 1, 12, MONTH_NAMES);
  if (!everyMonth && !monthValues) return null;
  const dayOfMonthTest = parseDayOfMonth(dayOfMonth);
  const dayOfWeekTest = parseDayOfWeek(dayOfWeek);
  if (!dayOfMonthTest || !dayOfWeekTest) return null;
  // AWS rejects a cron that restricts both day fields (one of them must be `?`).
  const restricts = (field: string) => field !== "?" && field !== "*";
  if (restricts(dayOfMonth) && restricts(dayOfWeek)) return null;
  return frequencyOfDays(
    (day) => (monthValues === null || monthValues.has(day.month)) && dayOfMonthTest(day) && dayOfWeekTest(day),
  );
}

function rateFrequency(body: string): BackupFrequency | null {
  const match = /^\s*(\d+)\s+(MINUTES?|HOURS?|DAYS?)\s*$/.exec(body);
  if (!match || Number(match[1]) < 1) return null;
  const unitDays = match[2].startsWith("MINUTE") ? 1 / 1440 : match[2].startsWith("HOUR") ? 1 / 24 : 1;
  const intervalDays = Number(match[1]) * unitDays;
  // A fixed interval reaches every calendar month only when ≤ 28 days, and every year when ≤ 365.
  if (intervalDays <= 1) return "DAILY";
  if (intervalDays <= 7) return "WEEKLY";
  if (intervalDays <= 28) return "MONTHLY";
  if (intervalDays <= 365) return "YEARLY";
  return "LESS_THAN_YEARLY";
}

const frequencyCache = new Map<string, BackupFrequency | null>();

/**
 * How often an AWS Backup schedule runs. `cron(Minutes Hours Day-of-month Month Day-of-week Year)` is judged from
 * its day-of-month, month and day-of-week fields (with `L`, `W` and `#`); `rate(n minutes|hours|days)` from its
 * interval. A missing expression is AWS Backup's default, daily. Null when the expression is not understood.
 */
export function backupScheduleFrequency(expression: string | null): BackupFrequency | null {
  const normalized = (expression ?? DEFAULT_BACKUP_SCHEDULE).trim().toUpperCase();
  const cached = frequencyCache.get(normalized);
  if (cached !== undefined) return cached;
  const cron = /^CRON\((.*)\)$/.exec(normalized);
  const rate = /^RATE\((.*)\)$/.exec(normalized);
  const frequency = cron ? cronFrequency(cron[1]) : rate ? rateFrequency(rate[1]) : null;
  frequencyCache.set(normalized, frequency);
  return frequency;
}

/** Whether the rule runs at least as often as `frequency`. */
export function runsAtLeast(rule: BackupRuleEvidence, frequency: BackupFrequency): boolean {
  const actual = backupScheduleFrequency(rule.scheduleExpression);
  return actual !== null && FREQUENCY_RANK[actual] >= FREQUENCY_RANK[frequency];
}

/** An absent DeleteAfterDays keeps recovery points forever. */
function keepsAtLeast(rule: BackupRuleEvidence, days: number): boolean {
  return rule.deleteAfterDays === null || rule.deleteAfterDays >= days;
}

function describeRule(rule: BackupRuleEvidence): string {
  const frequency = backupScheduleFrequency(rule.scheduleExpression);
  const runs = frequency ? FREQUENCY_LABEL[frequency] : `schedule "${rule.scheduleExpression}" not understood`;
  const kept = rule.deleteAfterDays === null ? "kept forever" : `kept ${rule.deleteAfterDays} days`;
  return `${rule.ruleName}: ${runs}, ${kept}`;
}

// ---------- Evidence in every region ----------

interface PlanInRegion {
  region: string;
  plan: BackupPlanEvidence;
}

function plansOf(collected: RegionalEvidence<"backup">[]): PlanInRegion[] {
  return collected.flatMap(({ region, data }) => data.plans.map((plan) => ({ region, plan })));
}

function noPlanFailure(regions: string[], lead: string): ControlOutcome {
  return fail(
    `No AWS Backup plan exists in ${listForReason(regions)}; ${lead}`,
    regions.map((region) => ({ kind: "region", id: region, region, detail: "no AWS Backup plan" })),
  );
}

// ---------- BAK-1: a daily plan ----------

/** SOP 000 §9: full daily backup kept at least 7 days (controls.md BAK-1; not a parameter). */
const DAILY_RETENTION_DAYS = 7;

function isDailyRule(rule: BackupRuleEvidence): boolean {
  return runsAtLeast(rule, "DAILY") && keepsAtLeast(rule, DAILY_RETENTION_DAYS);
}

function dailyPlanShortfall(plan: BackupPlanEvidence): string {
  const problems: string[] = [];
  if (plan.selections.length === 0) problems.push("no resource selection");
  if (!plan.rules.some(isDailyRule)) {
    const rules = plan.rules.length > 0 ? ` (${plan.rules.map(describeRule).join("; ")})` : " (no rules)";
    problems.push(`no daily rule kept ${DAILY_RETENTION_DAYS} days or more${rules}`);
  }
  return problems.join(" and ");
}

const evaluateDailyBackupPlan: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "backup");
  const plans = plansOf(collected);
  const qualifying = plans.find(({ plan }) => plan.selections.length > 0 && plan.rules.some(isDailyRule));
  if (qualifying) {
    const rule = qualifying.plan.rules.find(isDailyRule)!;
    return pass(
      `Backup plan ${qualifying.plan.backupPlanName} (${qualifying.region}) has a resource selection and the daily rule ${describeRule(rule)}.`,
    );
  }
  // "Some plan" may be in a region that could not be read.
  if (gaps.length > 0 || collected.length === 0) return combineOutcomes(gaps, NO_REGION);
  const lead = `create a plan with a daily rule kept at least ${DAILY_RETENTION_DAYS} days and assign resources to it.`;
  if (plans.length === 0)
    return noPlanFailure(
      collected.map(({ region }) => region),
      lead,
    );
  const offenders: Offender[] = plans.map(({ region, plan }) => ({
    kind: "backup-plan",
    id: plan.backupPlanName,
    region,
    detail: dailyPlanShortfall(plan),
  }));
  return fail(
    `No AWS Backup plan with a resource selection runs a daily rule kept at least ${DAILY_RETENTION_DAYS} days: ${listForReason(
      offenders.map((offender) => `${offender.id} (${offender.region}) has ${offender.detail}`),
    )}.`,
    offenders,
  );
};

// ---------- BAK-2: retention ladder ----------

/** SOP 000 §9's default ladder: daily 7 d, weekly 4 w, monthly 1 m, yearly 1 y (controls.md BAK-2). */
const RETENTION_TIERS = [
  { name: "daily", frequency: "DAILY", minDays: 7 },
  { name: "weekly", frequency: "WEEKLY", minDays: 28 },
  { name: "monthly", frequency: "MONTHLY", minDays: 30 },
  { name: "yearly", frequency: "YEARLY", minDays: 365 },
] as const;

const evaluateRetentionLadder: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "backup");
  if (collected.length === 0) return combineOutcomes(gaps, NO_REGION);
  const plans = plansOf(collected);
  const rules = plans.flatMap(({ region, plan }) => plan.rules.map((rule) => ({ region, plan, rule })));
  const coverage = RETENTION_TIERS.map((tier) => ({
    tier,
    by: rules.find(({ rule }) => runsAtLeast(rule, tier.frequency) && keepsAtLeast(rule, tier.minDays)),
  }));
  const missing = coverage.filter(({ by }) => !by).map(({ tier }) => tier);
  if (missing.length === 0) {
    const covered = coverage.map(
      ({ tier, by }) => `${tier.name} by ${by!.plan.backupPlanName}/${by!.rule.ruleName} (${by!.region})`,
    );
    return pass(`The backup plans cover the retention ladder: ${covered.join(", ")}.`);
  }
  // A tier may be covered by a plan in a region that could not be read.
  if (gaps.length > 0) return combineOutcomes(gaps, NO_REGION);
  const tierNames = missing.map((tier) => `${tier.name} (kept ${tier.minDays} days)`);
  const lead = `add rules for ${listForReason(tierNames)}.`;
  if (plans.length === 0)
    return noPlanFailure(
      collected.map(({ region }) => region),
      lead,
    );
  const offenders: Offender[] = missing.map((tier) => ({
    kind: "retention-tier",
    id: tier.name,
    detail: `no rule runs at least ${tier.name} and keeps recovery points ${tier.minDays} days or more`,
  }));
  const unreadable = rules.filter(({ rule }) => backupScheduleFrequency(rule.scheduleExpression) === null);
  for (const { region, plan, rule } of unreadable) {
    offenders.push({
      kind: "backup-rule",
      id: `${plan.backupPlanName}/${rule.ruleName}`,
      region,
      detail: `schedule "${rule.scheduleExpression}" not understood, so it counts for no tier`,
    });
  }
  return fail(
    `The backup plans do not cover the retention ladder: no rule for ${listForReason(tierNames)}. Existing rules: ${listForReason(
      rules.map(({ plan, rule }) => `${plan.backupPlanName}/${describeRule(rule)}`),
    )}.`,
    offenders,
  );
};

// ---------- BAK-3: recent backup jobs ----------

/** SOP 000 §9 daily backups: a job within the last 48 h (controls.md BAK-3; not a parameter). */
const BACKUP_JOB_WINDOW_DAYS = 2;
const FAILED_JOB_STATES = new Set(["FAILED", "ABORTED", "EXPIRED"]);

const evaluateRecentBackupJobs: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "backup");
  const outcomes: ControlOutcome[] = [...gaps];
  const failures: { phrase: string; offenders: Offender[] }[] = [];
  const passingRegions: string[] = [];
  for (const { region, data, asOf } of collected) {
    if (!data.plans.some((plan) => plan.selections.length > 0)) {
      outcomes.push(notApplicable(`No backup plan has a resource selection in ${region}.`));
      continue;
    }
    const completed = data.backupJobs.some((job) => {
      const completedAt = parseEvidenceDate(job.completionDate ?? job.creationDate);
      return (
        job.state?.toUpperCase() === "COMPLETED" &&
        completedAt &&
        isWithinDays(completedAt, asOf, BACKUP_JOB_WINDOW_DAYS)
      );
    });
    const latestByResource = new Map<string, { job: (typeof data.backupJobs)[number]; createdAt: Date }>();
    for (const job of data.backupJobs) {
      const createdAt = parseEvidenceDate(job.creationDate);
      if (!createdAt || !isWithinDays(createdAt, asOf, BACKUP_JOB_WINDOW_DAYS)) continue;
      const resource = job.resourceArn ?? job.backupJobId;
      const current = latestByResource.get(resource);
      if (!current || createdAt > current.createdAt) latestByResource.set(resource, { job, createdAt });
    }
    const offenders: Offender[] = [];
    if (!completed) {
      offenders.push({ kind: "region", id: region, region, detail: "no backup job completed in the last 48 hours" });
    }
    for (const [resource, { job }] of latestByResource) {
      const state = job.state?.toUpperCase() ?? "";
      if (!FAILED_JOB_STATES.has(state)) continue;
      offenders.push({
        kind: "backup-resource",
        id: resource,
        region,
        detail: `latest backup job ${job.backupJobId} ${state}${job.statusMessage ? `: ${job.statusMessage}` : ""}`,
      });
    }
    if (offenders.length === 0) {
      passingRegions.push(region);
      continue;
    }
    const failedResources = offenders.filter((offender) => offender.kind === "backup-resource").map((o) => o.id);
    const phrases: string[] = [];
    if (!completed) phrases.push("no job completed");
    if (failedResources.length > 0) phrases.push(`latest job failed for ${listForReason(failedResources, 3)}`);
    failures.push({ phrase: `${region} (${phrases.join("; ")})`, offenders });
  }
  if (failures.length > 0) {
    outcomes.push(
      fail(
        `Backups did not succeed in the last 48 hours in ${listForReason(failures.map((failure) => failure.phrase))}.`,
        failures.flatMap((failure) => failure.offenders),
      ),
    );
  }
  if (passingRegions.length > 0) {
    outcomes.push(
      pass(
        `Backup jobs completed in the last 48 hours in ${listForReason(passingRegions)}, and no protected resource's latest job failed.`,
      ),
    );
  }
  return combineOutcomes(outcomes, NO_REGION);
};

// ---------- BAK-4: restore test ----------

const evaluateRestoreTest: ControlRule = (context) => {
  const maxAgeDays = context.params.restoreTestMaxAgeDays;
  const { collected, gaps } = readRegions(context, "backup");
  const restores = collected.flatMap(({ region, data, asOf }) =>
    data.restoreJobs.flatMap((job) => {
      const completedAt = parseEvidenceDate(job.completionDate);
      return job.status?.toUpperCase() === "COMPLETED" && completedAt && isWithinDays(completedAt, asOf, maxAgeDays)
        ? [{ region, job, completedAt, asOf }]
        : [];
    }),
  );
  const latest = restores.reduce<(typeof restores)[number] | null>(
    (best, restore) => (!best || restore.completedAt > best.completedAt ? restore : best),
    null,
  );
  if (latest) {
    return pass(
      `Restore job ${latest.job.restoreJobId} (${latest.region}) completed on ${isoDay(latest.completedAt)}, ${ageInDays(latest.completedAt, latest.asOf)} days before collection (within ${maxAgeDays}).`,
    );
  }
  // Otherwise an attestation decides, as for any attested control (lib/controls/attestation.ts).
  const attested = evaluateAttestedControl("BAK-4", context);
  const noRestore = `No restore job completed within ${maxAgeDays} days`;
  if (attested.status === "PASS") {
    // Say what was read: where restore jobs could not be read, no claim is made about them.
    const unread = gaps.map((gap) => gap.reason.replace(/^Evidence missing: /, "").replace(/\.$/, ""));
    const read = collected.map(({ region }) => region);
    const lead =
      unread.length === 0
        ? noRestore
        : read.length === 0
          ? `Restore jobs could not be read (${unread.join("; ")})`
          : `${noRestore} in ${listForReason(read)}; restore jobs elsewhere could not be read (${unread.join("; ")})`;
    return { ...attested, reason: `${lead}. ${attested.reason}` };
  }
  // A restore job may be in a region that could not be read.
  if (gaps.length > 0 || collected.length === 0) return combineOutcomes(gaps, NO_REGION);
  return {
    ...attested,
    reason: `${noRestore}: run a restore test, or attest one. ${attested.reason}`,
    offenders: [
      {
        kind: "account",
        id: context.account.accountNumber,
        detail: `no completed restore job within ${maxAgeDays} days in ${listForReason(collected.map(({ region }) => region))}`,
      },
      ...attested.offenders,
    ],
  };
};

export const BACKUP_RULES: Record<string, ControlRule> = {
  "BAK-1": evaluateDailyBackupPlan,
  "BAK-2": evaluateRetentionLadder,
  "BAK-3": evaluateRecentBackupJobs,
  "BAK-4": evaluateRestoreTest,
};
