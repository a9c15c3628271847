"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { updateAlertSlaAction } from "@/lib/actions/alerts";
import { DEFAULT_ALERT_SLA_HOURS, SLA_SEVERITIES, type SlaSeverity } from "@/lib/alerts/sla";

const LABELS: Record<SlaSeverity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

/** One customer's SLA hours per severity; an empty field means the consultancy's default. */
export function AlertSlaForm({
  customer,
}: {
  customer: { id: string; name: string; custom: Partial<Record<SlaSeverity, number>> };
}) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(updateAlertSlaAction, { onSuccess: () => router.refresh() });
  const errors = fieldErrorsOf(result) as Record<string, string | undefined>;
  const id = (severity: string) => `sla-${customer.id}-${severity}`;
  return (
    <form
      aria-label={`Alert SLA for ${customer.name}`}
      className="grid items-end gap-4 sm:grid-cols-2 lg:grid-cols-5"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({
          customerId: customer.id,
          ...Object.fromEntries(SLA_SEVERITIES.map((severity) => [severity, String(data.get(severity) ?? "")])),
        });
      }}
    >
      {SLA_SEVERITIES.map((severity) => (
        <TextField
          key={severity}
          id={id(severity)}
          name={severity}
          label={`${LABELS[severity]} (hours)`}
          type="number"
          inputMode="numeric"
          min={1}
          max={8760}
          step={1}
          placeholder={`${DEFAULT_ALERT_SLA_HOURS[severity]} (default)`}
          defaultValue={customer.custom[severity] ?? ""}
          error={errors[severity]}
        />
      ))}
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Saving…" : "Save SLA"}
      </Button>
      <div className="sm:col-span-2 lg:col-span-5">
        <FormMessage
          error={result.serverError ?? errors.customerId}
          success={result.data ? "Saved. Alerts opened from now on are due by these times." : undefined}
        />
      </div>
    </form>
  );
}
