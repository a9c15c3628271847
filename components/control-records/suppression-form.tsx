"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useRef } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Textarea, TextField } from "@/components/ui/field";
import { suppressControlAction } from "@/lib/actions/control-records";
import { AccountScopeField } from "./account-scope-field";
import type { DateBounds } from "./attestation-form";
import { reevaluationMessage } from "./reevaluation-message";

/** Suppress a control for a while: it then counts as neither pass nor fail. The approver is the signed-in user. */
export function SuppressionForm({
  customerId,
  control,
  accounts,
  dates,
  maxDays,
}: {
  customerId: string;
  control: { id: string; title: string };
  accounts: { awsAccountId: string; alias: string; accountNumber: string }[];
  dates: DateBounds;
  maxDays: number;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const { execute, result, isPending } = useAction(suppressControlAction, {
    onSuccess: () => {
      form.current?.reset();
      router.refresh();
    },
  });
  const errors = fieldErrorsOf(result);
  const id = (name: string) => `suppress-${control.id}-${name}`;
  const reasonHint =
    "Why the control does not apply or the risk is accepted (at least 10 characters); kept in the audit log.";
  return (
    <form
      ref={form}
      aria-label={`Suppress ${control.id} ${control.title}`}
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({
          customerId,
          controlId: control.id,
          awsAccountId: String(data.get("awsAccountId") ?? ""),
          reason: String(data.get("reason") ?? ""),
          expiresAt: String(data.get("expiresAt") ?? ""),
        });
      }}
    >
      <div className="md:col-span-2">
        <Field id={id("reason")} label="Reason" hint={reasonHint} error={errors.reason}>
          <Textarea
            id={id("reason")}
            name="reason"
            rows={3}
            required
            minLength={10}
            aria-invalid={Boolean(errors.reason)}
            aria-describedby={describedBy(id("reason"), { hint: reasonHint, error: errors.reason })}
          />
        </Field>
      </div>
      <AccountScopeField id={id("scope")} accounts={accounts} error={errors.awsAccountId} />
      <TextField
        id={id("expiresAt")}
        name="expiresAt"
        type="date"
        label="Expires on"
        hint={`At most ${maxDays} days ahead (until ${dates.max}); the control counts again after that day.`}
        error={errors.expiresAt}
        min={dates.min}
        max={dates.max}
        required
      />
      <div className="md:col-span-2 flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Suppressing…" : "Suppress control"}
        </Button>
        <span className="text-xs text-slate-600">You are recorded as the approver.</span>
      </div>
      <div className="md:col-span-2">
        <FormMessage
          error={result.serverError ?? errors.controlId ?? errors.customerId}
          success={
            result.data
              ? `${result.data.controlId} suppressed. ${reevaluationMessage(result.data.reevaluatedAccounts)}`
              : undefined
          }
        />
      </div>
    </form>
  );
}
