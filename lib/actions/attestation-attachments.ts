import "server-only";
import { createHash } from "node:crypto";
import { checkAttachment } from "@/lib/attestations/attachment-file";
import { recordAudit } from "@/lib/audit/record-audit";
import { requestContextFrom } from "@/lib/audit/request-context";
import { type Actor, authorize, withCustomerScope } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";

// Files as evidence (issue 14 §4): one file attached to one attestation, written with its audit row in one
// transaction. Called by the upload route handler (a route, not a server action: only this one request
// may carry 10 MB, see lib/http/request-guard.ts). Not a 'use server' module.

export interface AttachmentUpload {
  /** From the URL: not yet authorized. */
  customerId: string;
  attestationId: string;
  fileName: string;
  bytes: Uint8Array;
}

export async function addAttestationAttachment(actor: Actor, upload: AttachmentUpload, request: Request) {
  authorize(actor, "attestation:write");
  const check = checkAttachment(upload.fileName, upload.bytes);
  if (!check.ok) {
    throw new AppError(check.status === 413 ? "TOO_LARGE" : "BAD_INPUT", check.message, {
      fieldErrors: { file: check.message },
    });
  }
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  const context = requestContextFrom(request.headers);
  return db().$transaction(
    async (tx) => {
      const attestation = await tx.attestation.findFirst({
        where: withCustomerScope(actor, {
          id: upload.attestationId,
          customerId: upload.customerId,
          customer: { archivedAt: null },
        }),
        select: { id: true, customerId: true, controlId: true },
      });
      if (!attestation) throw notFound("Attestation not found");
      authorize(actor, "attestation:write", { customerId: attestation.customerId });
      const attachment = await tx.attestationAttachment.create({
        data: {
          attestationId: attestation.id,
          customerId: attestation.customerId,
          fileName: check.fileName,
          contentType: check.contentType,
          sizeBytes: check.sizeBytes,
          sha256,
          content: Buffer.from(upload.bytes),
        },
        select: { id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true },
      });
      await recordAudit(tx, {
        actor: { userId: actor.userId, email: actor.email },
        action: "attestation.attachment_added",
        targetType: "AttestationAttachment",
        targetId: attachment.id,
        customerId: attestation.customerId,
        metadata: {
          attestationId: attestation.id,
          controlId: attestation.controlId,
          fileName: attachment.fileName,
          contentType: attachment.contentType,
          sizeBytes: attachment.sizeBytes,
          sha256: attachment.sha256,
        },
        ip: context.ip,
        userAgent: context.userAgent,
      });
      return attachment;
      // Writing 10 MB can outlast Prisma's 5 s default on a busy machine.
    },
    { timeout: 30_000 },
  );
}
