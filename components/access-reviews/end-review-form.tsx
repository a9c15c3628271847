"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Textarea } from "@/components/ui/field";
import { endAccessReviewAction } from "@/lib/actions/access-reviews";

/** Ends a campaign before every user is decided; the consultant chooses what happens to the rest. */
export function EndReviewForm({
  reviewId,
  undecided,
  outcomes,
}: {
  reviewId: string;
  undecided: number;
  /** What may happen to undecided users (UNDECIDED_OUTCOMES with their labels). */
  outcomes: { value: string; label: string }[];
}) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(endAccessReviewAction, { onSuccess: () => router.refresh() });
  const errors = fieldErrorsOf(result);
  const reasonHint = "Why the review ends now (at least 10 characters); recorded with the review and in the audit log.";
  return (
    <form
      aria-label="End the review early"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({
          reviewId,
          undecided: String(data.get("undecided") ?? "") as "KEEP",
          reason: String(data.get("reason") ?? ""),
        });
      }}
    >
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">
          The {undecided} undecided {undecided === 1 ? "user" : "users"}:
        </legend>
        {outcomes.map((outcome) => (
          <div key={outcome.value} className="flex items-center gap-2 text-sm">
            <input
              id={`end-${outcome.value}`}
              type="radio"
              name="undecided"
              value={outcome.value}
              required
              className="h-4 w-4 border-slate-300"
            />
            <label htmlFor={`end-${outcome.value}`}>{outcome.label}</label>
          </div>
        ))}
        {errors.undecided ? (
          <p role="alert" className="text-xs font-medium text-red-700">
            {errors.undecided}
          </p>
        ) : null}
      </fieldset>
      <Field id="end-reason" label="Reason" hint={reasonHint} error={errors.reason}>
        <Textarea
          id="end-reason"
          name="reason"
          rows={2}
          required
          minLength={10}
          aria-invalid={Boolean(errors.reason)}
          aria-describedby={describedBy("end-reason", { hint: reasonHint, error: errors.reason })}
        />
      </Field>
      <Button type="submit" variant="danger" disabled={isPending}>
        {isPending ? "Ending…" : "End review"}
      </Button>
      <FormMessage error={result.serverError} success={result.data ? "Review ended." : undefined} />
    </form>
  );
}
