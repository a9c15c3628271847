"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { updateAssignmentsAction } from "@/lib/actions/assignments";

interface Assignee {
  id: string;
  name: string;
  role: "CONSULTANT" | "MANAGER";
  allCustomers: boolean;
}

/** The customers one consultant or manager looks after, as checkboxes; saving replaces the set. */
export function AssignmentForm({
  user,
  customers,
  assigned,
}: {
  user: Assignee;
  customers: { id: string; name: string }[];
  assigned: string[];
}) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(updateAssignmentsAction, { onSuccess: () => router.refresh() });
  const errors = fieldErrorsOf(result);
  const legend =
    user.role === "CONSULTANT"
      ? `Customers ${user.name} looks after`
      : `Customers ${user.name} is technical manager of`;
  const saved = result.data
    ? `Saved: ${result.data.total} customer${result.data.total === 1 ? "" : "s"} (${result.data.added} added, ${result.data.removed} removed).`
    : undefined;
  return (
    <form
      aria-label={`Assignments of ${user.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({ userId: user.id, customerIds: data.getAll("customerIds").map(String) });
      }}
    >
      <fieldset aria-describedby={errors.customerIds || errors.userId ? `assign-${user.id}-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">{legend}</legend>
        {user.allCustomers ? (
          <p className="mt-1 text-xs text-slate-600">
            {user.name} sees every customer (set under Users); the assignments below take effect if that is turned off.
          </p>
        ) : null}
        <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {customers.map((customer) => (
            <label key={customer.id} className="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                name="customerIds"
                value={customer.id}
                defaultChecked={assigned.includes(customer.id)}
                className="mt-0.5"
              />
              <span className="break-words">{customer.name}</span>
            </label>
          ))}
        </div>
        {errors.customerIds || errors.userId ? (
          <p id={`assign-${user.id}-error`} role="alert" className="mt-2 text-xs font-medium text-red-700">
            {errors.userId ?? errors.customerIds}
          </p>
        ) : null}
      </fieldset>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Save assignments"}
          <span className="sr-only"> of {user.name}</span>
        </Button>
        <FormMessage error={result.serverError} success={saved} />
      </div>
    </form>
  );
}
