"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { startAccessReviewAction } from "@/lib/actions/access-reviews";
import { isCustomerRole, type Role } from "@/lib/authz/policy";

interface Account {
  id: string;
  alias: string;
  accountNumber: string;
  environment: string;
  iamEvidenceAt: Date | null;
  needsSync: boolean;
}

const ROLE_LABEL: Record<string, string> = {
  ADMIN: "administrator",
  CONSULTANT: "consultant",
  CUSTOMER_REVIEWER: "customer reviewer",
};

function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Scope, period, due date and reviewers of a new campaign; the snapshot is taken when it is submitted. */
export function StartReviewForm({
  customerId,
  accounts,
  reviewers,
  currentUserId,
  existingPeriods,
  defaultPeriod,
  dueDate,
  maxSnapshotAgeHours,
}: {
  customerId: string;
  accounts: Account[];
  reviewers: { id: string; name: string; email: string; role: Role }[];
  currentUserId: string;
  existingPeriods: string[];
  defaultPeriod: string;
  dueDate: { min: string; max: string; suggested: string };
  maxSnapshotAgeHours: number;
}) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(startAccessReviewAction, {
    onSuccess: ({ data }) => {
      if (data) router.push(`/reviews/${data.reviewId}`);
    },
  });
  const errors = fieldErrorsOf(result);
  const staleAccounts = accounts.filter((account) => account.needsSync);
  const hasCustomerReviewer = reviewers.some((reviewer) => isCustomerRole(reviewer.role));
  return (
    <form
      aria-label="Start an access review"
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const chosenAccounts = data.getAll("accountIds").map(String);
        execute({
          customerId,
          // Every account chosen = the whole customer (new accounts are not added to a running campaign).
          accountIds: chosenAccounts.length === accounts.length ? [] : chosenAccounts,
          period: String(data.get("period") ?? ""),
          dueAt: String(data.get("dueAt") ?? ""),
          reviewerIds: data.getAll("reviewerIds").map(String),
        });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Accounts in scope</legend>
        <ul className="space-y-1">
          {accounts.map((account) => (
            <li key={account.id} className="flex flex-wrap items-center gap-2 text-sm">
              <input
                id={`review-account-${account.id}`}
                type="checkbox"
                name="accountIds"
                value={account.id}
                defaultChecked
                className="h-4 w-4 rounded border-slate-300"
              />
              <label htmlFor={`review-account-${account.id}`}>
                {account.alias} ({account.accountNumber})
              </label>
              {account.iamEvidenceAt ? (
                <span className="text-xs text-slate-600">IAM evidence {minute(account.iamEvidenceAt)}</span>
              ) : null}
              {account.needsSync ? (
                <Badge tone="warn">
                  {account.iamEvidenceAt ? `Older than ${maxSnapshotAgeHours} h` : "Never synced"}
                </Badge>
              ) : null}
            </li>
          ))}
        </ul>
        {errors.accountIds ? (
          <p role="alert" className="text-xs font-medium text-red-700">
            {errors.accountIds}
          </p>
        ) : null}
        {staleAccounts.length > 0 ? (
          <p className="text-xs text-amber-800">
            The snapshot must be at most {maxSnapshotAgeHours} h old:{" "}
            <Link href={`/customers/${customerId}`} className="text-brand-700 underline">
              sync the customer
            </Link>{" "}
            first, or leave those accounts out.
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id="review-period"
          name="period"
          label="Period"
          defaultValue={existingPeriods.includes(defaultPeriod) ? "" : defaultPeriod}
          hint={
            existingPeriods.length > 0
              ? `One review per customer and period; already used: ${existingPeriods.join(", ")}.`
              : "One review per customer and period, e.g. 2026-Q4."
          }
          error={errors.period}
          required
          maxLength={40}
        />
        <TextField
          id="review-due"
          name="dueAt"
          type="date"
          label="Due date"
          defaultValue={dueDate.suggested}
          min={dueDate.min}
          max={dueDate.max}
          hint="After today; reviewers are reminded weekly, then 3 days and 1 day before, then daily when overdue."
          error={errors.dueAt}
          required
        />
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Reviewers</legend>
        <ul className="space-y-1">
          {reviewers.map((reviewer) => (
            <li key={reviewer.id} className="flex items-center gap-2 text-sm">
              <input
                id={`review-reviewer-${reviewer.id}`}
                type="checkbox"
                name="reviewerIds"
                value={reviewer.id}
                defaultChecked={reviewer.id === currentUserId || isCustomerRole(reviewer.role)}
                className="h-4 w-4 rounded border-slate-300"
              />
              <label htmlFor={`review-reviewer-${reviewer.id}`}>
                {reviewer.name} <span className="text-slate-500">({ROLE_LABEL[reviewer.role] ?? reviewer.role})</span>
              </label>
            </li>
          ))}
        </ul>
        <p className="text-xs text-slate-600">
          {hasCustomerReviewer
            ? "The customer's own reviewer decides on their users too; a manager signs the review off."
            : "This customer has no customer reviewer; consultants decide, a manager signs the review off."}
        </p>
        {errors.reviewerIds ? (
          <p role="alert" className="text-xs font-medium text-red-700">
            {errors.reviewerIds}
          </p>
        ) : null}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Taking the snapshot…" : "Start review"}
        </Button>
      </div>
      <FormMessage error={result.serverError ?? errors.customerId} />
    </form>
  );
}
