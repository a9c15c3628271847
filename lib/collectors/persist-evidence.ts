import { randomUUID } from "node:crypto";
import type { FailedCall } from "../aws/call-recorder";
import type { SqlClient } from "../db/sql";
import { contentHash } from "./content-hash";

export interface PersistEvidenceInput {
  customerId: string;
  awsAccountId: string;
  syncRunId: string;
  collector: string;
  region: string;
  data: unknown;
  /** Calls of this collection that failed (sorted); empty when every call answered. */
  failedCalls?: readonly FailedCall[];
  collectedAt: Date;
}

/**
 * Makes this collection the current evidence for (account, collector, region). Identical content only
 * confirms the current row; changed content writes a new row and retires the old one, keeping history.
 */
export async function persistEvidence(sql: SqlClient, input: PersistEvidenceInput): Promise<"inserted" | "confirmed"> {
  const failedCalls = input.failedCalls ?? [];
  // Without failures the hash is the data's alone, as before per-call evidence: unchanged accounts still confirm.
  const hash = contentHash(failedCalls.length === 0 ? input.data : { data: input.data, failedCalls });
  const { rows } = await sql.query<{ id: string; contentHash: string }>(
    `SELECT "id", "contentHash" FROM "Evidence"
     WHERE "awsAccountId" = $1 AND "collector" = $2 AND "region" = $3 AND "isCurrent" LIMIT 1`,
    [input.awsAccountId, input.collector, input.region],
  );
  const current = rows[0];
  if (current?.contentHash === hash) {
    await sql.query(`UPDATE "Evidence" SET "confirmedAt" = $1 WHERE "id" = $2`, [input.collectedAt, current.id]);
    return "confirmed";
  }
  if (current) await sql.query(`UPDATE "Evidence" SET "isCurrent" = false WHERE "id" = $1`, [current.id]);
  await sql.query(
    `INSERT INTO "Evidence" ("id", "customerId", "awsAccountId", "syncRunId", "collector", "region", "status", "data",
       "contentHash", "isCurrent", "collectedAt", "confirmedAt", "failedCalls")
     VALUES ($1, $2, $3, $4, $5, $6, 'COLLECTED', $7::jsonb, $8, true, $9, $9, $10::jsonb)`,
    [
      randomUUID(),
      input.customerId,
      input.awsAccountId,
      input.syncRunId,
      input.collector,
      input.region,
      JSON.stringify(input.data),
      hash,
      input.collectedAt,
      JSON.stringify(failedCalls),
    ],
  );
  return "inserted";
}
