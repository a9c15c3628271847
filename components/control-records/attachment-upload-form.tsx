"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy } from "@/components/ui/field";
import { uploadAttestationAttachment } from "@/lib/api-client/attachments";
import { ATTACHMENT_ACCEPT } from "@/lib/attestations/attachment-file";

export const ATTACHMENT_HINT = "PDF, PNG, JPEG or CSV, up to 10 MB.";

/** Attaches one more evidence file to a recorded attestation; a refusal is shown at the file field. */
export function AttachmentUploadForm({
  customerId,
  attestationId,
  label,
}: {
  customerId: string;
  attestationId: string;
  /** Names the attestation, e.g. "Attach a file to BAK-4". */
  label: string;
}) {
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ error?: string; done?: string; pending?: boolean }>({});
  return (
    <form
      aria-label={label}
      className="mt-2 space-y-1"
      onSubmit={async (event) => {
        event.preventDefault();
        const file = input.current?.files?.[0];
        if (!file) {
          setState({ error: "Choose a file to attach." });
          return;
        }
        setState({ pending: true });
        const result = await uploadAttestationAttachment(customerId, attestationId, file);
        if ("error" in result) {
          setState({ error: result.error });
          return;
        }
        if (input.current) input.current.value = "";
        setState({ done: `${result.attachment.fileName} attached.` });
        router.refresh();
      }}
    >
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id={id}
          name="file"
          type="file"
          accept={ATTACHMENT_ACCEPT}
          aria-invalid={Boolean(state.error)}
          aria-describedby={describedBy(id, { hint: ATTACHMENT_HINT, error: state.error })}
          className="min-w-0 max-w-full text-xs"
          onChange={() => setState({})}
        />
        <Button type="submit" variant="secondary" disabled={state.pending}>
          {state.pending ? "Attaching…" : "Attach"}
        </Button>
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {ATTACHMENT_HINT}
      </p>
      {state.error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
      {state.done ? (
        <p role="status" className="text-xs text-green-800">
          {state.done}
        </p>
      ) : null}
    </form>
  );
}
