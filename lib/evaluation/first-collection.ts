import type { ScoreSummary } from "../controls/scoring";
import type { Prisma } from "../db/generated/client";

// controls.md, Scoring: "An account whose collection has never succeeded (the role could not be assumed,
// or nothing was read yet) is 'awaiting first collection': it shows why, has 'no score' (its attested
// controls included), and is left out of its customer's score and the portfolio's until its first
// successful collection." A collection succeeded once the account has any evidence actually read
// (status COLLECTED): a failed AssumeRole stores none, a partial sync stores what it could read.

type Reader = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Of `accountIds`, those with no evidence ever read: awaiting their first collection. */
export async function accountsAwaitingFirstCollection(
  client: Reader,
  accountIds: readonly string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const collected = await client.$queryRaw<{ awsAccountId: string }[]>`
    SELECT a."id" AS "awsAccountId"
    FROM unnest(${[...accountIds]}::text[]) AS a("id")
    WHERE EXISTS (SELECT 1 FROM "Evidence" e WHERE e."awsAccountId" = a."id" AND e."status" = 'COLLECTED')`;
  const reached = new Set(collected.map((row) => row.awsAccountId));
  return new Set(accountIds.filter((id) => !reached.has(id)));
}

/** An awaiting account's summary: its counts stay, but it has "no score". */
export function withoutScore(summary: ScoreSummary): ScoreSummary {
  return { ...summary, score: null, scoreWithoutSuppressions: null, grade: null };
}
