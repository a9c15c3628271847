"use client";

import { useState } from "react";
import { DialogActions, useDialogAction } from "@/components/forms/action-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { retireCustomerAction, updateCustomerAction } from "@/lib/actions/customer-management";
import { type CustomerPractice, CustomerPracticeFields, customerPracticeFromForm } from "./customer-practice-fields";

export interface ManagedCustomer {
  id: string;
  name: string;
  emailDomains: string[];
  accountCount: number;
  practice: CustomerPractice;
}

/** Edit and Retire for one customer (Settings, customer:manage). */
export function ManageCustomer({ customer }: { customer: ManagedCustomer }) {
  const [open, setOpen] = useState<"edit" | "retire" | null>(null);
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => setOpen("edit")}>
        Edit customer<span className="sr-only"> {customer.name}</span>
      </Button>
      <Button variant="ghost" className="text-red-700" onClick={() => setOpen("retire")}>
        Retire customer<span className="sr-only"> {customer.name}</span>
      </Button>
      <EditCustomerDialog customer={customer} open={open === "edit"} onClose={() => setOpen(null)} />
      <RetireCustomerDialog customer={customer} open={open === "retire"} onClose={() => setOpen(null)} />
    </div>
  );
}

function EditCustomerDialog({
  customer,
  open,
  onClose,
}: {
  customer: ManagedCustomer;
  open: boolean;
  onClose: () => void;
}) {
  const { execute, result, isPending, close, errors } = useDialogAction(updateCustomerAction, onClose);
  const id = (name: string) => `edit-customer-${customer.id}-${name}`;
  return (
    <ModalDialog
      open={open}
      onClose={close}
      title={`Edit ${customer.name}`}
      description={
        <p>
          The corporate e-mail domains are what ROOT-5 expects the root user&apos;s address to use. Alert SLA hours are
          set on the Alerts → SLA page.
        </p>
      }
    >
      <form
        aria-label={`Edit customer ${customer.name}`}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          execute({
            customerId: customer.id,
            name: String(data.get("name") ?? ""),
            emailDomains: String(data.get("emailDomains") ?? ""),
            ...customerPracticeFromForm(data),
          });
        }}
      >
        <TextField id={id("name")} name="name" label="Name" defaultValue={customer.name} error={errors.name} required />
        <TextField
          id={id("emailDomains")}
          name="emailDomains"
          label="Corporate e-mail domains"
          hint="Comma-separated, e.g. example.com, example.co.uk"
          defaultValue={customer.emailDomains.join(", ")}
          error={errors.emailDomains}
        />
        <CustomerPracticeFields idPrefix={id("")} practice={customer.practice} errors={errors} />
        <DialogActions
          serverError={result.serverError}
          onCancel={close}
          cancelLabel="Cancel"
          actionLabel="Save customer"
          pendingLabel="Saving…"
          isPending={isPending}
        />
      </form>
    </ModalDialog>
  );
}

function RetireCustomerDialog({
  customer,
  open,
  onClose,
}: {
  customer: ManagedCustomer;
  open: boolean;
  onClose: () => void;
}) {
  const { execute, result, isPending, close, errors } = useDialogAction(retireCustomerAction, onClose);
  const id = `retire-customer-${customer.id}-confirm`;
  return (
    <ModalDialog
      open={open}
      onClose={close}
      title={`Retire ${customer.name}?`}
      description={
        <>
          <p>Rampart stops looking after {customer.name}:</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              its {customer.accountCount === 1 ? "AWS account is" : `${customer.accountCount} AWS accounts are`} no
              longer synced;
            </li>
            <li>it leaves the portfolio, its mean and the trends;</li>
            <li>its customer users can no longer sign in, and its alerts leave the queue.</li>
          </ul>
          <p>
            Its history is kept, read-only: scorecards, evidence, findings, access reviews and the audit log stay in the
            database and its scorecard stays readable from Settings. Nothing is deleted.
          </p>
        </>
      }
    >
      <form
        aria-label={`Retire customer ${customer.name}`}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          execute({ customerId: customer.id, confirmName: String(data.get("confirmName") ?? "") });
        }}
      >
        <TextField
          id={id}
          name="confirmName"
          label={`Type ${customer.name} to confirm`}
          error={errors.confirmName}
          autoComplete="off"
          required
        />
        <DialogActions
          serverError={result.serverError}
          onCancel={close}
          cancelLabel="Keep customer"
          actionLabel="Retire customer"
          pendingLabel="Retiring…"
          isPending={isPending}
          danger
        />
      </form>
    </ModalDialog>
  );
}
