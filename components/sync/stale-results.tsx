"use client";

import { useQuery } from "@tanstack/react-query";
import { customerSyncStatusQuery } from "@/lib/api-client/sync";
import type { CustomerSyncStatus } from "@/lib/queries/sync-runs";

/** Why an account's results are older than its evidence (issue 12 item 6), in the reader's words. */
export function staleResultsText(evaluation: "pending" | "failed", collectedAgo: string): string {
  return evaluation === "pending"
    ? `Evidence collected ${collectedAgo} has not been evaluated yet: until it is, this account's results are those of the previous evaluation.`
    : `Evidence collected ${collectedAgo} could not be evaluated: this account's results are those of the previous evaluation until the next sync.`;
}

/**
 * At the top of a scorecard: the accounts whose stored evidence is newer than their results (a process
 * died between storing and evaluating, or the evaluation failed), so nobody reads old results as fresh.
 * Shares the sync panel's live query, so it clears as soon as the evaluation lands.
 */
export function StaleResultsNotice({ initial }: { initial: CustomerSyncStatus }) {
  const { data } = useQuery(customerSyncStatusQuery(initial.customerId, initial));
  const stale = (data ?? initial).accounts.filter(
    (account) => account.run?.evaluation === "pending" || account.run?.evaluation === "failed",
  );
  if (stale.length === 0) return null;
  return (
    <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
      Results may be out of date for {stale.map((account) => account.alias).join(", ")}: evidence was collected that is
      not reflected in the results yet. Evidence collection, below, says why.
    </p>
  );
}
