"use client";

import { useState } from "react";
import { DialogActions, useDialogAction } from "@/components/forms/action-dialog";
import { Button } from "@/components/ui/button";
import { Field, Select, TextField } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { retireAwsAccountAction, updateAwsAccountAction } from "@/lib/actions/customer-management";
import { ENVIRONMENTS, type EnvironmentName, environmentLabel } from "@/lib/customers/environments";

export interface ManagedAccount {
  id: string;
  alias: string;
  accountNumber: string;
  roleArn: string;
  regions: string[];
  environment: string;
}

/** Edit and Retire for one connected AWS account (Settings, account:manage). */
export function ManageAccount({ account, customerName }: { account: ManagedAccount; customerName: string }) {
  const [open, setOpen] = useState<"edit" | "retire" | null>(null);
  const label = `${account.alias} (${account.accountNumber})`;
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => setOpen("edit")}>
        Edit<span className="sr-only"> account {label}</span>
      </Button>
      <Button variant="ghost" className="text-red-700" onClick={() => setOpen("retire")}>
        Retire<span className="sr-only"> account {label}</span>
      </Button>
      <EditAccountDialog account={account} open={open === "edit"} onClose={() => setOpen(null)} />
      <RetireAccountDialog
        account={account}
        customerName={customerName}
        open={open === "retire"}
        onClose={() => setOpen(null)}
      />
    </div>
  );
}

function EditAccountDialog({
  account,
  open,
  onClose,
}: {
  account: ManagedAccount;
  open: boolean;
  onClose: () => void;
}) {
  const { execute, result, isPending, close, errors } = useDialogAction(updateAwsAccountAction, onClose);
  const id = (name: string) => `edit-${account.id}-${name}`;
  return (
    <ModalDialog
      open={open}
      onClose={close}
      title={`Edit account ${account.alias}`}
      description={
        <p>
          Account ID <span className="font-mono">{account.accountNumber}</span> cannot change: its evidence and history
          belong to it. To monitor another account, connect it and retire this one.
        </p>
      }
    >
      <form
        aria-label={`Edit account ${account.alias}`}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          execute({
            awsAccountId: account.id,
            alias: String(data.get("alias") ?? ""),
            roleArn: String(data.get("roleArn") ?? ""),
            regions: String(data.get("regions") ?? ""),
            environment: String(data.get("environment") ?? "") as EnvironmentName,
          });
        }}
      >
        <TextField
          id={id("alias")}
          name="alias"
          label="Name"
          hint="e.g. prod, log-archive"
          defaultValue={account.alias}
          error={errors.alias}
          required
        />
        <TextField
          id={id("roleArn")}
          name="roleArn"
          label="Audit role ARN"
          hint={`arn:aws:iam::${account.accountNumber}:role/RampartAudit`}
          defaultValue={account.roleArn}
          error={errors.roleArn}
          className="font-mono"
          required
        />
        <TextField
          id={id("regions")}
          name="regions"
          label="Regions"
          hint="Comma-separated, e.g. us-east-1, eu-west-1"
          defaultValue={account.regions.join(", ")}
          error={errors.regions}
          required
        />
        <Field id={id("environment")} label="Environment" error={errors.environment}>
          <Select id={id("environment")} name="environment" defaultValue={account.environment}>
            {ENVIRONMENTS.map((environment) => (
              <option key={environment} value={environment}>
                {environmentLabel(environment)}
              </option>
            ))}
          </Select>
        </Field>
        <DialogActions
          serverError={result.serverError}
          onCancel={close}
          cancelLabel="Cancel"
          actionLabel="Save account"
          pendingLabel="Saving…"
          isPending={isPending}
        />
      </form>
    </ModalDialog>
  );
}

function RetireAccountDialog({
  account,
  customerName,
  open,
  onClose,
}: {
  account: ManagedAccount;
  customerName: string;
  open: boolean;
  onClose: () => void;
}) {
  const { execute, result, isPending, close } = useDialogAction(retireAwsAccountAction, onClose);
  return (
    <ModalDialog
      open={open}
      onClose={close}
      title={`Retire account ${account.alias} (${account.accountNumber})?`}
      description={
        <>
          <p>Rampart stops monitoring this account of {customerName}:</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>it is no longer synced, and a queued sync is cancelled;</li>
            <li>its results leave {customerName}&apos;s score and the portfolio from now on;</li>
            <li>its open alerts are resolved as &ldquo;account retired&rdquo;.</li>
          </ul>
          <p>
            Its history is kept, read-only: past scores and trends, evidence, findings, alerts, access reviews and the
            audit log. Nothing is deleted.
          </p>
        </>
      }
    >
      <DialogActions
        serverError={result.serverError}
        onCancel={close}
        cancelLabel="Keep monitoring"
        actionLabel="Retire account"
        pendingLabel="Retiring…"
        isPending={isPending}
        danger
        onAction={() => execute({ awsAccountId: account.id })}
      />
    </ModalDialog>
  );
}
