import "server-only";
import { type Actor, authorize, withCustomerScope } from "../authz/policy";
import { db } from "../db/client";
import { notFound } from "../errors";

// One attached evidence file with its bytes, for the download route. Scoped like every read model: an
// attachment of a customer outside the actor's scope, or under another customer's URL, is absent (404).

export interface AttachmentDownload {
  id: string;
  customerId: string;
  fileName: string;
  contentType: string;
  sha256: string;
  content: Uint8Array;
}

export async function getAttestationAttachment(
  actor: Actor,
  customerId: string,
  attachmentId: string,
): Promise<AttachmentDownload> {
  authorize(actor, "customer:read");
  const row = await db().attestationAttachment.findFirst({
    where: withCustomerScope(actor, { id: attachmentId, customerId, attestation: { customerId } }),
    select: { id: true, customerId: true, fileName: true, contentType: true, sha256: true, content: true },
  });
  if (!row) throw notFound("Attachment not found");
  authorize(actor, "customer:read", { customerId: row.customerId });
  return { ...row, content: new Uint8Array(row.content) };
}
