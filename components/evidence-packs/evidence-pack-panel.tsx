"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { requestEvidencePackAction } from "@/lib/actions/evidence-packs";
import { evidencePackKeys, evidencePackListQuery } from "@/lib/api-client/evidence-packs";
import type { EvidencePackList, EvidencePackView } from "@/lib/queries/evidence-packs";

const day = (iso: string) => iso.slice(0, 10);
const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
/** The period's last day (the stored end is exclusive). */
const lastDay = (iso: string) => new Date(new Date(iso).getTime() - 1).toISOString().slice(0, 10);

/** Scorecard: generate a signed evidence pack as of an instant for a period, and download past ones. */
export function EvidencePackPanel({ customerId, initial }: { customerId: string; initial: EvidencePackList }) {
  const queryClient = useQueryClient();
  const { data } = useQuery(evidencePackListQuery(customerId, initial));
  const list = data ?? initial;
  const { execute, result, isPending } = useAction(requestEvidencePackAction, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidencePackKeys.customer(customerId) }),
  });
  const errors = fieldErrorsOf(result);
  const ids = { asOf: `pack-${customerId}-as-of`, from: `pack-${customerId}-from`, to: `pack-${customerId}-to` };
  const hints = {
    asOf: "UTC. Empty: now. Results and evidence as Rampart held them at this instant.",
    period: "Empty: the last full calendar quarter before the as-of.",
  };
  return (
    <div className="space-y-4">
      <form
        aria-label="Generate an evidence pack"
        className="grid gap-3 sm:grid-cols-3"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          execute({
            customerId,
            asOf: String(form.get("asOf") ?? ""),
            from: String(form.get("from") ?? ""),
            to: String(form.get("to") ?? ""),
          });
        }}
      >
        <Field id={ids.asOf} label="As of" hint={hints.asOf} error={errors.asOf}>
          <Input
            id={ids.asOf}
            name="asOf"
            type="datetime-local"
            aria-invalid={Boolean(errors.asOf)}
            aria-describedby={describedBy(ids.asOf, { hint: hints.asOf, error: errors.asOf })}
          />
        </Field>
        <Field id={ids.from} label="Period from" hint={hints.period} error={errors.from}>
          <Input
            id={ids.from}
            name="from"
            type="date"
            aria-invalid={Boolean(errors.from)}
            aria-describedby={describedBy(ids.from, { hint: hints.period, error: errors.from })}
          />
        </Field>
        <Field id={ids.to} label="Period to (inclusive)" error={errors.to}>
          <Input
            id={ids.to}
            name="to"
            type="date"
            aria-invalid={Boolean(errors.to)}
            aria-describedby={describedBy(ids.to, { error: errors.to })}
          />
        </Field>
        <div className="sm:col-span-3">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Queuing…" : "Evidence pack"}
          </Button>
        </div>
      </form>
      <FormMessage
        error={result.serverError ?? errors.customerId}
        success={result.data ? "Pack queued: it appears below when it is ready." : undefined}
      />
      {list.packs.length === 0 ? (
        <p className="text-sm text-slate-600">No evidence pack has been generated for this customer yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Evidence packs">
          {list.packs.map((pack) => (
            <PackRow key={pack.id} customerId={customerId} pack={pack} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PackRow({ customerId, pack }: { customerId: string; pack: EvidencePackView }) {
  const label = `Evidence pack ${day(pack.periodStart)} – ${lastDay(pack.periodEnd)}, as of ${minute(pack.asOf)}`;
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm">
      <span className="min-w-0 break-words font-medium">{label}</span>
      <span className="text-xs text-slate-500">
        requested {minute(pack.createdAt)}
        {pack.requestedBy ? ` by ${pack.requestedBy}` : ""}
      </span>
      {pack.status === "SUCCEEDED" ? (
        <a
          className="text-brand-700 hover:underline"
          href={`/api/customers/${encodeURIComponent(customerId)}/evidence-packs/${encodeURIComponent(pack.id)}/download`}
          aria-label={`Download ${label}`}
        >
          Download ({Math.ceil((pack.sizeBytes ?? 0) / 1024)} KB)
        </a>
      ) : pack.status === "FAILED" ? (
        <span className="text-red-700">Failed: {pack.error}</span>
      ) : (
        <span className="text-brand-700" aria-live="polite">
          {pack.status === "QUEUED" ? "Queued…" : `Building… ${pack.progress}%`}
          <progress className="ml-2 h-2 w-24 align-middle" max={100} value={pack.progress} aria-label="Progress" />
        </span>
      )}
    </li>
  );
}
