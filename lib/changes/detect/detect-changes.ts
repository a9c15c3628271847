import { createHash } from "node:crypto";
import { stableStringify } from "../../collectors/content-hash";
import type { PrismaClient } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { CHANGE_COLLECTORS, diffEvidence } from "./diff-evidence";
import type { ChangeDraft, DiffContext } from "./types";

// After a sync: each evidence row the run wrote with new content (persistEvidence writes a row only when
// the content changed) is compared with the account's previous *complete* collection of the same
// collector and region. A collection with failed calls is never compared (its gaps are not removals);
// the next complete one is compared with the last complete one before it. A first-ever collection has
// nothing before it: it is the baseline and yields no change.

export interface DetectChangesInput {
  awsAccountId: string;
  syncRunId: string;
}

interface EvidenceRow {
  id: string;
  customerId: string;
  collector: string;
  region: string;
  data: unknown;
  collectedAt: Date;
}

export async function detectChangesAfterSync(client: PrismaClient, input: DetectChangesInput): Promise<number> {
  const rows = await client.$queryRaw<EvidenceRow[]>`
    SELECT "id", "customerId", "collector", "region", "data", "collectedAt" FROM "Evidence"
    WHERE "awsAccountId" = ${input.awsAccountId} AND "syncRunId" = ${input.syncRunId}
      AND "collector" = ANY(${[...CHANGE_COLLECTORS]}::text[]) AND "failedCalls" = '[]'::jsonb`;
  if (rows.length === 0) return 0;
  const context = await loadDiffContext(client, input.awsAccountId);
  let created = 0;
  for (const row of rows) {
    const previous = (
      await client.$queryRaw<{ data: unknown; confirmedAt: Date }[]>`
        SELECT "data", "confirmedAt" FROM "Evidence"
        WHERE "awsAccountId" = ${input.awsAccountId} AND "collector" = ${row.collector} AND "region" = ${row.region}
          AND "collectedAt" < ${row.collectedAt} AND "failedCalls" = '[]'::jsonb
        ORDER BY "collectedAt" DESC LIMIT 1`
    )[0];
    if (!previous) continue;
    const drafts = diffEvidence(row.collector, previous.data, row.data, context);
    created += await persistDetectedChanges(client, {
      customerId: row.customerId,
      awsAccountId: input.awsAccountId,
      syncRunId: input.syncRunId,
      region: row.region,
      firstSeenAt: row.collectedAt,
      previousSeenAt: previous.confirmedAt,
      drafts,
    });
  }
  return created;
}

/** The account's trail buckets, from its current CloudTrail evidence (TRAIL-8 for their public access). */
async function loadDiffContext(client: PrismaClient, awsAccountId: string): Promise<DiffContext> {
  const trails = await client.evidence.findMany({
    where: { awsAccountId, collector: "cloudtrail", isCurrent: true },
    select: { data: true },
  });
  const buckets = trails.flatMap((row) =>
    ((row.data as { trails?: { s3BucketName?: string | null }[] } | null)?.trails ?? []).flatMap((trail) =>
      trail.s3BucketName ? [trail.s3BucketName] : [],
    ),
  );
  return { trailBuckets: new Set(buckets) };
}

export interface PersistDetectedChangesInput {
  customerId: string;
  awsAccountId: string;
  syncRunId: string | null;
  region: string;
  firstSeenAt: Date;
  previousSeenAt: Date | null;
  drafts: readonly ChangeDraft[];
}

/** Stable per change and per time it was first seen: a re-run of the same comparison finds the same key. */
export function detectedChangeKey(
  input: Pick<PersistDetectedChangesInput, "awsAccountId" | "region" | "firstSeenAt">,
  draft: ChangeDraft,
): string {
  return createHash("sha256")
    .update(
      [
        input.awsAccountId,
        input.region,
        draft.kind,
        draft.resourceKind,
        draft.resourceId,
        draft.action,
        stableStringify(draft.after),
        input.firstSeenAt.toISOString(),
      ].join("\n"),
    )
    .digest("hex");
}

/** Writes the changes; one already stored (same key) is left as it is. Returns how many were new. */
export async function persistDetectedChanges(client: PrismaClient, input: PersistDetectedChangesInput) {
  if (input.drafts.length === 0) return 0;
  const json = (value: unknown) => (value === null ? undefined : (value as Prisma.InputJsonValue));
  const { count } = await client.detectedChange.createMany({
    data: input.drafts.map((draft) => ({
      customerId: input.customerId,
      awsAccountId: input.awsAccountId,
      syncRunId: input.syncRunId,
      region: input.region,
      kind: draft.kind,
      resourceKind: draft.resourceKind,
      resourceId: draft.resourceId,
      action: draft.action,
      before: json(draft.before),
      after: json(draft.after),
      controlId: draft.controlId,
      summary: draft.summary,
      firstSeenAt: input.firstSeenAt,
      previousSeenAt: input.previousSeenAt,
      dedupKey: detectedChangeKey(input, draft),
    })),
    skipDuplicates: true,
  });
  return count;
}
