import { z } from "zod";
import { recordEvidencePackDownload } from "@/lib/evidence-packs/downloads";
import { withActor } from "@/lib/http/with-actor";
import { getEvidencePackDownload } from "@/lib/queries/evidence-packs";

export const dynamic = "force-dynamic";

const idSchema = z.string().trim().min(1).max(64);

// A stored pack's zip, as generated (signed manifest inside); each download is audit-logged. 404 across customers.
export const GET = withActor(
  async ({ actor, params, request }) => {
    const pack = await getEvidencePackDownload(actor, params.customerId, params.packId);
    await recordEvidencePackDownload(actor, pack, request);
    return new Response(new Uint8Array(pack.zip), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${pack.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  {
    permission: "evidencePack:generate",
    params: z.object({ customerId: idSchema, packId: idSchema }),
  },
);
