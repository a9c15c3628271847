"use client";

import { useAction } from "next-safe-action/hooks";
import { useRef } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { adoptExistingExternalIdAction, rotateExternalIdAction } from "@/lib/actions/connection-tests";
import { formatTestedAt } from "./account-connection-test";

/**
 * ExternalId rotation for administrators: a generated new id, or the id a migrated customer's roles
 * already trust. Either waits beside the current one until every account's connection test passes with it.
 */
export function ExternalIdPanel({
  customerId,
  customerName,
  pendingSince,
}: {
  customerId: string;
  customerName: string;
  pendingSince: string | null;
}) {
  const rotate = useAction(rotateExternalIdAction);
  const existing = useAction(adoptExistingExternalIdAction, { onSuccess: () => form.current?.reset() });
  const form = useRef<HTMLFormElement>(null);
  const errors = fieldErrorsOf(existing.result);
  const promoted = rotate.result.data?.promoted || existing.result.data?.promoted;
  const inputId = `${customerId}-existing-external-id`;
  return (
    <details className="mt-4 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer font-medium text-slate-800">ExternalId</summary>
      {pendingSince ? (
        <p role="status" className="mt-2 text-slate-700">
          A new ExternalId is being rolled out since <time dateTime={pendingSince}>{formatTestedAt(pendingSince)}</time>
          : the setup above shows it. Syncs keep using the current one until a connection test passes with the new one
          in every account; then it replaces the current one.
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          disabled={rotate.isPending}
          onClick={() => rotate.execute({ customerId })}
          aria-label={`Rotate the ExternalId of ${customerName}`}
        >
          {rotate.isPending ? "Rotating…" : "Rotate ExternalId"}
        </Button>
      </div>
      <FormMessage
        error={rotate.result.serverError}
        success={
          rotate.result.data
            ? promoted
              ? "New ExternalId in use (the customer has no account yet)."
              : "New ExternalId generated: update each account's trust policy, then test each connection."
            : undefined
        }
      />
      <form
        ref={form}
        aria-label={`Use an existing ExternalId for ${customerName}`}
        className="mt-3 grid gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          existing.execute({
            customerId,
            externalId: String(new FormData(event.currentTarget).get("externalId") ?? ""),
          });
        }}
      >
        <TextField
          id={inputId}
          name="externalId"
          label="Existing ExternalId"
          hint="Migrating a customer whose roles already trust another ExternalId: enter it once."
          error={errors.externalId}
          autoComplete="off"
          className="font-mono"
          required
        />
        <div>
          <Button type="submit" variant="secondary" disabled={existing.isPending}>
            Use this ExternalId
          </Button>
        </div>
        <FormMessage
          error={existing.result.serverError}
          success={
            existing.result.data
              ? existing.result.data.promoted
                ? "ExternalId in use (the customer has no account yet)."
                : "ExternalId saved as the new one: test each account's connection to switch over."
              : undefined
          }
        />
        {existing.result.data?.warnings.length ? (
          <div role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">
            <p className="font-medium">This ExternalId is weak.</p>
            <ul className="list-disc pl-5">
              {existing.result.data.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
    </details>
  );
}
