import { z } from "zod";
import { withActor } from "@/lib/http/with-actor";
import { getAttestationAttachment } from "@/lib/queries/attestation-attachments";

export const dynamic = "force-dynamic";

const idSchema = z.string().trim().min(1).max(64);

// An attestation's evidence file as stored, always as a download (never rendered by the browser, type not
// sniffed), with its SHA-256 for the auditor. 404 across customers.
export const GET = withActor(
  async ({ actor, params }) => {
    const file = await getAttestationAttachment(actor, params.customerId, params.attachmentId);
    // RFC 6266: a plain ASCII fallback plus the exact name in UTF-8.
    const asciiName = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return new Response(new Uint8Array(file.content), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
        Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
      },
    });
  },
  {
    permission: "customer:read",
    params: z.object({ customerId: idSchema, attachmentId: idSchema }),
  },
);
