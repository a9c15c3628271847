"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
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
        {hasSucceeded && result.data?.delivered ? (
          <p role="status" className="text-sm text-green-800">
            Invitation sent to {result.data.email}.
          </p>
        ) : null}
      </div>
      {hasSucceeded && result.data?.invitationUrl ? (
        <InvitationLink email={result.data.email} url={result.data.invitationUrl} />
      ) : null}
    </form>
  );
}

/** Mail is off: the one-time link, shown once to the admin who created it, to pass on by hand. */
function InvitationLink({ email, url }: { email: string; url: string }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm md:col-span-2">
      <p className="font-medium text-slate-900">Invitation created for {email}. Mail is off, so nothing was sent.</p>
      <p className="mt-1 text-slate-700">
        Give this one-time link to {email} yourself. It is shown only now: Rampart keeps no copy it could show again.
      </p>
      <label htmlFor="invitation-link" className="mt-2 block text-xs font-medium text-slate-700">
        Invitation link
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <input
          id="invitation-link"
          readOnly
          value={url}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={url} label="Copy link" />
      </div>
    </div>
  );
}
