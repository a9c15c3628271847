"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useRef } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Textarea } from "@/components/ui/field";
import { recordAlertReviewAction } from "@/lib/actions/control-records";
import { reevaluationMessage } from "./reevaluation-message";

/** GOV-5: a consultant records that the customer's alerts and logs were reviewed (SOP 000 §10). */
export function AlertReviewForm({ customerId }: { customerId: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const { execute, result, isPending } = useAction(recordAlertReviewAction, {
    onSuccess: () => {
      form.current?.reset();
      router.refresh();
    },
  });
  const errors = fieldErrorsOf(result);
  const id = `alert-review-${customerId}-note`;
  const hint = "Which alerts and logs you reviewed, what you found and what follows from it.";
  return (
    <form
      ref={form}
      aria-label="Record an alert review"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({ customerId, note: String(data.get("note") ?? "") });
      }}
    >
      <Field id={id} label="Review note" hint={hint} error={errors.note}>
        <Textarea
          id={id}
          name="note"
          rows={3}
          required
          aria-invalid={Boolean(errors.note)}
          aria-describedby={describedBy(id, { hint, error: errors.note })}
        />
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Recording…" : "Record alert review"}
      </Button>
      <FormMessage
        error={result.serverError ?? errors.customerId}
        success={
          result.data ? `Alert review recorded. ${reevaluationMessage(result.data.reevaluatedAccounts)}` : undefined
        }
      />
    </form>
  );
}
