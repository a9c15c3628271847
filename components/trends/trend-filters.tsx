import Link from "next/link";
import { CustomerCombobox } from "@/components/customers/customer-combobox";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { TREND_RANGES, type TrendRange } from "@/lib/trends/score-changes";
import { trendsHref } from "./trends-href";

/**
 * The range (links, so each range has its own URL and works without JavaScript) and the customer shown
 * (a GET form keeping the range; the customer is searched on the server, not listed in the page).
 */
export function TrendFilters({
  range,
  selected,
  allLabel,
}: {
  range: TrendRange;
  selected: { id: string; name: string } | null;
  allLabel: string;
}) {
  const selectedId = selected?.id ?? null;
  return (
    <div className="no-print mb-6 flex flex-wrap items-end justify-between gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <nav aria-labelledby="trend-range-label">
        <p id="trend-range-label" className="mb-1 text-sm font-medium text-slate-800">
          Range
        </p>
        <ul className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300">
          {TREND_RANGES.map((days) => {
            const current = days === range;
            return (
              <li key={days} className="border-l border-slate-300 first:border-l-0">
                <Link
                  href={trendsHref(days, selectedId ?? undefined)}
                  aria-current={current ? "page" : undefined}
                  className={cn(
                    "block px-3 py-2 text-sm font-medium",
                    current ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50",
                  )}
                >
                  {days} days
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form
        method="get"
        action="/trends"
        aria-label="Choose the customer the trends show"
        className="flex items-end gap-2"
      >
        <input type="hidden" name="range" value={range} />
        <Field id="trends-customer" label="Trends for">
          <CustomerCombobox
            id="trends-customer"
            name="customer"
            allLabel={allLabel}
            selected={selected}
            className="min-w-56"
          />
        </Field>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Show
        </button>
      </form>
    </div>
  );
}
