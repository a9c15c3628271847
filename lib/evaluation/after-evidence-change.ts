import { verifyAccessReviewDecisions } from "../access-reviews/verification";
import { raiseUnrevokedAccessAlert, resolveUnrevokedAccessAlert } from "../alerts/access-review";
import { type RaiseAlertsOutcome, raiseAlertsAfterEvaluation, raiseSignals } from "../alerts/raise-alerts";
import { detectAndMatchChanges } from "../changes/detect-and-match";
import { type Clock, systemClock } from "../clock";
import type { PrismaClient } from "../db/client";
import { logger } from "../logger";
import { evaluateAccount, evaluateAfterSync } from "./evaluate-account";
import { reevaluateOrganizationMembers } from "./organization-members";

// THE owner of "after the evidence changed" (issue 17 item 1). Whatever changed what the controls are
// judged on (a sync stored new evidence; a consultant recorded an attestation, suppression, endpoint
// acknowledgement or alert review; an access review was signed off; an administrator changed a control
// parameter) calls followEvidenceChange for the accounts concerned, and this runs the whole sequence:
//
//   1. evaluate the controls (as of `evaluatedAt`);
//   2. after a sync only: check the account's signed-off access-review decisions against the new
//      evidence (a REVOKE not carried out raises an alert, a verified one resolves it);
//   3. raise, repeat and resolve the account's alerts from the new results;
//   4. after a sync only: the follow-ups of fresh evidence (afterSyncFollowUps below: the configuration
//      changes the new evidence shows, alerted where no approved change request covers them; the
//      organization's member accounts).
//
// It never queues anything: it returns its side effects (which critical alerts need their e-mail) and
// the caller's job layer queues them (lib/jobs). No module below lib/jobs imports the queue.
// Each step records or logs its own failure and never fails the caller; the next evaluation repeats it
// from the stored state.

export interface EvidenceChangeAccount {
  awsAccountId: string;
  /** The sync whose evidence was just stored; null = stored evidence judged again (a record, a parameter). */
  syncRunId: string | null;
  /** The instant the results are as of: a sync's collection time; absent = the clock's now, per account. */
  evaluatedAt?: Date;
}

export interface EvidenceChangeInput {
  accounts: readonly EvidenceChangeAccount[];
  /** Where "now" comes from for accounts without an evaluatedAt (default: the system clock). */
  clock?: Clock;
  /**
   * Told each step's wall time in ms as it ends, summed over the accounts (`npm run bench:sync` prints
   * them, so a regression names its step). The members' re-evaluation counts whole under "members".
   */
  onPhase?: (phase: FollowUpPhase, ms: number) => void;
}

/** The steps of the follow-up, in their order: what `onPhase` reports. */
export const FOLLOW_UP_PHASES = ["evaluate", "reviews", "alerts", "changes", "members"] as const;
export type FollowUpPhase = (typeof FOLLOW_UP_PHASES)[number];

export interface EvidenceChangeEffects {
  /** Accounts whose results were written (re-evaluations skip accounts never evaluated). */
  evaluatedAccountIds: string[];
  /** Critical alerts that opened, reopened or became critical: the job layer queues their e-mail. */
  criticalAlertIds: string[];
}

export async function followEvidenceChange(
  client: PrismaClient,
  input: EvidenceChangeInput,
): Promise<EvidenceChangeEffects> {
  const effects: EvidenceChangeEffects = { evaluatedAccountIds: [], criticalAlertIds: [] };
  const reevaluations = input.accounts.filter((account) => account.syncRunId === null);
  // A score made of records alone would mislead: stored evidence is judged again only where it was judged.
  const judged = new Set(
    reevaluations.length === 0
      ? []
      : (
          await client.awsAccount.findMany({
            where: {
              id: { in: reevaluations.map((account) => account.awsAccountId) },
              controlResults: { some: { isCurrent: true } },
            },
            select: { id: true },
          })
        ).map((account) => account.id),
  );
  const clock = input.clock ?? systemClock;
  for (const account of input.accounts) {
    if (account.syncRunId === null && !judged.has(account.awsAccountId)) continue;
    // Each account's results (and its customer's roll-up) get their own instant, in order.
    const evaluatedAt = account.evaluatedAt ?? clock.now();
    await followOneAccount(client, { ...account, evaluatedAt }, effects, input.onPhase);
  }
  return effects;
}

/** Runs one step and tells onPhase its wall time. */
async function timed<T>(
  phase: FollowUpPhase,
  onPhase: EvidenceChangeInput["onPhase"],
  step: () => Promise<T>,
): Promise<T> {
  if (!onPhase) return step();
  const started = performance.now();
  try {
    return await step();
  } finally {
    onPhase(phase, performance.now() - started);
  }
}

type AccountAt = EvidenceChangeAccount & { evaluatedAt: Date };

async function followOneAccount(
  client: PrismaClient,
  input: AccountAt,
  effects: EvidenceChangeEffects,
  onPhase?: EvidenceChangeInput["onPhase"],
): Promise<void> {
  const evaluated = await timed("evaluate", onPhase, () => evaluate(client, input));
  // Without fresh results, alerts would be raised from stale ones: keep the previous state.
  if (!evaluated) return;
  effects.evaluatedAccountIds.push(input.awsAccountId);
  const syncRunId = input.syncRunId;
  if (syncRunId !== null) {
    collect(effects, await timed("reviews", onPhase, () => verifyAndAlertRevocations(client, { ...input, syncRunId })));
  }
  collect(effects, [await timed("alerts", onPhase, () => raiseAlertsAfterEvaluation(client, input))]);
  if (syncRunId !== null) await afterSyncFollowUps(client, { ...input, syncRunId }, effects, onPhase);
}

/**
 * What fresh evidence of one account sets off beyond its own results and alerts, once those are stored.
 * Follow-ups of a sync go here, each guarding its own failure (e.g. change detection's
 * detectAndMatchChanges, SOP §11).
 */
async function afterSyncFollowUps(
  client: PrismaClient,
  input: { awsAccountId: string; syncRunId: string; evaluatedAt: Date },
  effects: EvidenceChangeEffects,
  onPhase?: EvidenceChangeInput["onPhase"],
): Promise<void> {
  // Configuration changes the new evidence shows, matched to change requests (SOP §11); guards its own failure.
  await timed("changes", onPhase, () =>
    detectAndMatchChanges(
      client,
      { awsAccountId: input.awsAccountId, syncRunId: input.syncRunId, now: input.evaluatedAt },
      {
        raiseSignals: async (tx, signals) => {
          const outcome = await raiseSignals(tx, signals);
          collect(effects, [outcome]);
          return outcome;
        },
      },
    ),
  );
  // Members of the organization this account reads, whose GOV-3 waited for its tree: judged again now.
  await timed("members", onPhase, async () => {
    const members = await reevaluateOrganizationMembers(client, input);
    for (const awsAccountId of members) {
      await followOneAccount(client, { awsAccountId, syncRunId: null, evaluatedAt: input.evaluatedAt }, effects);
    }
  });
}

async function evaluate(client: PrismaClient, input: AccountAt): Promise<boolean> {
  if (input.syncRunId !== null) {
    // A failure is recorded on the run and logged (evaluateAfterSync).
    return (await evaluateAfterSync(client, { ...input, syncRunId: input.syncRunId })) !== null;
  }
  try {
    await evaluateAccount(client, {
      awsAccountId: input.awsAccountId,
      syncRunId: null,
      evaluatedAt: input.evaluatedAt,
    });
    return true;
  } catch (error) {
    logger.error(
      { err: error, awsAccountId: input.awsAccountId },
      "re-evaluating stored evidence failed; the previous results are kept and the next sync evaluates again",
    );
    return false;
  }
}

async function verifyAndAlertRevocations(
  client: PrismaClient,
  input: { awsAccountId: string; syncRunId: string; evaluatedAt: Date },
): Promise<RaiseAlertsOutcome[]> {
  const outcomes: RaiseAlertsOutcome[] = [];
  try {
    const summary = await verifyAccessReviewDecisions(client, input);
    for (const outcome of summary.outcomes) {
      if (outcome.decision !== "REVOKE") continue;
      const alertInput = {
        accessReviewItemId: outcome.itemId,
        observedAt: input.evaluatedAt,
        detail: outcome.detail,
      };
      if (outcome.status === "verified") outcomes.push(await resolveUnrevokedAccessAlert(client, alertInput));
      else outcomes.push(await raiseUnrevokedAccessAlert(client, alertInput));
    }
  } catch (error) {
    logger.error({ err: error, awsAccountId: input.awsAccountId }, "access-review verification after the sync failed");
  }
  return outcomes;
}

function collect(effects: EvidenceChangeEffects, outcomes: readonly (RaiseAlertsOutcome | null)[]): void {
  for (const outcome of outcomes) if (outcome) effects.criticalAlertIds.push(...outcome.criticalAlertIds);
}
