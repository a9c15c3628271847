// Issue 19 §7, one definition per number: the scorecard's counts are counts of controls, each control
// counted once by its overall status across the customer's accounts (the status the lists and the
// "Controls by SOP area" table show). They partition the controls: a failing control is either an
// evidence failure ("Failing") or awaiting attestation ("Needs attestation"), never both.

export interface CountableControl {
  /** The worst unsuppressed status across the accounts, or SUPPRESSED when every result is suppressed. */
  status: "PASS" | "FAIL" | "UNKNOWN" | "NOT_APPLICABLE" | "SUPPRESSED";
  accounts: { status: string; suppressed: boolean; needsAttestation: boolean }[];
}

export interface ControlCounts {
  passing: number;
  /** Failing on evidence in at least one account. */
  failing: number;
  /** Failing only because no valid attestation is recorded. */
  needsAttestation: number;
  unknown: number;
  suppressed: number;
  notApplicable: number;
  total: number;
}

/** A failing control whose every active failure is "needs attestation" (spec, Attested controls). */
export function isAwaitingAttestation(control: CountableControl): boolean {
  return (
    control.status === "FAIL" &&
    control.accounts.every((account) => account.status !== "FAIL" || account.suppressed || account.needsAttestation)
  );
}

export function countControls(controls: readonly CountableControl[]): ControlCounts {
  const counts: ControlCounts = {
    passing: 0,
    failing: 0,
    needsAttestation: 0,
    unknown: 0,
    suppressed: 0,
    notApplicable: 0,
    total: controls.length,
  };
  for (const control of controls) {
    switch (control.status) {
      case "PASS":
        counts.passing += 1;
        break;
      case "FAIL":
        if (isAwaitingAttestation(control)) counts.needsAttestation += 1;
        else counts.failing += 1;
        break;
      case "UNKNOWN":
        counts.unknown += 1;
        break;
      case "SUPPRESSED":
        counts.suppressed += 1;
        break;
      case "NOT_APPLICABLE":
        counts.notApplicable += 1;
        break;
    }
  }
  return counts;
}
