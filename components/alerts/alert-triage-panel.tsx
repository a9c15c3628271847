"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useRef, useState } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Select, Textarea, TextField } from "@/components/ui/field";
import {
  assignAlertAction,
  changeAlertStatusAction,
  commentOnAlertAction,
  suppressAlertAction,
} from "@/lib/actions/alerts";
import { type AlertStatus, allowedTransitions, STATUS_LABELS, TRANSITION_VERBS } from "@/lib/alerts/workflow";
import { alertKeys } from "@/lib/api-client/alerts";

type MoveTarget = "ACKNOWLEDGED" | "IN_PROGRESS" | "RESOLVED" | "NEW";

/** Triage of one alert: the moves the workflow allows from here, assignment, suppression and comments. */
export function AlertTriagePanel({
  alert,
  assignees,
  canSuppress,
  suppressionDates,
}: {
  alert: { id: string; title: string; status: AlertStatus; assigneeId: string | null };
  assignees: { id: string; name: string; email: string }[];
  canSuppress: boolean;
  suppressionDates: { min: string; max: string; maxDays: number };
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = () => {
    router.refresh();
    void queryClient.invalidateQueries({ queryKey: alertKeys.all });
  };
  const [note, setNote] = useState("");
  const move = useAction(changeAlertStatusAction, {
    onSuccess: () => {
      setNote("");
      refresh();
    },
  });
  const assign = useAction(assignAlertAction, { onSuccess: refresh });
  const commentForm = useRef<HTMLFormElement>(null);
  const comment = useAction(commentOnAlertAction, {
    onSuccess: () => {
      commentForm.current?.reset();
      refresh();
    },
  });
  const suppressForm = useRef<HTMLFormElement>(null);
  const suppress = useAction(suppressAlertAction, {
    onSuccess: () => {
      suppressForm.current?.reset();
      refresh();
    },
  });
  const moves = allowedTransitions(alert.status).filter((to): to is MoveTarget => to !== "SUPPRESSED");
  const mayBeSuppressed = canSuppress && allowedTransitions(alert.status).includes("SUPPRESSED");
  const suppressErrors = fieldErrorsOf(suppress.result);
  const commentErrors = fieldErrorsOf(comment.result);
  const moveErrors = fieldErrorsOf(move.result);

  return (
    <div className="space-y-6">
      <section aria-labelledby="triage-status-heading" className="space-y-3">
        <h3 id="triage-status-heading" className="text-sm font-semibold text-slate-900">
          Status: {STATUS_LABELS[alert.status]}
        </h3>
        <Field id="triage-note" label="Note for the history (optional)" error={moveErrors.note}>
          <Textarea
            id="triage-note"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </Field>
        <div className="flex flex-wrap gap-2">
          {moves.map((to) => (
            <Button
              key={to}
              variant={to === "RESOLVED" ? "primary" : "secondary"}
              disabled={move.isPending}
              onClick={() => move.execute({ alertId: alert.id, to, note })}
            >
              {TRANSITION_VERBS[to]}
            </Button>
          ))}
        </div>
        <p className="text-xs text-slate-600">
          From {STATUS_LABELS[alert.status]} the workflow allows:{" "}
          {allowedTransitions(alert.status)
            .map((to) => `${TRANSITION_VERBS[to]} (→ ${STATUS_LABELS[to]})`)
            .join(", ")}
          .
        </p>
        <FormMessage
          error={move.result.serverError}
          success={move.result.data ? `Moved to ${STATUS_LABELS[move.result.data.status]}.` : undefined}
        />
      </section>

      <section aria-labelledby="triage-assign-heading">
        <h3 id="triage-assign-heading" className="mb-2 text-sm font-semibold text-slate-900">
          Assignment
        </h3>
        <form
          aria-label="Assign the alert"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            assign.execute({ alertId: alert.id, assigneeId: String(data.get("assigneeId") ?? "") });
          }}
        >
          <Field id="triage-assignee" label="Assigned consultant">
            <Select
              id="triage-assignee"
              name="assigneeId"
              defaultValue={alert.assigneeId ?? ""}
              key={alert.assigneeId ?? ""}
            >
              <option value="">Nobody</option>
              {assignees.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name} ({person.email})
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" disabled={assign.isPending}>
            {assign.isPending ? "Saving…" : "Save assignment"}
          </Button>
        </form>
        <div className="mt-2">
          <FormMessage
            error={assign.result.serverError}
            success={
              assign.result.data
                ? assign.result.data.changed
                  ? "Assignment saved."
                  : "The alert already had that assignee."
                : undefined
            }
          />
        </div>
      </section>

      {mayBeSuppressed ? (
        <section aria-labelledby="triage-suppress-heading">
          <h3 id="triage-suppress-heading" className="mb-2 text-sm font-semibold text-slate-900">
            Suppress
          </h3>
          <form
            ref={suppressForm}
            aria-label={`Suppress the alert ${alert.title}`}
            className="grid gap-3 md:grid-cols-2"
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              suppress.execute({
                alertId: alert.id,
                reason: String(data.get("reason") ?? ""),
                expiresAt: String(data.get("expiresAt") ?? ""),
              });
            }}
          >
            <div className="md:col-span-2">
              <Field
                id="suppress-reason"
                label="Reason"
                hint="Why the risk is accepted for now (at least 10 characters); kept in the history and the audit log."
                error={suppressErrors.reason}
              >
                <Textarea
                  id="suppress-reason"
                  name="reason"
                  rows={2}
                  required
                  minLength={10}
                  aria-invalid={Boolean(suppressErrors.reason)}
                  aria-describedby={describedBy("suppress-reason", { hint: true, error: suppressErrors.reason })}
                />
              </Field>
            </div>
            <TextField
              id="suppress-expires"
              name="expiresAt"
              type="date"
              label="Suppressed until"
              hint={`At most ${suppressionDates.maxDays} days ahead; the alert reopens after that day.`}
              min={suppressionDates.min}
              max={suppressionDates.max}
              required
              error={suppressErrors.expiresAt}
            />
            <div className="flex items-end gap-3">
              <Button type="submit" variant="secondary" disabled={suppress.isPending}>
                {suppress.isPending ? "Suppressing…" : "Suppress alert"}
              </Button>
              <span className="text-xs text-slate-600">You are recorded as the approver.</span>
            </div>
            <div className="md:col-span-2">
              <FormMessage
                error={suppress.result.serverError}
                success={suppress.result.data ? "Alert suppressed." : undefined}
              />
            </div>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="triage-comment-heading">
        <h3 id="triage-comment-heading" className="mb-2 text-sm font-semibold text-slate-900">
          Comment
        </h3>
        <form
          ref={commentForm}
          aria-label="Comment on the alert"
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            comment.execute({ alertId: alert.id, body: String(data.get("body") ?? "") });
          }}
        >
          <Field id="comment-body" label="Comment" error={commentErrors.body}>
            <Textarea
              id="comment-body"
              name="body"
              rows={3}
              required
              maxLength={4000}
              aria-invalid={Boolean(commentErrors.body)}
            />
          </Field>
          <Button type="submit" variant="secondary" disabled={comment.isPending}>
            {comment.isPending ? "Adding…" : "Add comment"}
          </Button>
          <FormMessage
            error={comment.result.serverError}
            success={comment.result.data ? "Comment added." : undefined}
          />
        </form>
      </section>
    </div>
  );
}
