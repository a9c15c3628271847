"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { acknowledgeEndpointAction } from "@/lib/actions/control-records";

/** One row's acknowledgement: an optional note (why it is public) and the button. */
export function AcknowledgeEndpointForm({
  awsAccountId,
  endpointKey,
  label,
}: {
  awsAccountId: string;
  endpointKey: string;
  label: string;
}) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(acknowledgeEndpointAction, { onSuccess: () => router.refresh() });
  const error = result.serverError ?? Object.values(fieldErrorsOf(result))[0];
  const noteId = `ack-note-${awsAccountId}-${endpointKey}`;
  return (
    <form
      aria-label={`Acknowledge ${label}`}
      className="flex flex-wrap items-center justify-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({ awsAccountId, endpointKey, note: String(data.get("note") ?? "") });
      }}
    >
      <label htmlFor={noteId} className="sr-only">
        Note for {label} (optional)
      </label>
      <Input id={noteId} name="note" placeholder="Why it is public (optional)" maxLength={500} className="w-56" />
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Acknowledging…" : "Acknowledge"}
        <span className="sr-only"> {label}</span>
      </Button>
      {error ? (
        <p role="alert" className="basis-full text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
