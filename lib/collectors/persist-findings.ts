import { createHash, randomUUID } from "node:crypto";
import type { CollectedFinding } from "../aws/types";
import { copyField, type SqlClient } from "../db/sql";

export interface FindingCounts {
  opened: number;
  updated: number;
  reopened: number;
  resolved: number;
  unchanged: number;
}

export interface PersistFindingsInput {
  customerId: string;
  awsAccountId: string;
  source: CollectedFinding["source"];
  region: string;
  syncRunId: string;
  /** The set the source reported for this account, source and region. */
  findings: readonly CollectedFinding[];
  /**
   * True when every call that feeds `findings` answered, so an absent finding is closed at the source and
   * is resolved here. False (a call failed): what was read is upserted and nothing is resolved.
   */
  complete?: boolean;
  now: Date;
}

/**
 * What identifies a finding's content: a change here updates the row, anything else leaves it untouched.
 * Plain JSON.stringify: collectors build details in a fixed key order, and a reordering would only cost
 * one harmless update (stableStringify was a fifth of the persist time at 20,000 findings).
 */
export function findingContentHash(finding: CollectedFinding): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        finding.title,
        finding.severity,
        finding.status,
        finding.resourceType ?? null,
        finding.resourceId ?? null,
        finding.observedAt?.toISOString() ?? null,
        finding.details,
      ]),
    )
    .digest("hex");
}

const FINDING_COLUMNS = `"id","customerId","awsAccountId","source","externalKey","title","severity","status","region",
  "resourceType","resourceId","details","contentHash","firstSeenAt","lastSeenAt","observedAt"`;

/**
 * Upserts a *complete* collection by stable key: new findings are inserted (COPY), changed ones updated,
 * resolved ones that came back reopened, and open ones absent from the collection resolved. Unchanged
 * findings are not written at all, so an unchanged re-sync writes no finding row.
 */
export async function persistFindings(sql: SqlClient, input: PersistFindingsInput): Promise<FindingCounts> {
  const counts: FindingCounts = { opened: 0, updated: 0, reopened: 0, resolved: 0, unchanged: 0 };
  const incoming = new Map<string, CollectedFinding>();
  for (const finding of input.findings) incoming.set(finding.externalKey, finding);

  const { rows: existing } = await sql.query<{ id: string; externalKey: string; contentHash: string; status: string }>(
    `SELECT "id", "externalKey", "contentHash", "status"::text AS "status" FROM "Finding"
     WHERE "awsAccountId" = $1 AND "source" = $2::"FindingSource" AND "region" = $3`,
    [input.awsAccountId, input.source, input.region],
  );
  const existingByKey = new Map(existing.map((row) => [row.externalKey, row]));

  const inserts: { id: string; finding: CollectedFinding; hash: string }[] = [];
  const updates: { id: string; finding: CollectedFinding; hash: string }[] = [];
  for (const finding of incoming.values()) {
    const hash = findingContentHash(finding);
    const current = existingByKey.get(finding.externalKey);
    if (!current) {
      inserts.push({ id: randomUUID(), finding, hash });
    } else if (current.status === "RESOLVED") {
      updates.push({ id: current.id, finding, hash });
      counts.reopened += 1;
    } else if (current.contentHash !== hash) {
      updates.push({ id: current.id, finding, hash });
      counts.updated += 1;
    } else {
      counts.unchanged += 1;
    }
  }
  const complete = input.complete ?? true;
  const toResolve = complete
    ? existing.filter((row) => row.status !== "RESOLVED" && !incoming.has(row.externalKey)).map((row) => row.id)
    : [];

  if (inserts.length > 0) {
    const now = input.now.toISOString();
    const fixed = [input.customerId, input.awsAccountId, input.source].map(copyField).join("\t");
    await sql.copyFrom(
      `COPY "Finding" (${FINDING_COLUMNS}) FROM STDIN`,
      inserts.map(
        ({ id, finding, hash }) =>
          `${copyField(id)}\t${fixed}\t${[
            finding.externalKey,
            finding.title,
            finding.severity,
            finding.status,
            input.region,
            finding.resourceType,
            finding.resourceId,
            JSON.stringify(finding.details),
            hash,
            now,
            now,
            finding.observedAt?.toISOString(),
          ]
            .map(copyField)
            .join("\t")}\n`,
      ),
    );
    counts.opened = inserts.length;
  }
  if (updates.length > 0) {
    await sql.query(
      `UPDATE "Finding" AS f SET "title" = r.title, "severity" = r.severity::"Severity", "status" = r.status::"FindingStatus",
         "resourceType" = r.resource_type, "resourceId" = r.resource_id, "details" = r.details, "contentHash" = r.hash,
         "observedAt" = r.observed_at, "lastSeenAt" = $1, "resolvedAt" = NULL
       FROM json_to_recordset($2::json) AS r(id text, title text, severity text, status text, resource_type text,
         resource_id text, details jsonb, hash text, observed_at timestamp(3))
       WHERE f."id" = r.id`,
      [
        input.now,
        JSON.stringify(
          updates.map(({ id, finding, hash }) => ({
            id,
            title: finding.title,
            severity: finding.severity,
            status: finding.status,
            resource_type: finding.resourceType ?? null,
            resource_id: finding.resourceId ?? null,
            details: finding.details,
            hash,
            observed_at: finding.observedAt?.toISOString() ?? null,
          })),
        ),
      ],
    );
  }
  if (toResolve.length > 0) {
    await sql.query(`UPDATE "Finding" SET "status" = 'RESOLVED', "resolvedAt" = $1 WHERE "id" = ANY($2::text[])`, [
      input.now,
      toResolve,
    ]);
    counts.resolved = toResolve.length;
  }
  if (!complete) return counts;
  await sql.query(
    `INSERT INTO "FindingCollection" ("awsAccountId", "source", "region", "completedAt", "syncRunId")
     VALUES ($1, $2::"FindingSource", $3, $4, $5)
     ON CONFLICT ("awsAccountId", "source", "region") DO UPDATE SET "completedAt" = EXCLUDED."completedAt", "syncRunId" = EXCLUDED."syncRunId"`,
    [input.awsAccountId, input.source, input.region, input.now, input.syncRunId],
  );
  return counts;
}
