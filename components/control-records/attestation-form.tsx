"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useRef } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Textarea, TextField } from "@/components/ui/field";
import { recordAttestationAction } from "@/lib/actions/control-records";
import { AccountScopeField } from "./account-scope-field";
import { reevaluationMessage } from "./reevaluation-message";

export interface DateBounds {
  /** YYYY-MM-DD */
  min: string;
  max: string;
  defaultValue?: string;
}

/** A consultant attests a control: the evidence checked (note, link, document), for which accounts, until when. */
export function AttestationForm({
  customerId,
  control,
  accounts,
  dates,
}: {
  customerId: string;
  control: { id: string; title: string };
  accounts: { awsAccountId: string; alias: string; accountNumber: string }[];
  dates: DateBounds;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const { execute, result, isPending } = useAction(recordAttestationAction, {
    onSuccess: () => {
      form.current?.reset();
      router.refresh();
    },
  });
  const errors = fieldErrorsOf(result);
  const id = (name: string) => `attest-${control.id}-${name}`;
  const noteHint = "What you checked and what you saw; the scorecard shows it with the result.";
  return (
    <form
      ref={form}
      aria-label={`Attest ${control.id} ${control.title}`}
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({
          customerId,
          controlId: control.id,
          awsAccountId: String(data.get("awsAccountId") ?? ""),
          note: String(data.get("note") ?? ""),
          link: String(data.get("link") ?? ""),
          documentRef: String(data.get("documentRef") ?? ""),
          validUntil: String(data.get("validUntil") ?? ""),
        });
      }}
    >
      <div className="md:col-span-2">
        <Field id={id("note")} label="Evidence checked" hint={noteHint} error={errors.note}>
          <Textarea
            id={id("note")}
            name="note"
            rows={3}
            required
            aria-invalid={Boolean(errors.note)}
            aria-describedby={describedBy(id("note"), { hint: noteHint, error: errors.note })}
          />
        </Field>
      </div>
      <TextField
        id={id("link")}
        name="link"
        type="url"
        label="Link (optional)"
        hint="https:// address of the evidence, e.g. the vault item or runbook"
        error={errors.link}
        placeholder="https://"
      />
      <TextField
        id={id("documentRef")}
        name="documentRef"
        label="Document reference (optional)"
        hint="e.g. SEC-002 §4 or a ticket number"
        error={errors.documentRef}
      />
      <AccountScopeField id={id("scope")} accounts={accounts} error={errors.awsAccountId} />
      <TextField
        id={id("validUntil")}
        name="validUntil"
        type="date"
        label="Valid until"
        hint={`Through the end of that day (UTC); at most ${dates.max}`}
        error={errors.validUntil}
        min={dates.min}
        max={dates.max}
        defaultValue={dates.defaultValue}
        required
      />
      <div className="flex items-end">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Recording…" : "Record attestation"}
        </Button>
      </div>
      <div className="md:col-span-2">
        <FormMessage
          error={result.serverError ?? errors.controlId ?? errors.customerId}
          success={
            result.data
              ? `Attestation of ${result.data.controlId} recorded. ${reevaluationMessage(result.data.reevaluatedAccounts)}`
              : undefined
          }
        />
      </div>
    </form>
  );
}
