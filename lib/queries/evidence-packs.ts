import "server-only";
import { type Actor, authorize, can, isCustomerUser, withCustomerScope } from "../authz/policy";
import { db } from "../db/client";
import { notFound } from "../errors";
import { getPublicSigningKey } from "../evidence-packs/signing-key";

// Read models for a customer's evidence packs: the list with progress (scorecard, polled while one is
// being built) and one pack's zip for download. Scoped by customer: another tenant's pack is a 404.

export interface EvidencePackView {
  id: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  progress: number;
  asOf: string;
  periodStart: string;
  periodEnd: string;
  requestedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  sizeBytes: number | null;
  contentDigest: string | null;
  error: string | null;
}

export interface EvidencePackList {
  packs: EvidencePackView[];
  /** A pack is queued or being built: the list is polled until it is done. */
  active: boolean;
}

export async function listEvidencePacks(actor: Actor, customerId: string): Promise<EvidencePackList> {
  authorize(actor, "evidencePack:generate", { customerId });
  const rows = await db().evidencePack.findMany({
    where: withCustomerScope(actor, { customerId }),
    select: {
      id: true,
      status: true,
      progress: true,
      asOf: true,
      periodStart: true,
      periodEnd: true,
      createdAt: true,
      finishedAt: true,
      sizeBytes: true,
      contentDigest: true,
      error: true,
      requestedBy: { select: { name: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
  });
  const packs = rows.map((row) => ({
    id: row.id,
    status: row.status as EvidencePackView["status"],
    progress: row.progress,
    asOf: row.asOf.toISOString(),
    periodStart: row.periodStart.toISOString(),
    periodEnd: row.periodEnd.toISOString(),
    requestedBy: row.requestedBy?.name ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    sizeBytes: row.sizeBytes,
    contentDigest: row.contentDigest,
    error: row.error,
  }));
  return { packs, active: packs.some((pack) => pack.status === "QUEUED" || pack.status === "RUNNING") };
}

export interface EvidencePackDownload {
  id: string;
  customerId: string;
  fileName: string;
  zip: Uint8Array;
  contentDigest: string | null;
}

export async function getEvidencePackDownload(
  actor: Actor,
  customerId: string,
  packId: string,
): Promise<EvidencePackDownload> {
  authorize(actor, "evidencePack:generate", { customerId });
  const row = await db().evidencePack.findFirst({
    where: withCustomerScope(actor, { id: packId, customerId, status: "SUCCEEDED" }),
    select: {
      id: true,
      customerId: true,
      zip: true,
      asOf: true,
      contentDigest: true,
      customer: { select: { slug: true } },
    },
  });
  if (!row?.zip) throw notFound("Evidence pack not found");
  return {
    id: row.id,
    customerId: row.customerId,
    fileName: `evidence-pack-${row.customer.slug}-asof-${row.asOf.toISOString().slice(0, 19).replace(/:/g, "")}Z.zip`,
    zip: new Uint8Array(row.zip),
    contentDigest: row.contentDigest,
  };
}

export interface SigningKeyView {
  publicKeyPem: string;
  fingerprint: string;
  createdAt: string;
}

/**
 * The installation's public signing key for Settings (staff who generate packs). Creates the key on
 * first use, so the fingerprint can be handed to auditors before the first pack; never the private key.
 */
export async function getEvidencePackSigningKey(actor: Actor): Promise<SigningKeyView | null> {
  if (isCustomerUser(actor) || !can(actor, "evidencePack:generate")) return null;
  const key = await getPublicSigningKey(db());
  return { publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint, createdAt: key.createdAt.toISOString() };
}
