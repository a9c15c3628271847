import { z } from "zod";
import { AppError } from "../errors";

// The instant and period a pack covers. Default as-of: now. Default period: the last full calendar
// quarter (UTC) before the as-of, which is what an auditor asks for ("Q3 evidence").

export interface PackPeriod {
  /** Inclusive start. */
  from: Date;
  /** Exclusive end. */
  to: Date;
}

/** The last full calendar quarter (UTC) that ends at or before `asOf`. */
export function lastFullQuarter(asOf: Date): PackPeriod {
  const quarterStartMonth = Math.floor(asOf.getUTCMonth() / 3) * 3;
  const to = new Date(Date.UTC(asOf.getUTCFullYear(), quarterStartMonth, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 3, 1));
  return { from, to };
}

/** "2026-Q3" for a period that is exactly one calendar quarter, else "2026-07-01 – 2026-09-30". */
export function periodLabel(period: PackPeriod): string {
  const quarter = lastFullQuarter(period.to);
  if (quarter.from.getTime() === period.from.getTime() && quarter.to.getTime() === period.to.getTime()) {
    return `${period.from.getUTCFullYear()}-Q${Math.floor(period.from.getUTCMonth() / 3) + 1}`;
  }
  const lastDay = new Date(period.to.getTime() - 1);
  return `${period.from.toISOString().slice(0, 10)} – ${lastDay.toISOString().slice(0, 10)}`;
}

/**
 * What a pack cannot show for a period that starts before the customer's first collection: Rampart holds no
 * collection runs, results or alerts from before it, so that part of the period is empty by absence, not
 * because nothing happened. Null when the first collection is at or before the period's start.
 */
export function periodCoverageLimitation(period: PackPeriod, firstCollectedAt: Date): string | null {
  if (firstCollectedAt.getTime() <= period.from.getTime()) return null;
  const first = firstCollectedAt.toISOString().slice(0, 16).replace("T", " ");
  return firstCollectedAt.getTime() >= period.to.getTime()
    ? `Rampart's first collection for this customer was at ${first} UTC, after the period ended: the period's collection runs, alerts and reviews are empty because Rampart was not collecting yet, and each result is shown as it stood at the as-of.`
    : `Rampart's first collection for this customer was at ${first} UTC, after the period began: the period is covered from then on only.`;
}

const instant = z.coerce.date({ message: "Enter a date and time (ISO 8601, e.g. 2026-09-30T23:59:59Z)" });

/** What a person (form, CLI) asks for; empty fields take the defaults. */
export const packRequestSchema = z
  .object({
    asOf: instant.optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .superRefine((value, context) => {
    if ((value.from === undefined) !== (value.to === undefined)) {
      context.addIssue({
        code: "custom",
        path: [value.from === undefined ? "from" : "to"],
        message: "Give both the start and the end of the period, or neither for the last full quarter",
      });
    }
    if (value.from && value.to && value.to.getTime() <= value.from.getTime()) {
      context.addIssue({ code: "custom", path: ["to"], message: "The period must end after it starts" });
    }
  });

export interface ResolvedPackRequest extends PackPeriod {
  asOf: Date;
}

/** Fills the defaults. `now` is the caller's clock (the only place a pack reads the time). */
export function resolvePackRequest(request: z.output<typeof packRequestSchema>, now: Date): ResolvedPackRequest {
  const asOf = request.asOf ?? now;
  // A future as-of would make the "same" pack change as time passes.
  if (asOf.getTime() > now.getTime()) {
    throw new AppError("BAD_INPUT", "The as-of instant cannot be in the future", {
      fieldErrors: { asOf: "The as-of instant cannot be in the future" },
    });
  }
  const period = request.from && request.to ? { from: request.from, to: request.to } : lastFullQuarter(asOf);
  return { asOf, ...period };
}
