"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { inviteUserAction } from "@/lib/actions/users";
import { RoleFields, type RoleValue, toRoleInput } from "./role-fields";

export function InviteUserForm({ customers }: { customers: { id: string; name: string }[] }) {
  const router = useRouter();
  const role = useRef<RoleValue>({ role: "CUSTOMER_VIEWER", allCustomers: false });
  const { execute, result, isPending, hasSucceeded } = useAction(inviteUserAction, {
    onSuccess: () => router.refresh(),
  });
  const errors = result.validationErrors?.fieldErrors;
  return (
    <form
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const email = String(new FormData(event.currentTarget).get("email") ?? "");
        execute({ email, ...toRoleInput(role.current) });
      }}
    >
      <Field id="invite-email" label="E-mail" error={errors?.email?.[0]}>
        <Input id="invite-email" name="email" type="email" required maxLength={320} autoComplete="off" />
      </Field>
      <RoleFields
        idPrefix="invite"
        customers={customers}
        initial={role.current}
        errors={{ role: errors?.role?.[0], customerId: errors?.customerId?.[0] }}
        onChange={(value) => {
          role.current = value;
        }}
      />
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Sending…" : "Send invitation"}
        </Button>
        {result.serverError ? (
          <p role="alert" className="text-sm text-red-700">
            {result.serverError}
          </p>
        ) : null}
        {hasSucceeded && result.data ? (
          <p role="status" className="text-sm text-green-800">
            Invitation sent to {result.data.email}.
          </p>
        ) : null}
      </div>
    </form>
  );
}
