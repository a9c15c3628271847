import { checkAttachment } from "@/lib/attestations/attachment-file";

export interface UploadedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Checks a file in the browser with the server's own rules (the same module), then uploads it to the
 * attestation. Returns the stored attachment or the words to show at the file field.
 */
export async function uploadAttestationAttachment(
  customerId: string,
  attestationId: string,
  file: File,
): Promise<{ attachment: UploadedAttachment } | { error: string }> {
  const check = checkAttachment(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!check.ok) return { error: check.message };
  const body = new FormData();
  body.set("file", file);
  const response = await fetch(
    `/api/customers/${encodeURIComponent(customerId)}/attestations/${encodeURIComponent(attestationId)}/attachments`,
    { method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" } },
  ).catch(() => null);
  if (!response) return { error: "The upload did not reach Rampart; check the connection and try again." };
  if (response.ok) return { attachment: (await response.json()) as UploadedAttachment };
  if (response.status === 413) return { error: "The file is larger than 10 MB; an attachment is at most 10 MB." };
  const answer = (await response.json().catch(() => null)) as {
    error?: { message?: string; fieldErrors?: Record<string, string> };
  } | null;
  return { error: answer?.error?.fieldErrors?.file ?? answer?.error?.message ?? `Upload failed (${response.status}).` };
}

/** Checks a chosen file before anything is recorded; null = acceptable. */
export async function attachmentProblem(file: File): Promise<string | null> {
  const check = checkAttachment(file.name, new Uint8Array(await file.arrayBuffer()));
  return check.ok ? null : check.message;
}
