"use client";

import { useAction } from "next-safe-action/hooks";
import { useRef } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { ConnectionChecklist } from "@/components/onboarding/connection-checklist";
import { Button } from "@/components/ui/button";
import { Field, Select, TextField } from "@/components/ui/field";
import { createAwsAccountAction } from "@/lib/actions/customers";
import { ENVIRONMENTS, environmentLabel } from "@/lib/customers/environments";
import { DEFAULT_ENABLED_REGIONS } from "@/lib/evidence/known-regions";
import { RegionChecklist } from "./region-checklist";

export function AddAccountForm({ customerId, customerName }: { customerId: string; customerName: string }) {
  const form = useRef<HTMLFormElement>(null);
  const { execute, result, isPending } = useAction(createAwsAccountAction, {
    onSuccess: ({ data }) => {
      if (data?.saved) form.current?.reset();
    },
  });
  const errors = fieldErrorsOf(result);
  const id = (name: string) => `${customerId}-${name}`;
  return (
    <form
      ref={form}
      aria-label={`Connect an AWS account to ${customerName}`}
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({
          customerId,
          accountNumber: String(data.get("accountNumber") ?? ""),
          alias: String(data.get("alias") ?? ""),
          roleArn: String(data.get("roleArn") ?? ""),
          regions: data.getAll("regions").map(String),
          environment: String(data.get("environment") ?? "") as (typeof ENVIRONMENTS)[number],
        });
      }}
    >
      <TextField
        id={id("accountNumber")}
        name="accountNumber"
        label="AWS account ID"
        hint="12 digits"
        error={errors.accountNumber}
        inputMode="numeric"
        required
      />
      <TextField
        id={id("alias")}
        name="alias"
        label="Name"
        hint="e.g. prod, log-archive"
        error={errors.alias}
        required
      />
      <TextField
        id={id("roleArn")}
        name="roleArn"
        label="Audit role ARN"
        hint="arn:aws:iam::123456789012:role/RampartAudit"
        error={errors.roleArn}
        className="font-mono"
        required
      />
      <div className="md:col-span-2">
        <RegionChecklist id={id("regions")} selected={DEFAULT_ENABLED_REGIONS} error={errors.regions} />
      </div>
      <Field id={id("environment")} label="Environment" error={errors.environment}>
        <Select id={id("environment")} name="environment" defaultValue="PRODUCTION">
          {ENVIRONMENTS.map((environment) => (
            <option key={environment} value={environment}>
              {environmentLabel(environment)}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex items-end">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Testing the connection…" : "Connect account"}
        </Button>
      </div>
      <div className="md:col-span-2">
        <p className="mb-2 text-xs text-slate-600">
          Rampart tests the connection first: the account is saved when the role can be assumed; missing permissions are
          listed as warnings to fix.
        </p>
        <div aria-live="polite">
          <FormMessage
            error={
              result.serverError ??
              (result.data && !result.data.saved
                ? "Not connected: Rampart could not assume the role. Fix what the checklist says, then try again."
                : undefined)
            }
            success={
              result.data?.saved
                ? `Account ${result.data.account.alias} (${result.data.account.accountNumber}) connected.`
                : undefined
            }
          />
          {result.data ? (
            <ConnectionChecklist
              checks={result.data.test.checks}
              outcome={result.data.test.outcome}
              title="Connection checklist of the new account"
            />
          ) : null}
        </div>
      </div>
    </form>
  );
}
