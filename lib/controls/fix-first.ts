import { SEVERITY_WEIGHTS } from "./scoring";
import type { ControlSeverity } from "./types";

// Issue 19 §6, "fix first": the failing controls ranked by the points the customer's score would win
// back if each were fixed in every account where it fails. With the score = Σ w(pass) ÷ Σ w(pass+fail)
// (controls.md, Scoring), fixing a failure moves its weight from the failed to the passed side, so the
// gain of a control is w × (its failing results) ÷ Σ w(evaluated) × 100. Suppressed results and accounts
// awaiting their first collection are outside the score and outside the ranking.

export interface RankableControl {
  id: string;
  title: string;
  severity: ControlSeverity;
  accounts: {
    awsAccountId: string;
    accountAlias: string;
    status: string;
    suppressed: boolean;
    needsAttestation: boolean;
    offenders: unknown[];
  }[];
}

export interface FixFirstItem {
  id: string;
  title: string;
  severity: ControlSeverity;
  /** Score points won back (customer score) by fixing it everywhere it fails. */
  points: number;
  /** Aliases of the accounts to touch. */
  accounts: string[];
  /** Resources named by the evidence in those accounts. */
  resources: number;
  needsAttestation: boolean;
}

export function rankFixFirst(
  controls: readonly RankableControl[],
  awaitingAccountIds: ReadonlySet<string> = new Set(),
): FixFirstItem[] {
  const counts = (account: RankableControl["accounts"][number]) =>
    !account.suppressed && !awaitingAccountIds.has(account.awsAccountId);
  let evaluatedWeight = 0;
  for (const control of controls) {
    for (const account of control.accounts) {
      if (counts(account) && (account.status === "PASS" || account.status === "FAIL")) {
        evaluatedWeight += SEVERITY_WEIGHTS[control.severity];
      }
    }
  }
  if (evaluatedWeight === 0) return [];
  const items: FixFirstItem[] = [];
  for (const control of controls) {
    const failing = control.accounts.filter((account) => counts(account) && account.status === "FAIL");
    if (failing.length === 0) continue;
    items.push({
      id: control.id,
      title: control.title,
      severity: control.severity,
      points: (SEVERITY_WEIGHTS[control.severity] * failing.length * 100) / evaluatedWeight,
      accounts: failing.map((account) => account.accountAlias),
      resources: failing.reduce((total, account) => total + account.offenders.length, 0),
      needsAttestation: failing.every((account) => account.needsAttestation),
    });
  }
  return items.sort((a, b) => b.points - a.points || a.id.localeCompare(b.id));
}
