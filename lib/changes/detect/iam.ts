import type { CredentialReportRow, IamEvidence } from "../../evidence/iam";
import type { ChangeDraft, EvidenceDiff } from "./types";
import { addedAndRemoved, pairByKey, setDifference } from "./types";

// IAM users, their access keys and the managed policies attached to users, groups and roles
// (IAM-7, IAM-9, IAM-12, ROOT-2).

type IamDiffInput = Pick<IamEvidence, "credentialReport" | "authorization">;

const ROOT_ROW = "<root_account>";

export const diffIamUsers: EvidenceDiff<IamDiffInput> = (before, after) => {
  const { removed, added } = pairByKey(before.authorization.users, after.authorization.users, (user) => user.name);
  return addedAndRemoved(added, removed, {
    kind: "iam-user",
    resourceKind: "iam-user",
    resourceId: (user) => user.name,
    state: (user) => ({
      arn: user.arn,
      groups: user.groups,
      policies: user.attachedManagedPolicies.map((policy) => policy.arn),
    }),
    controlId: () => "IAM-12",
    created: (user) => `IAM user ${user.name} created`,
    deleted: (user) => `IAM user ${user.name} deleted`,
  });
};

function keySlot(row: CredentialReportRow, slot: 0 | 1) {
  const key = row.accessKeys[slot];
  return key.active === null && key.lastRotated === null ? null : { active: key.active, lastRotated: key.lastRotated };
}

/**
 * Access keys from the credential report (it has no key ids): per user and slot, a key that appears,
 * disappears, is (de)activated or is replaced (new last-rotated date). A user created or deleted with
 * keys is reported as the user change alone.
 */
export const diffAccessKeys: EvidenceDiff<IamDiffInput> = (before, after) => {
  const { both } = pairByKey(before.credentialReport.rows, after.credentialReport.rows, (row) => row.user);
  const changes: ChangeDraft[] = [];
  for (const [was, is] of both) {
    for (const slot of [0, 1] as const) {
      const old = keySlot(was, slot);
      const now = keySlot(is, slot);
      if (JSON.stringify(old) === JSON.stringify(now)) continue;
      const wasActive = old?.active === true;
      const isActive = now?.active === true;
      const replaced = wasActive && isActive && old?.lastRotated !== now?.lastRotated;
      const action = !wasActive && isActive ? "ADDED" : wasActive && !isActive ? "REMOVED" : "MODIFIED";
      const who = is.user === ROOT_ROW ? "the root user" : `IAM user ${is.user}`;
      const what =
        action === "ADDED"
          ? "has a new active access key"
          : action === "REMOVED"
            ? "had an access key deactivated or deleted"
            : replaced
              ? "had an access key replaced"
              : "had an access key changed";
      changes.push({
        kind: "access-key",
        resourceKind: "iam-user",
        resourceId: is.user,
        action,
        before: old ? { slot: slot + 1, ...old } : null,
        after: now ? { slot: slot + 1, ...now } : null,
        controlId: is.user === ROOT_ROW ? "ROOT-2" : "IAM-7",
        summary: `${who} ${what} (key ${slot + 1})`,
      });
    }
  }
  return changes;
};

type Principal = { name: string; attachedManagedPolicies: { arn: string }[] };

function policyChanges(
  resourceKind: "iam-user" | "iam-group" | "iam-role",
  before: readonly Principal[],
  after: readonly Principal[],
): ChangeDraft[] {
  const { both } = pairByKey(before, after, (principal) => principal.name);
  const label = { "iam-user": "IAM user", "iam-group": "IAM group", "iam-role": "IAM role" }[resourceKind];
  return both.flatMap(([was, is]) => {
    const arnsBefore = was.attachedManagedPolicies.map((policy) => policy.arn).sort();
    const arnsAfter = is.attachedManagedPolicies.map((policy) => policy.arn).sort();
    const difference = setDifference(arnsBefore, arnsAfter);
    if (difference.added.length === 0 && difference.removed.length === 0) return [];
    const action = difference.removed.length === 0 ? "ADDED" : difference.added.length === 0 ? "REMOVED" : "MODIFIED";
    const parts = [
      ...(difference.added.length > 0 ? [`attached ${difference.added.join(", ")}`] : []),
      ...(difference.removed.length > 0 ? [`detached ${difference.removed.join(", ")}`] : []),
    ];
    return [
      {
        kind: "attached-policy",
        resourceKind,
        resourceId: is.name,
        action,
        before: { policies: arnsBefore },
        after: { policies: arnsAfter },
        // Policies attached to a user directly are IAM-9's concern; to groups and roles, the permission review's.
        controlId: resourceKind === "iam-user" ? "IAM-9" : "IAM-12",
        summary: `${label} ${is.name}: ${parts.join("; ")}`,
      } satisfies ChangeDraft,
    ];
  });
}

export const diffAttachedPolicies: EvidenceDiff<IamDiffInput> = (before, after) => [
  ...policyChanges("iam-user", before.authorization.users, after.authorization.users),
  ...policyChanges("iam-group", before.authorization.groups, after.authorization.groups),
  ...policyChanges("iam-role", before.authorization.roles, after.authorization.roles),
];
