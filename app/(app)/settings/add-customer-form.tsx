"use client";

import { useAction } from "next-safe-action/hooks";
import { useRef } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { createCustomerAction } from "@/lib/actions/customers";

export function AddCustomerForm() {
  const form = useRef<HTMLFormElement>(null);
  const { execute, result, isPending } = useAction(createCustomerAction, { onSuccess: () => form.current?.reset() });
  const errors = fieldErrorsOf(result);
  return (
    <form
      ref={form}
      className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({ name: String(data.get("name") ?? ""), emailDomains: String(data.get("emailDomains") ?? "") });
      }}
    >
      <TextField id="customer-name" name="name" label="Customer name" error={errors.name} required />
      <TextField
        id="customer-domains"
        name="emailDomains"
        label="Corporate e-mail domains"
        hint="Optional, comma-separated (used by ROOT-5)"
        error={errors.emailDomains}
        placeholder="example.com"
      />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Adding…" : "Add customer"}
      </Button>
      <div className="sm:col-span-3">
        <FormMessage
          error={result.serverError}
          success={result.data ? `${result.data.name} added. Connect its AWS accounts below.` : undefined}
        />
      </div>
    </form>
  );
}
