import { randomUUID } from "node:crypto";
import type { SqlClient } from "../db/sql";
import { contentHash } from "./content-hash";

export interface PersistEvidenceInput {
  customerId: string;
  awsAccountId: string;
  syncRunId: string;
  collector: string;
  region: string;
  data: unknown;
  collectedAt: Date;
}

/**
 * Makes this collection the current evidence for (account, collector, region). Identical content only
 * confirms the current row; changed content writes a new row and retires the old one, keeping history.
 */
export async function persistEvidence(sql: SqlClient, input: PersistEvidenceInput): Promise<"inserted" | "confirmed"> {
  const hash = contentHash(input.data);
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
       "contentHash", "isCurrent", "collectedAt", "confirmedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 'COLLECTED', $7::jsonb, $8, true, $9, $9)`,
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
    ],
  );
  return "inserted";
}
