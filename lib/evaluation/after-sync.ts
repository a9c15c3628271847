import { verifyAccessReviewDecisions } from "../access-reviews/verification";
import { raiseUnrevokedAccessAlert, resolveUnrevokedAccessAlert } from "../alerts/access-review";
import { raiseAlertsAfterEvaluation, raiseSignals } from "../alerts/raise-alerts";
import { detectAndMatchChanges } from "../changes/detect-and-match";
import type { PrismaClient } from "../db/client";
import { logger } from "../logger";
import { evaluateAfterSync } from "./evaluate-account";
import { reevaluateOrganizationMembers } from "./organization-members";

// What follows every sync, in order: evaluate the controls; check the account's signed-off access-review
// decisions against the new evidence (a REVOKE not carried out raises an alert, a verified one resolves
// it); raise, repeat and resolve the account's alerts from the new results; detect the configuration changes
// the new evidence shows and alert those no approved change request covers (lib/changes). Each step records or logs its
// own failure and never fails the sync; the next sync repeats them from the stored state.

export interface AfterSyncInput {
  awsAccountId: string;
  syncRunId: string;
  evaluatedAt: Date;
}

/**
 * `onPhase` is told the wall time in ms of the evaluation and of everything after it ("alerts": access-review
 * verification, alert raising, organization members), for the sync bench.
 */
export async function evaluateAndFollowUp(
  client: PrismaClient,
  input: AfterSyncInput,
  onPhase?: (phase: "evaluate" | "alerts", ms: number) => void,
): Promise<void> {
  const started = performance.now();
  const evaluation = await evaluateAfterSync(client, input);
  const evaluated = performance.now();
  onPhase?.("evaluate", evaluated - started);
  // Without fresh results, alerts would be raised from stale ones: keep the previous state.
  if (!evaluation) return;
  await verifyAndAlertRevocations(client, input);
  await raiseAlertsAfterEvaluation(client, input);
  await detectAndMatchChanges(
    client,
    { awsAccountId: input.awsAccountId, syncRunId: input.syncRunId, now: input.evaluatedAt },
    { raiseSignals },
  );
  await reevaluateOrganizationMembers(client, input);
  onPhase?.("alerts", performance.now() - evaluated);
}

async function verifyAndAlertRevocations(client: PrismaClient, input: AfterSyncInput): Promise<void> {
  try {
    const summary = await verifyAccessReviewDecisions(client, input);
    for (const outcome of summary.outcomes) {
      if (outcome.decision !== "REVOKE") continue;
      const alertInput = {
        accessReviewItemId: outcome.itemId,
        observedAt: input.evaluatedAt,
        detail: outcome.detail,
      };
      if (outcome.status === "verified") await resolveUnrevokedAccessAlert(client, alertInput);
      else await raiseUnrevokedAccessAlert(client, alertInput);
    }
  } catch (error) {
    logger.error({ err: error, awsAccountId: input.awsAccountId }, "access-review verification after the sync failed");
  }
}
