import { CustomerCombobox } from "@/components/customers/customer-combobox";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import {
  AGE_FILTERS,
  AGE_LABELS,
  type AlertQueueQuery,
  QUEUE_SORTS,
  SLA_FILTER_LABELS,
  SLA_FILTERS,
  SORT_LABELS,
  severityLabel,
} from "@/lib/alerts/queue-query";
import { ALERT_SEVERITIES } from "@/lib/alerts/sla";
import { ALERT_SOURCES, SOURCE_LABELS } from "@/lib/alerts/source-names";
import { ALERT_STATUSES, STATUS_LABELS } from "@/lib/alerts/workflow";

/**
 * The queue's filters as a plain GET form: the view lives in the URL (shareable, back-button safe) and
 * works without JavaScript. Applying starts again at page 1.
 */
export function AlertFilters({
  query,
  customerFilter,
  staff,
  showAssignee,
}: {
  query: AlertQueueQuery;
  /** Whether the actor has customers to choose between, and the one the query names (if in scope). */
  customerFilter: { hasChoice: boolean; selected: { id: string; name: string } | null };
  staff: { id: string; name: string }[];
  showAssignee: boolean;
}) {
  const severities = new Set(query.severity ?? []);
  return (
    <search aria-label="Filter the alert queue" className="mb-4 block">
      <form
        method="get"
        action="/alerts"
        className="grid items-end gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-4"
      >
        {customerFilter.hasChoice ? (
          <Field id="alert-filter-customer" label="Customer">
            <CustomerCombobox
              id="alert-filter-customer"
              name="customer"
              allLabel="Every customer"
              selected={customerFilter.selected}
            />
          </Field>
        ) : null}
        <Field id="alert-filter-status" label="Status">
          <Select id="alert-filter-status" name="status" defaultValue={query.status}>
            <option value="open">Open (new, acknowledged, in progress)</option>
            <option value="all">Any status</option>
            {ALERT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </Field>
        {showAssignee ? (
          <Field id="alert-filter-assignee" label="Assignee">
            <Select id="alert-filter-assignee" name="assignee" defaultValue={query.assignee ?? ""}>
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Unassigned</option>
              {staff.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field id="alert-filter-source" label="Source">
          <Select id="alert-filter-source" name="source" defaultValue={query.source ?? ""}>
            <option value="">Every source</option>
            {ALERT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {SOURCE_LABELS[source]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="alert-filter-age" label="Age">
          <Select id="alert-filter-age" name="age" defaultValue={query.age ?? ""}>
            <option value="">Any age</option>
            {AGE_FILTERS.map((age) => (
              <option key={age} value={age}>
                {AGE_LABELS[age]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="alert-filter-sla" label="SLA">
          <Select id="alert-filter-sla" name="sla" defaultValue={query.sla ?? ""}>
            <option value="">Any SLA state</option>
            {SLA_FILTERS.map((sla) => (
              <option key={sla} value={sla}>
                {SLA_FILTER_LABELS[sla]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="alert-filter-sort" label="Sort by">
          <Select id="alert-filter-sort" name="sort" defaultValue={query.sort}>
            {QUEUE_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-800">Severity</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {ALERT_SEVERITIES.map((severity) => (
              <label key={severity} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="severity"
                  value={severity}
                  defaultChecked={severities.has(severity)}
                  className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                />
                {severityLabel(severity)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex gap-2 lg:col-span-2 lg:justify-end">
          {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
          <Button type="submit">Apply filters</Button>
          <ButtonLink variant="ghost" href="/alerts">
            Clear
          </ButtonLink>
        </div>
      </form>
    </search>
  );
}
