import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addAttestationAttachment } from "@/lib/actions/attestation-attachments";
import { MAX_ATTACHMENT_UPLOAD_BYTES } from "@/lib/attestations/attachment-file";
import { AppError } from "@/lib/errors";
import { readBodyWithin } from "@/lib/http/read-body";
import { withActor } from "@/lib/http/with-actor";

export const dynamic = "force-dynamic";

const idSchema = z.string().trim().min(1).max(64);
const TOO_LARGE = "The file is larger than 10 MB; an attachment is at most 10 MB.";

// Attaches one evidence file (multipart field "file") to an attestation of this customer. The type is
// decided from the content; a refusal names the problem at the file field. 404 across customers.
export const POST = withActor(
  async ({ actor, params, request }) => {
    const contentType = request.headers.get("content-type") ?? "";
    if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
      throw new AppError("BAD_INPUT", "Send the file as multipart/form-data.", {
        fieldErrors: { file: "Choose a file to attach." },
      });
    }
    const body = await readBodyWithin(request, MAX_ATTACHMENT_UPLOAD_BYTES, TOO_LARGE).catch((error: unknown) => {
      if (error instanceof AppError)
        throw new AppError(error.code, error.message, { fieldErrors: { file: error.message } });
      throw error;
    });
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData().catch(() => {
      throw new AppError("BAD_INPUT", "The upload could not be read; attach the file again.", {
        fieldErrors: { file: "The upload could not be read; attach the file again." },
      });
    });
    const file = form.get("file");
    if (!(file instanceof File)) {
      throw new AppError("BAD_INPUT", "Choose a file to attach.", {
        fieldErrors: { file: "Choose a file to attach." },
      });
    }
    const attachment = await addAttestationAttachment(
      actor,
      {
        customerId: params.customerId,
        attestationId: params.attestationId,
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      },
      request,
    );
    revalidatePath("/customers/[customerId]", "layout");
    return attachment;
  },
  {
    permission: "attestation:write",
    params: z.object({ customerId: idSchema, attestationId: idSchema }),
  },
);
