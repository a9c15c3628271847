import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { PortfolioQuery, SortDirection } from "@/lib/portfolio/view-query";

/**
 * Search and filters as a plain GET form, so the view lives in the URL (shareable, back-button safe)
 * and works without JavaScript. The sort is kept; the page starts again at 1.
 */
export function PortfolioFilters({ query }: { query: PortfolioQuery & { dir: SortDirection } }) {
  return (
    <form
      method="get"
      action="/portfolio"
      aria-label="Filter the portfolio"
      className="mb-4 grid items-end gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto_auto]"
    >
      <Field id="portfolio-search" label="Search by name">
        <Input
          id="portfolio-search"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          maxLength={100}
          autoComplete="off"
          placeholder="Name or slug"
        />
      </Field>
      <Field id="portfolio-grade" label="Grade">
        <Select id="portfolio-grade" name="grade" defaultValue={query.grade ?? ""}>
          <option value="">Any grade</option>
          {(["A", "B", "C", "D", "F"] as const).map((grade) => (
            <option key={grade} value={grade}>
              {grade}
            </option>
          ))}
          <option value="none">No score</option>
        </Select>
      </Field>
      <label className="flex items-center gap-2 pb-2 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          name="attention"
          value="1"
          defaultChecked={query.attention}
          className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
        />
        Needs attention only
      </label>
      <div className="flex gap-2">
        {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        <input type="hidden" name="dir" value={query.dir} />
        <Button type="submit">Apply</Button>
        <ButtonLink variant="ghost" href="/portfolio">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
