"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { type KeyboardEvent as ReactKeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { ConfirmOverwrite } from "@/components/forms/confirm-overwrite";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Th } from "@/components/ui/table";
import type { BulkAlertInput } from "@/lib/actions/alert-schemas";
import { bulkAlertAction } from "@/lib/actions/alerts";
import { type AlertQueueQuery, alertQueueHref, DEFAULT_SORT_DIRECTION, type QueueSort } from "@/lib/alerts/queue-query";
import { type AlertStatus, STATUS_LABELS } from "@/lib/alerts/workflow";
import { alertKeys } from "@/lib/api-client/alerts";
import { resourceLabel } from "@/lib/controls/resource-label";
import type { TriageStaff } from "@/lib/queries/alerts";
import { AlertStatusBadge, SeverityBadge, SlaBadge } from "./alert-badges";
import type { QueueRowView } from "./queue-rows";

// Rows, cells, row checkboxes, alert links and their second lines styled once here, not on each of 50 rows × 9 cells.
const QUEUE_BODY = [
  "divide-y divide-slate-100 [&>tr]:outline-none [&>tr:focus-visible]:ring-2 [&>tr:focus-visible]:ring-inset",
  "[&>tr:focus-visible]:ring-brand-600 [&>tr>td]:px-3 [&>tr>td]:py-2 [&>tr>td]:align-top [&>tr>td]:text-slate-800",
  "[&_input]:h-4 [&_input]:w-4 [&_input]:rounded [&_input]:border-slate-300 [&_input]:text-brand-600",
  "[&_input:focus]:ring-brand-600 [&_td>a]:font-medium",
  "[&_td>a]:text-brand-700 [&_td>a:hover]:underline [&_[data-sub]]:text-xs [&_[data-sub]]:text-slate-500",
].join(" ");

// The queue table: sortable columns, row selection and bulk acknowledge / assign / suppress, and the
// keyboard: j or ↓ moves down, k or ↑ moves up, Enter opens the alert, x selects it. Letters work
// anywhere on the page outside form fields; arrows while focus is in the table (so the page still scrolls).

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return (
    element.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName) ||
    element.closest("[data-bulk-form]") !== null
  );
}

export function AlertQueue({
  rows,
  caption,
  query,
  canTriage,
  staff,
  suppressionDates,
}: {
  rows: QueueRowView[];
  caption: string;
  query: AlertQueueQuery;
  canTriage: boolean;
  staff: TriageStaff[];
  suppressionDates: { min: string; max: string };
}) {
  const router = useRouter();
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const tableRef = useRef<HTMLTableElement>(null);

  // A refreshed page may have dropped some rows: keep only selections that are still listed.
  useEffect(() => {
    const ids = new Set(rows.map((row) => row.id));
    setSelected((current) => new Set([...current].filter((id) => ids.has(id))));
    setActive((current) => Math.min(current, rows.length - 1));
  }, [rows]);

  const moveTo = useCallback(
    (index: number) => {
      if (rows.length === 0) return;
      const next = Math.max(0, Math.min(rows.length - 1, index));
      setActive(next);
      const element = rowRefs.current[next];
      element?.focus();
      element?.scrollIntoView?.({ block: "nearest" });
    },
    [rows.length],
  );

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const inTable = tableRef.current?.contains(event.target as Node) ?? false;
      if (event.key === "j" || (inTable && event.key === "ArrowDown")) {
        event.preventDefault();
        moveTo(active + 1);
      } else if (event.key === "k" || (inTable && event.key === "ArrowUp")) {
        event.preventDefault();
        moveTo(active <= 0 ? 0 : active - 1);
      } else if (event.key === "x" && canTriage && active >= 0 && rows[active]) {
        event.preventDefault();
        toggle(rows[active].id);
      } else if (event.key === "Enter" && active >= 0 && rows[active]) {
        // Enter on a link or button inside the row keeps its own meaning.
        const target = event.target as HTMLElement;
        if (target.closest("a, button") && !target.matches("tr")) return;
        event.preventDefault();
        router.push(`/alerts/${rows[active].id}`);
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [active, canTriage, moveTo, router, rows, toggle]);

  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const selectedRows = useMemo(() => rows.filter((row) => selected.has(row.id)), [rows, selected]);

  return (
    <div className="space-y-3">
      {canTriage ? (
        <BulkBar
          selectedRows={selectedRows}
          staff={staff}
          suppressionDates={suppressionDates}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      <div className="relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table
          ref={tableRef}
          className="min-w-full divide-y divide-slate-200 text-sm"
          aria-describedby="alert-keyboard-help"
        >
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {canTriage ? (
                <Th className="w-8">
                  <input
                    type="checkbox"
                    aria-label="Select every alert on this page"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((row) => row.id)))}
                    className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                  />
                </Th>
              ) : null}
              <SortHeader label="Severity" sort="severity" query={query} />
              <Th>Alert</Th>
              <SortHeader label="Customer / account" sort="customer" query={query} />
              <Th>Region / resource</Th>
              <Th>Assignee</Th>
              <Th>Status</Th>
              <SortHeader label="Opened" sort="age" query={query} />
              <SortHeader label="SLA" sort="due" query={query} />
            </tr>
          </thead>
          <tbody className={QUEUE_BODY}>
            {rows.map((row, index) => {
              const isSelected = selected.has(row.id);
              return (
                <tr
                  key={row.id}
                  ref={(element) => {
                    rowRefs.current[index] = element;
                  }}
                  tabIndex={index === Math.max(active, 0) ? 0 : -1}
                  aria-selected={canTriage ? isSelected : undefined}
                  data-active={index === active ? "true" : undefined}
                  data-alert-id={row.id}
                  onFocus={() => setActive(index)}
                  onKeyDown={(event: ReactKeyboardEvent<HTMLTableRowElement>) => {
                    if (event.key === " " && canTriage && event.target === event.currentTarget) {
                      event.preventDefault();
                      toggle(row.id);
                    }
                  }}
                  className={`${index === active ? "bg-brand-50" : "hover:bg-slate-50"}${isSelected ? " bg-amber-50" : ""}${
                    row.slaState === "breached" ? " border-l-4 border-l-red-500" : ""
                  }`}
                >
                  {canTriage ? (
                    <td>
                      <input
                        type="checkbox"
                        tabIndex={-1}
                        aria-label={`Select ${row.title}`}
                        checked={isSelected}
                        onChange={() => toggle(row.id)}
                      />
                    </td>
                  ) : null}
                  <td>
                    <SeverityBadge severity={row.severity} />
                  </td>
                  <td className="max-w-md">
                    <Link href={`/alerts/${row.id}`} tabIndex={-1}>
                      {row.title}
                    </Link>
                    <div data-sub="">
                      {row.sourceLabel} · {row.rule}
                      {row.occurrences > 1 ? ` · seen ${row.occurrences} times, last ${row.lastSeenText}` : ""}
                    </div>
                  </td>
                  <td>
                    <div>{row.customer.name}</div>
                    <div data-sub="">
                      {row.account ? `${row.account.alias} (${row.account.accountNumber})` : "every account"}
                    </div>
                  </td>
                  <td className="max-w-xs text-xs">
                    <div>{row.region ?? "—"}</div>
                    <div className="truncate text-slate-500" title={row.resource ?? undefined}>
                      {row.resource ? resourceLabel(row.resource) : "—"}
                    </div>
                  </td>
                  <td className="text-xs">{row.assignee ?? <span className="text-slate-500">unassigned</span>}</td>
                  <td>
                    <AlertStatusBadge status={row.status} />
                  </td>
                  <td className="whitespace-nowrap text-xs">
                    <time dateTime={row.openedAt} title={row.openedAt}>
                      {row.openedText}
                    </time>
                  </td>
                  <td className="whitespace-nowrap">
                    <SlaBadge state={row.slaState} text={row.slaText} dueAt={row.dueAt} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SortHeader({ label, sort, query }: { label: string; sort: QueueSort; query: AlertQueueQuery }) {
  const current = query.dir ?? DEFAULT_SORT_DIRECTION[query.sort];
  const activeSort = query.sort === sort;
  const dir = activeSort ? (current === "asc" ? "desc" : "asc") : DEFAULT_SORT_DIRECTION[sort];
  return (
    <Th aria-sort={activeSort ? (current === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        href={alertQueueHref(query, { sort, dir, page: 1 })}
        className="inline-flex items-center gap-1 rounded-sm hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
        title={`Sort by ${label.toLowerCase()}, ${dir === "asc" ? "ascending" : "descending"}`}
      >
        {label}
        <span aria-hidden="true" className={activeSort ? "text-slate-900" : "text-slate-400"}>
          {activeSort ? (current === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </Th>
  );
}

type BulkMode = "assign" | "suppress" | null;
/** The bulk operations that can replace someone's earlier choice (an assignee, a triage status). */
type ReplacingInput = Exclude<BulkAlertInput, { operation: "acknowledge" }>;

/** Acknowledge, assign or suppress the selected alerts: the server applies it to all of them or to none. */
function BulkBar({
  selectedRows,
  staff,
  suppressionDates,
  onDone,
}: {
  selectedRows: QueueRowView[];
  staff: TriageStaff[];
  suppressionDates: { min: string; max: string };
  onDone: () => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<BulkMode>(null);
  const [pending, setPending] = useState<{ input: ReplacingInput; replaced: QueueRowView[]; what: string } | null>(
    null,
  );
  const { execute, result, isPending, reset } = useAction(bulkAlertAction, {
    onSettled: () => setPending(null),
    onSuccess: () => {
      onDone();
      setMode(null);
      router.refresh();
      void queryClient.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
  const count = selectedRows.length;
  const ids = selectedRows.map((row) => row.id);
  const customers = new Set(selectedRows.map((row) => row.customer.id));
  // Only people who look after every selected alert's customer can take them all.
  const assignable = staff.filter(
    (person) => person.customerIds === "all" || [...customers].every((id) => person.customerIds.includes(id)),
  );
  const errors = fieldErrorsOf(result);
  const done = result.data
    ? `${result.data.changed} of ${result.data.selected} selected alert${result.data.selected === 1 ? "" : "s"} ${
        result.data.operation === "acknowledge"
          ? "acknowledged"
          : result.data.operation === "assign"
            ? "reassigned"
            : "suppressed"
      }${result.data.changed < result.data.selected ? " (the others already were)" : ""}.`
    : undefined;

  return (
    <section aria-label="Bulk actions" className="rounded-lg bg-white p-3 ring-1 ring-slate-200" data-bulk-form="">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-700" aria-live="polite">
          {count === 0 ? "Select alerts (x or the checkboxes) to act on several at once." : `${count} selected`}
        </span>
        <Button
          variant="secondary"
          disabled={count === 0 || isPending}
          onClick={() => {
            reset();
            execute({ operation: "acknowledge", alertIds: ids });
          }}
        >
          Acknowledge selected
        </Button>
        <Button
          variant="secondary"
          disabled={count === 0}
          aria-expanded={mode === "assign"}
          onClick={() => setMode(mode === "assign" ? null : "assign")}
        >
          Assign selected…
        </Button>
        <Button
          variant="secondary"
          disabled={count === 0}
          aria-expanded={mode === "suppress"}
          onClick={() => setMode(mode === "suppress" ? null : "suppress")}
        >
          Suppress selected…
        </Button>
      </div>
      {mode === "assign" && count > 0 ? (
        <form
          aria-label="Assign the selected alerts"
          className="mt-3 flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const assigneeId = String(data.get("assigneeId") ?? "");
            const input: ReplacingInput = { operation: "assign", alertIds: ids, assigneeId };
            const replaced = selectedRows.filter(
              (row) => row.assigneeId !== null && row.assigneeId !== (assigneeId || null),
            );
            reset();
            if (replaced.length > 0) setPending({ input, replaced, what: "already assigned to someone else" });
            else execute(input);
          }}
        >
          <Field id="bulk-assignee" label="Assign to" error={errors.assigneeId}>
            <Select id="bulk-assignee" name="assigneeId" defaultValue="">
              <option value="">Nobody (unassign)</option>
              {assignable.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name} ({person.email})
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={isPending}>
            {isPending ? "Assigning…" : `Assign ${count} alert${count === 1 ? "" : "s"}`}
          </Button>
        </form>
      ) : null}
      {mode === "suppress" && count > 0 ? (
        <form
          aria-label="Suppress the selected alerts"
          className="mt-3 grid gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] md:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const input: ReplacingInput = {
              operation: "suppress",
              alertIds: ids,
              reason: String(data.get("reason") ?? ""),
              expiresAt: String(data.get("expiresAt") ?? ""),
            };
            const replaced = selectedRows.filter((row) => row.status !== "NEW");
            reset();
            if (replaced.length > 0) setPending({ input, replaced, what: "already acknowledged or in progress" });
            else execute(input);
          }}
        >
          <Field id="bulk-reason" label="Reason" error={errors.reason}>
            <Textarea
              id="bulk-reason"
              name="reason"
              rows={2}
              required
              minLength={10}
              aria-invalid={Boolean(errors.reason)}
            />
          </Field>
          <Field id="bulk-expires" label="Suppressed until" error={errors.expiresAt}>
            <Input
              id="bulk-expires"
              name="expiresAt"
              type="date"
              required
              min={suppressionDates.min}
              max={suppressionDates.max}
              aria-invalid={Boolean(errors.expiresAt)}
            />
          </Field>
          <Button type="submit" disabled={isPending}>
            {isPending ? "Suppressing…" : `Suppress ${count} alert${count === 1 ? "" : "s"}`}
          </Button>
          <p className="text-xs text-slate-600 md:col-span-3">You are recorded as the approver.</p>
        </form>
      ) : null}
      {pending ? (
        <div className="mt-3">
          <ConfirmOverwrite
            title={`${pending.replaced.length} of the selected alerts ${pending.replaced.length === 1 ? "is" : "are"} ${pending.what}:`}
            changes={pending.replaced.map(
              (row) =>
                `${row.title}${row.assignee ? ` (assigned to ${row.assignee})` : ""}, ${STATUS_LABELS[row.status as AlertStatus] ?? row.status}`,
            )}
            replaceLabel={`Include ${pending.replaced.length === 1 ? "it" : `these ${pending.replaced.length}`}`}
            skipLabel={
              pending.replaced.length < count
                ? `Leave ${pending.replaced.length === 1 ? "it" : "them"} out (${count - pending.replaced.length} alert${count - pending.replaced.length === 1 ? "" : "s"})`
                : undefined
            }
            onReplace={() => execute({ ...pending.input, confirmReplace: true })}
            onSkip={() =>
              execute({
                ...pending.input,
                alertIds: ids.filter((id) => !pending.replaced.some((row) => row.id === id)),
              })
            }
            onCancel={() => setPending(null)}
            disabled={isPending}
          />
        </div>
      ) : null}
      <div className="mt-2">
        <FormMessage error={result.serverError ?? errors.alertIds ?? errors.operation} success={done} />
      </div>
    </section>
  );
}
