"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  changeUserRoleAction,
  deactivateUserAction,
  reactivateUserAction,
  resetUserMfaAction,
  revokeInvitationAction,
  unlockSignInAction,
} from "@/lib/actions/users";
import type { Role } from "@/lib/authz/policy";
import { RoleFields, type RoleValue, toRoleInput } from "./role-fields";

interface ManagedUser {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  mfaEnabled: boolean;
  customerId: string | null;
  allCustomers: boolean;
}

export function UserRowActions({ user, customers }: { user: ManagedUser; customers: { id: string; name: string }[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const role = useRef<RoleValue>({
    role: user.role,
    customerId: user.customerId ?? undefined,
    allCustomers: user.allCustomers,
  });
  const refresh = { onSuccess: () => router.refresh() };
  const deactivate = useAction(deactivateUserAction, refresh);
  const reactivate = useAction(reactivateUserAction, refresh);
  const unlock = useAction(unlockSignInAction, refresh);
  const resetMfa = useAction(resetUserMfaAction, refresh);
  const changeRole = useAction(changeUserRoleAction, {
    onSuccess: () => {
      setEditing(false);
      router.refresh();
    },
  });
  const error =
    deactivate.result.serverError ??
    reactivate.result.serverError ??
    unlock.result.serverError ??
    resetMfa.result.serverError ??
    changeRole.result.serverError;
  const roleErrors = changeRole.result.validationErrors?.fieldErrors;

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {user.mfaEnabled ? (
          <Button
            variant="secondary"
            disabled={resetMfa.isPending}
            onClick={() => {
              if (
                window.confirm(
                  `Reset two-step sign-in of ${user.name}? Their authenticator and recovery codes stop working and their sessions end; they set up a new one at their next sign-in.`,
                )
              )
                resetMfa.execute({ userId: user.id });
            }}
          >
            Reset two-step sign-in<span className="sr-only"> of {user.name}</span>
          </Button>
        ) : null}
        <Button
          variant="secondary"
          disabled={unlock.isPending}
          onClick={() => unlock.execute({ userId: user.id })}
          title="Lift every pause on this user's sign-in after failed attempts"
        >
          {unlock.result.data ? "Unlocked" : "Unlock sign-in"}
          <span className="sr-only"> of {user.name}</span>
        </Button>
        <Button variant="secondary" onClick={() => setEditing((open) => !open)} aria-expanded={editing}>
          Change role<span className="sr-only"> of {user.name}</span>
        </Button>
        {user.active ? (
          <Button
            variant="danger"
            disabled={deactivate.isPending}
            onClick={() => {
              if (window.confirm(`Deactivate ${user.name}? Their sessions end immediately.`))
                deactivate.execute({ userId: user.id });
            }}
          >
            Deactivate<span className="sr-only"> {user.name}</span>
          </Button>
        ) : (
          <Button
            variant="secondary"
            disabled={reactivate.isPending}
            onClick={() => reactivate.execute({ userId: user.id })}
          >
            Reactivate<span className="sr-only"> {user.name}</span>
          </Button>
        )}
      </div>
      {editing ? (
        <form
          className="w-72 space-y-3 rounded-md bg-slate-50 p-3 text-left ring-1 ring-slate-200"
          onSubmit={(event) => {
            event.preventDefault();
            changeRole.execute({ userId: user.id, ...toRoleInput(role.current) });
          }}
        >
          <RoleFields
            idPrefix={`role-${user.id}`}
            customers={customers}
            initial={role.current}
            errors={{ role: roleErrors?.role?.[0], customerId: roleErrors?.customerId?.[0] }}
            onChange={(value) => {
              role.current = value;
            }}
          />
          <p className="text-xs text-slate-600">Changing the role signs {user.name} out everywhere.</p>
          <Button type="submit" disabled={changeRole.isPending}>
            Save role
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const router = useRouter();
  const revoke = useAction(revokeInvitationAction, { onSuccess: () => router.refresh() });
  return (
    <>
      <Button variant="ghost" disabled={revoke.isPending} onClick={() => revoke.execute({ invitationId })}>
        Revoke<span className="sr-only"> invitation for {email}</span>
      </Button>
      {revoke.result.serverError ? (
        <span role="alert" className="text-xs text-red-700">
          {revoke.result.serverError}
        </span>
      ) : null}
    </>
  );
}
