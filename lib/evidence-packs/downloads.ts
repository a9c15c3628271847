import "server-only";
import { recordAudit } from "../audit/record-audit";
import { requestContextFrom } from "../audit/request-context";
import type { Actor } from "../authz/policy";
import { db } from "../db/client";

/** Audit row for a download of a stored pack (the route handler calls it after the scoped read succeeded). */
export async function recordEvidencePackDownload(
  actor: Actor,
  pack: { id: string; customerId: string; contentDigest: string | null },
  request: Request,
): Promise<void> {
  const context = requestContextFrom(request.headers);
  await recordAudit(db(), {
    actor: { userId: actor.userId, email: actor.email },
    action: "evidence_pack.downloaded",
    targetType: "EvidencePack",
    targetId: pack.id,
    customerId: pack.customerId,
    metadata: { contentDigest: pack.contentDigest },
    ip: context.ip,
    userAgent: context.userAgent,
  });
}
