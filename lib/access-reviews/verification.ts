import { loadCurrentIamEvidence, type ReviewDbClient } from "./iam-evidence";
import { accessFingerprint, buildUserSnapshots, describeAccessChanges, type UserSnapshot } from "./snapshot";

// After a sync, checks that what signed-off access reviews decided was carried out in AWS: a REVOKE is
// verified once the user is gone (or, for a user AWS keeps, once it has no console password and no
// active key); a MODIFY once the user is gone or its access differs from the frozen snapshot. Items
// stay "not yet" until then, and once verified they are not checked again.

export const VERIFICATION_STATUS = { verified: "verified", notYet: "not yet" } as const;
export type VerificationStatus = (typeof VERIFICATION_STATUS)[keyof typeof VERIFICATION_STATUS];

export interface VerificationOutcome {
  status: VerificationStatus;
  /** What was seen, for the page and the export. */
  detail: string;
}

function hasNoCredentials(user: UserSnapshot): boolean {
  return user.consoleAccess !== true && user.accessKeys.every((key) => !key.active);
}

/** Pure: the outcome of one decision against the user as the current evidence shows it (undefined = gone). */
export function verifyDecision(
  decision: "REVOKE" | "MODIFY",
  snapshot: UserSnapshot,
  current: UserSnapshot | undefined,
): VerificationOutcome {
  if (!current) return { status: VERIFICATION_STATUS.verified, detail: "user no longer exists" };
  if (decision === "REVOKE") {
    if (snapshot.isRoot) {
      // AWS never deletes the root user: revoking its access means no access key left.
      return current.accessKeys.some((key) => key.active)
        ? { status: VERIFICATION_STATUS.notYet, detail: "root still has an active access key" }
        : { status: VERIFICATION_STATUS.verified, detail: "root has no active access key" };
    }
    return hasNoCredentials(current)
      ? { status: VERIFICATION_STATUS.verified, detail: "no console password and no active access key" }
      : { status: VERIFICATION_STATUS.notYet, detail: "user still exists with credentials" };
  }
  if (accessFingerprint(current) !== accessFingerprint(snapshot)) {
    const changes = describeAccessChanges(snapshot, current);
    return { status: VERIFICATION_STATUS.verified, detail: changes.join("; ") || "access changed" };
  }
  return { status: VERIFICATION_STATUS.notYet, detail: "access unchanged since the snapshot" };
}

export interface VerificationSummary {
  /** Items checked (REVOKE/MODIFY of signed-off campaigns, not yet verified). */
  checked: number;
  verified: number;
  notYet: number;
  /** False when the account has no current IAM evidence: nothing was checked. */
  evidenceAvailable: boolean;
  /** Each checked item, e.g. to raise or resolve lib/alerts/access-review.ts alerts for REVOKE items. */
  outcomes: { itemId: string; decision: "REVOKE" | "MODIFY"; status: VerificationStatus; detail: string }[];
}

/**
 * Checks the REVOKE/MODIFY decisions of signed-off campaigns covering `awsAccountId` against the account's
 * current IAM evidence and stores verificationStatus (and verifiedAt = evaluatedAt when verified).
 */
export async function verifyAccessReviewDecisions(
  client: ReviewDbClient,
  input: { awsAccountId: string; evaluatedAt: Date },
): Promise<VerificationSummary> {
  const items = await client.accessReviewItem.findMany({
    where: {
      awsAccountId: input.awsAccountId,
      decision: { in: ["REVOKE", "MODIFY"] },
      review: { status: "SIGNED_OFF", signedOffAt: { not: null } },
      OR: [{ verificationStatus: null }, { verificationStatus: { not: VERIFICATION_STATUS.verified } }],
    },
    select: { id: true, decision: true, userArn: true, userName: true, snapshot: true },
  });
  const summary: VerificationSummary = { checked: 0, verified: 0, notYet: 0, evidenceAvailable: false, outcomes: [] };
  const evidence = (await loadCurrentIamEvidence(client, [input.awsAccountId])).get(input.awsAccountId);
  if (!evidence) return summary;
  summary.evidenceAvailable = true;
  if (items.length === 0) return summary;

  const account = await client.awsAccount.findUniqueOrThrow({
    where: { id: input.awsAccountId },
    select: { accountNumber: true },
  });
  const current = buildUserSnapshots(evidence.data, {
    accountNumber: account.accountNumber,
    asOf: evidence.confirmedAt,
  });
  const byArn = new Map(current.map((user) => [user.userArn, user]));
  const byName = new Map(current.map((user) => [user.userName, user]));

  for (const item of items) {
    const snapshot = item.snapshot as unknown as UserSnapshot;
    const now = byArn.get(item.userArn) ?? byName.get(item.userName);
    const decision = item.decision as "REVOKE" | "MODIFY";
    const outcome = verifyDecision(decision, snapshot, now);
    summary.checked += 1;
    summary.outcomes.push({ itemId: item.id, decision, ...outcome });
    if (outcome.status === VERIFICATION_STATUS.verified) summary.verified += 1;
    else summary.notYet += 1;
    await client.accessReviewItem.update({
      where: { id: item.id },
      data: {
        verificationStatus: outcome.status,
        verifiedAt: outcome.status === VERIFICATION_STATUS.verified ? input.evaluatedAt : null,
      },
    });
  }
  return summary;
}
