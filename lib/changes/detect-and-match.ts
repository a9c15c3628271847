import type { PrismaClient } from "../db/client";
import { logger } from "../logger";
import { type RaiseSignals, reconcileChangeAlerts } from "./change-alerts";
import { detectChangesAfterSync } from "./detect/detect-changes";
import { matchDetectedChanges } from "./matching";

// What change management adds to every sync (issue 15 item 6), as one call: detect the configuration
// changes the sync's evidence shows, match the customer's unmatched changes to its change requests, and
// open or resolve the "change without an approved change request" alerts. It never fails the sync: a
// failure is logged and the next sync repeats it from the stored evidence (detection is keyed, so a
// repeat never duplicates).

export interface DetectAndMatchInput {
  awsAccountId: string;
  syncRunId: string;
  now: Date;
}

export interface DetectAndMatchOutcome {
  detected: number;
  matched: number;
  opened: number;
  resolved: number;
}

export async function detectAndMatchChanges(
  client: PrismaClient,
  input: DetectAndMatchInput,
  /** lib/alerts' raiseSignals (see change-alerts.ts for why it is passed in). */
  deps: { raiseSignals: RaiseSignals },
): Promise<DetectAndMatchOutcome | null> {
  try {
    const account = await client.awsAccount.findUniqueOrThrow({
      where: { id: input.awsAccountId },
      select: { customerId: true },
    });
    const detected = await detectChangesAfterSync(client, input);
    const matched = await matchDetectedChanges(client, {
      customerId: account.customerId,
      awsAccountIds: [input.awsAccountId],
    });
    const alerts = await reconcileChangeAlerts(
      client,
      {
        customerId: account.customerId,
        awsAccountId: input.awsAccountId,
        at: input.now,
      },
      deps.raiseSignals,
    );
    return { detected, matched, ...alerts };
  } catch (error) {
    logger.error(
      { err: error, awsAccountId: input.awsAccountId, syncRunId: input.syncRunId },
      "detecting configuration changes after the sync failed; the next sync repeats it",
    );
    return null;
  }
}
