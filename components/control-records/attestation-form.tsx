"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useRef, useState } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Textarea, TextField } from "@/components/ui/field";
import { recordAttestationAction } from "@/lib/actions/control-records";
import { attachmentProblem, uploadAttestationAttachment } from "@/lib/api-client/attachments";
import { ATTACHMENT_ACCEPT } from "@/lib/attestations/attachment-file";
import { AccountScopeField } from "./account-scope-field";
import { ATTACHMENT_HINT } from "./attachment-upload-form";
import { reevaluationMessage } from "./reevaluation-message";

export interface DateBounds {
  /** YYYY-MM-DD */
  min: string;
  max: string;
  defaultValue?: string;
}

/** A consultant attests a control: the evidence checked (note, link, document), for which accounts, until when. */
export function AttestationForm({
  customerId,
  control,
  accounts,
  dates,
}: {
  customerId: string;
  control: { id: string; title: string };
  accounts: { awsAccountId: string; alias: string; accountNumber: string }[];
  dates: DateBounds;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const pendingFile = useRef<File | null>(null);
  const [file, setFile] = useState<{ error?: string; attached?: string; uploading?: boolean }>({});
  const { execute, result, isPending } = useAction(recordAttestationAction, {
    onSuccess: async ({ data }) => {
      const chosen = pendingFile.current;
      pendingFile.current = null;
      if (chosen && data) {
        // The attestation stands on its own; the file joins it (checked first, so a refusal here is rare).
        setFile({ uploading: true });
        const upload = await uploadAttestationAttachment(customerId, data.attestationId, chosen);
        setFile(
          "error" in upload
            ? { error: `The attestation was recorded, but the file was not attached: ${upload.error}` }
            : { attached: upload.attachment.fileName },
        );
      }
      form.current?.reset();
      router.refresh();
    },
  });
  const errors = fieldErrorsOf(result);
  const fileHint = `Optional: the evidence itself (${ATTACHMENT_HINT}) More can be attached later.`;
  const id = (name: string) => `attest-${control.id}-${name}`;
  const noteHint = "What you checked and what you saw; the scorecard shows it with the result.";
  return (
    <form
      ref={form}
      aria-label={`Attest ${control.id} ${control.title}`}
      className="grid gap-4 md:grid-cols-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const chosen = data.get("file");
        const evidenceFile = chosen instanceof File && chosen.size > 0 ? chosen : null;
        // A wrong file is refused before anything is recorded: nothing half-written.
        const problem = evidenceFile ? await attachmentProblem(evidenceFile) : null;
        if (problem) {
          setFile({ error: problem });
          return;
        }
        setFile({});
        pendingFile.current = evidenceFile;
        execute({
          customerId,
          controlId: control.id,
          awsAccountId: String(data.get("awsAccountId") ?? ""),
          note: String(data.get("note") ?? ""),
          link: String(data.get("link") ?? ""),
          documentRef: String(data.get("documentRef") ?? ""),
          validUntil: String(data.get("validUntil") ?? ""),
        });
      }}
    >
      <div className="md:col-span-2">
        <Field id={id("note")} label="Evidence checked" hint={noteHint} error={errors.note}>
          <Textarea
            id={id("note")}
            name="note"
            rows={3}
            required
            aria-invalid={Boolean(errors.note)}
            aria-describedby={describedBy(id("note"), { hint: noteHint, error: errors.note })}
          />
        </Field>
      </div>
      <TextField
        id={id("link")}
        name="link"
        type="url"
        label="Link (optional)"
        hint="https:// address of the evidence, e.g. the vault item or runbook"
        error={errors.link}
        placeholder="https://"
      />
      <TextField
        id={id("documentRef")}
        name="documentRef"
        label="Document reference (optional)"
        hint="e.g. SEC-002 §4 or a ticket number"
        error={errors.documentRef}
      />
      <AccountScopeField id={id("scope")} accounts={accounts} error={errors.awsAccountId} />
      <TextField
        id={id("validUntil")}
        name="validUntil"
        type="date"
        label="Valid until"
        hint={`Through the end of that day (UTC); at most ${dates.max}`}
        error={errors.validUntil}
        min={dates.min}
        max={dates.max}
        defaultValue={dates.defaultValue}
        required
      />
      <div className="md:col-span-2">
        <Field id={id("file")} label="Evidence file (optional)" hint={fileHint} error={file.error}>
          <input
            id={id("file")}
            name="file"
            type="file"
            accept={ATTACHMENT_ACCEPT}
            aria-invalid={Boolean(file.error)}
            aria-describedby={describedBy(id("file"), { hint: fileHint, error: file.error })}
            className="block w-full min-w-0 text-sm"
            onChange={() => setFile({})}
          />
        </Field>
      </div>
      <div className="flex items-end">
        <Button type="submit" disabled={isPending || file.uploading}>
          {isPending ? "Recording…" : file.uploading ? "Attaching the file…" : "Record attestation"}
        </Button>
      </div>
      <div className="md:col-span-2">
        <FormMessage
          error={result.serverError ?? errors.controlId ?? errors.customerId}
          success={
            result.data
              ? `Attestation of ${result.data.controlId} recorded${file.attached ? ` with ${file.attached}` : ""}. ${reevaluationMessage(result.data.reevaluatedAccounts)}`
              : undefined
          }
        />
      </div>
    </form>
  );
}
