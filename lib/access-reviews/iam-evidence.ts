import { GLOBAL_SCOPE_LABEL } from "../aws/clients";
import type { PrismaClient, Transaction } from "../db/client";
import type { IamEvidence } from "../evidence/iam";

// The IAM evidence an access review reads. A row whose calls partly failed (per-call evidence, issue 12
// item 1) holds placeholders where the credential report or the authorization details would be, so it
// never becomes a review's snapshot: the current row when its calls all answered, else the latest row
// whose calls did (an older one reads as stale and asks for a sync); confirmedAt is the last sync that
// saw exactly this content.

export type ReviewDbClient = PrismaClient | Transaction;

export interface CurrentIamEvidence {
  awsAccountId: string;
  data: IamEvidence;
  confirmedAt: Date;
}

/** Snapshots older than this ask for a sync first. */
export const MAX_SNAPSHOT_AGE_HOURS = 24;

export async function loadCurrentIamEvidence(
  client: ReviewDbClient,
  awsAccountIds: readonly string[],
): Promise<Map<string, CurrentIamEvidence>> {
  const rows = await client.evidence.findMany({
    where: {
      awsAccountId: { in: [...awsAccountIds] },
      collector: "iam",
      region: GLOBAL_SCOPE_LABEL,
      status: "COLLECTED",
      failedCalls: { equals: [] },
    },
    select: { awsAccountId: true, data: true, confirmedAt: true },
    orderBy: [{ isCurrent: "desc" }, { collectedAt: "desc" }],
  });
  const byAccount = new Map<string, CurrentIamEvidence>();
  for (const row of rows) {
    if (byAccount.has(row.awsAccountId)) continue;
    byAccount.set(row.awsAccountId, {
      awsAccountId: row.awsAccountId,
      data: row.data as unknown as IamEvidence,
      confirmedAt: row.confirmedAt,
    });
  }
  return byAccount;
}

/** True when evidence confirmed at `confirmedAt` is too old to start a review from at `now`. */
export function isSnapshotStale(confirmedAt: Date, now: Date): boolean {
  return now.getTime() - confirmedAt.getTime() > MAX_SNAPSHOT_AGE_HOURS * 60 * 60 * 1000;
}
