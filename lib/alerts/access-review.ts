import type { PrismaClient } from "../db/client";
import { type RaiseAlertsOutcome, raiseSignals } from "./raise-alerts";
import { type AlertSignal, alertDedupKey } from "./sources";

// The access-review source, for the access-review module to call: an item decided REVOKE whose user
// still exists when the revocation is verified raises an alert; the verification that finds it gone
// resolves it. Same deduplication as every other source (one alert per review item).

export interface UnrevokedAccessInput {
  accessReviewItemId: string;
  /** When the verification looked (the evidence time). */
  observedAt: Date;
  /** What the verification found, kept in the alert's history. */
  detail?: string;
  /** Where the evidence is shown; defaults to the reviews page. */
  evidenceLink?: string;
}

async function signalFor(client: PrismaClient, input: UnrevokedAccessInput) {
  const item = await client.accessReviewItem.findUniqueOrThrow({
    where: { id: input.accessReviewItemId },
    select: {
      userName: true,
      userArn: true,
      decision: true,
      awsAccount: { select: { id: true, alias: true, customerId: true } },
      review: { select: { id: true, period: true, customerId: true } },
    },
  });
  const account = item.awsAccount;
  const signal: AlertSignal = {
    dedupKey: alertDedupKey({
      source: "ACCESS_REVIEW",
      awsAccountId: account.id,
      customerId: account.customerId,
      rule: `review:${item.review.id}`,
      resource: item.userArn,
    }),
    source: "ACCESS_REVIEW",
    awsAccountId: account.id,
    rule: `Access review ${item.review.period}`,
    resource: item.userArn,
    region: "global",
    severity: "HIGH",
    title: `${item.userName} in ${account.alias} was to be revoked (access review ${item.review.period}) but still has access`,
    evidenceLink: input.evidenceLink ?? "/reviews",
    detail:
      input.detail ??
      `The access review ${item.review.period} decided to revoke ${item.userName} (${item.userArn}); the user still exists at ${input.observedAt.toISOString()}.`,
    mayOpen: true,
  };
  return { customerId: account.customerId, awsAccountId: account.id, signal };
}

/** Raises (or repeats, or reopens) the alert for a revocation that was not carried out. */
export async function raiseUnrevokedAccessAlert(
  client: PrismaClient,
  input: UnrevokedAccessInput,
): Promise<RaiseAlertsOutcome> {
  const { customerId, awsAccountId, signal } = await signalFor(client, input);
  return raiseSignals(client, {
    customerId,
    awsAccountId,
    source: "ACCESS_REVIEW",
    at: input.observedAt,
    signals: [signal],
    only: [signal.dedupKey],
  });
}

/** Resolves that alert, if one is open, once the user is verified gone. */
export async function resolveUnrevokedAccessAlert(
  client: PrismaClient,
  input: UnrevokedAccessInput,
): Promise<RaiseAlertsOutcome> {
  const { customerId, awsAccountId, signal } = await signalFor(client, input);
  return raiseSignals(client, {
    customerId,
    awsAccountId,
    source: "ACCESS_REVIEW",
    at: input.observedAt,
    signals: [],
    only: [signal.dedupKey],
    clearedNote: input.detail ?? "The revocation was verified: the user no longer exists.",
  });
}
