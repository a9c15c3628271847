"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import type { ReactNode } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Select, Textarea } from "@/components/ui/field";
import {
  assessChangeAction,
  cancelChangeAction,
  closeChangeAction,
  decideChangeAction,
  startChangeAction,
  validateChangeAction,
} from "@/lib/actions/changes";
import { APPROVAL_ROLE_LABELS, type ApprovalRole, CHANGE_OUTCOMES, OUTCOME_LABELS } from "@/lib/changes/workflow";

// The forms of one change request. The page mounts only those the viewer may use (lib/queries/changes.ts
// decides); the actions decide again on the server.

interface Target {
  changeId: string;
  version: number;
}

function useRefresh() {
  const router = useRouter();
  return { onSuccess: () => router.refresh() };
}

function Area({
  id,
  name,
  label,
  error,
  hint,
  defaultValue,
  required = true,
}: {
  id: string;
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string | null;
  required?: boolean;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <Textarea
        id={id}
        name={name}
        rows={3}
        required={required}
        defaultValue={defaultValue ?? ""}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, { hint, error })}
      />
    </Field>
  );
}

function YesNo({
  id,
  name,
  label,
  error,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  error?: string;
  defaultValue?: boolean | null;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <Select
        id={id}
        name={name}
        required
        defaultValue={defaultValue === true ? "yes" : defaultValue === false ? "no" : ""}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, { error })}
      >
        <option value="" disabled>
          Choose…
        </option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </Select>
    </Field>
  );
}

function FormShell({
  label,
  children,
  onSubmit,
  submit,
  pending,
  error,
  variant = "primary",
}: {
  label: string;
  children?: ReactNode;
  onSubmit: (data: FormData) => void;
  submit: string;
  pending: boolean;
  error?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  return (
    <form
      aria-label={label}
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(new FormData(event.currentTarget));
      }}
    >
      {children}
      <div className="md:col-span-2">
        <FormMessage error={error} />
      </div>
      <div>
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? "Saving…" : submit}
        </Button>
      </div>
    </form>
  );
}

const text = (data: FormData, name: string) => String(data.get(name) ?? "");

export function AssessForm({
  target,
  current,
}: {
  target: Target;
  current: {
    impactAvailability: string | null;
    impactSecurity: string | null;
    impactPerformance: string | null;
    viability: string | null;
    needsMaintenanceWindow: boolean | null;
    executionPlan: string | null;
    rollbackPlan: string | null;
    governanceApprovalRequired: boolean;
  };
}) {
  const { execute, result, isPending } = useAction(assessChangeAction, useRefresh());
  const errors = fieldErrorsOf(result);
  return (
    <FormShell
      label="Assess the change"
      submit="Save the assessment"
      pending={isPending}
      error={result.serverError}
      onSubmit={(data) =>
        execute({
          ...target,
          impactAvailability: text(data, "impactAvailability"),
          impactSecurity: text(data, "impactSecurity"),
          impactPerformance: text(data, "impactPerformance"),
          viability: text(data, "viability"),
          needsMaintenanceWindow: text(data, "needsMaintenanceWindow"),
          executionPlan: text(data, "executionPlan"),
          rollbackPlan: text(data, "rollbackPlan"),
          governanceApprovalRequired: text(data, "governanceApprovalRequired"),
        })
      }
    >
      <Area
        id="assess-availability"
        name="impactAvailability"
        label="Impact on availability"
        error={errors.impactAvailability}
        defaultValue={current.impactAvailability}
      />
      <Area
        id="assess-security"
        name="impactSecurity"
        label="Impact on security"
        error={errors.impactSecurity}
        defaultValue={current.impactSecurity}
      />
      <Area
        id="assess-performance"
        name="impactPerformance"
        label="Impact on performance"
        error={errors.impactPerformance}
        defaultValue={current.impactPerformance}
      />
      <Area
        id="assess-viability"
        name="viability"
        label="Viability"
        error={errors.viability}
        defaultValue={current.viability}
      />
      <div className="md:col-span-2">
        <Area
          id="assess-execution-plan"
          name="executionPlan"
          label="Execution plan"
          hint="The steps, in order; it is mailed with the approval."
          error={errors.executionPlan}
          defaultValue={current.executionPlan}
        />
      </div>
      <div className="md:col-span-2">
        <Area
          id="assess-rollback-plan"
          name="rollbackPlan"
          label="Rollback plan"
          hint="Required before anyone can approve the change."
          error={errors.rollbackPlan}
          defaultValue={current.rollbackPlan}
          required={false}
        />
      </div>
      <YesNo
        id="assess-maintenance-window"
        name="needsMaintenanceWindow"
        label="Needs a maintenance window"
        error={errors.needsMaintenanceWindow}
        defaultValue={current.needsMaintenanceWindow}
      />
      <YesNo
        id="assess-governance"
        name="governanceApprovalRequired"
        label="Governance must approve too"
        error={errors.governanceApprovalRequired}
        defaultValue={current.governanceApprovalRequired}
      />
    </FormShell>
  );
}

export function DecideForm({
  target,
  role,
  approveBlockedBecause,
}: {
  target: Target;
  role: ApprovalRole;
  approveBlockedBecause: string | null;
}) {
  const { execute, result, isPending } = useAction(decideChangeAction, useRefresh());
  const errors = fieldErrorsOf(result);
  return (
    <FormShell
      label={`Decide as ${APPROVAL_ROLE_LABELS[role].toLowerCase()}`}
      submit="Record the decision"
      pending={isPending}
      error={result.serverError ?? errors.verdict}
      onSubmit={(data) =>
        execute({ ...target, verdict: text(data, "verdict") as "APPROVED", comment: text(data, "comment") })
      }
    >
      <Field id="decide-verdict" label="Decision" hint={approveBlockedBecause ?? undefined}>
        <Select id="decide-verdict" name="verdict" defaultValue={approveBlockedBecause ? "REJECTED" : "APPROVED"}>
          <option value="APPROVED" disabled={Boolean(approveBlockedBecause)}>
            Approve
          </option>
          <option value="REJECTED">Reject</option>
        </Select>
      </Field>
      <Area id="decide-comment" name="comment" label="Comment" error={errors.comment} />
    </FormShell>
  );
}

export function StartForm({ target }: { target: Target }) {
  const { execute, result, isPending } = useAction(startChangeAction, useRefresh());
  return (
    <FormShell
      label="Start the change"
      submit="Start the change"
      pending={isPending}
      error={result.serverError}
      onSubmit={() => execute(target)}
    />
  );
}

export function ValidateForm({ target }: { target: Target }) {
  const { execute, result, isPending } = useAction(validateChangeAction, useRefresh());
  const errors = fieldErrorsOf(result);
  return (
    <FormShell
      label="Validate the change"
      submit="Record the validation"
      pending={isPending}
      error={result.serverError}
      onSubmit={(data) =>
        execute({
          ...target,
          rollbackInvoked: text(data, "rollbackInvoked"),
          servicesChecked: text(data, "servicesChecked"),
          stabilityObserved: text(data, "stabilityObserved"),
          observations: text(data, "observations"),
        })
      }
    >
      <YesNo
        id="validate-rollback"
        name="rollbackInvoked"
        label="Rollback plan invoked"
        error={errors.rollbackInvoked}
      />
      <div />
      <Area id="validate-services" name="servicesChecked" label="Services checked" error={errors.servicesChecked} />
      <Area
        id="validate-stability"
        name="stabilityObserved"
        label="Stability observed"
        error={errors.stabilityObserved}
      />
      <div className="md:col-span-2">
        <Area
          id="validate-observations"
          name="observations"
          label="Observations (optional)"
          error={errors.observations}
          required={false}
        />
      </div>
    </FormShell>
  );
}

export function CloseForm({ target, rollbackInvoked }: { target: Target; rollbackInvoked: boolean | null }) {
  const { execute, result, isPending } = useAction(closeChangeAction, useRefresh());
  const errors = fieldErrorsOf(result);
  return (
    <FormShell
      label="Close the change"
      submit="Close into the ICR log"
      pending={isPending}
      error={result.serverError}
      onSubmit={(data) =>
        execute({ ...target, outcome: text(data, "outcome") as "SUCCESSFUL", finalResult: text(data, "finalResult") })
      }
    >
      <Field id="close-outcome" label="Final result" error={errors.outcome}>
        <Select
          id="close-outcome"
          name="outcome"
          defaultValue={rollbackInvoked ? "ROLLED_BACK" : "SUCCESSFUL"}
          aria-invalid={Boolean(errors.outcome)}
          aria-describedby={describedBy("close-outcome", { error: errors.outcome })}
        >
          {CHANGE_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </Select>
      </Field>
      <Area id="close-final-result" name="finalResult" label="What was achieved" error={errors.finalResult} />
    </FormShell>
  );
}

export function CancelForm({ target }: { target: Target }) {
  const { execute, result, isPending } = useAction(cancelChangeAction, useRefresh());
  const errors = fieldErrorsOf(result);
  return (
    <FormShell
      label="Cancel the change"
      submit="Cancel the change"
      variant="danger"
      pending={isPending}
      error={result.serverError}
      onSubmit={(data) => execute({ ...target, reason: text(data, "reason") })}
    >
      <div className="md:col-span-2">
        <Area id="cancel-reason" name="reason" label="Why it is cancelled" error={errors.reason} />
      </div>
    </FormShell>
  );
}
