import type { FailedCall } from "../aws/call-recorder";
import type { EvidenceGap, EvidenceLookup, EvidenceSlot } from "../controls/types";
import type { CollectorKey, EvidenceOf } from "../evidence/contract";

// Builds the rules' view of an account's evidence from what the sync pipeline stored: the current
// evidence rows, and the latest finished run's steps. A step that failed (or was skipped because the
// role could not be assumed) in the latest run makes that collector and region UNKNOWN, even though
// the previous evidence is kept for display: a rule never judges data the latest run could not confirm.
// A PARTIAL step stored what answered; its row names the calls that failed (per-call evidence).

export interface StoredEvidence {
  collector: string;
  region: string;
  data: unknown;
  /** Last time a sync collected exactly this content. */
  confirmedAt: Date;
  /** Calls of that collection that failed (Evidence.failedCalls); absent or empty when all answered. */
  failedCalls?: unknown;
}

export interface StoredStep {
  collector: string;
  region: string;
  status: string;
  errorService: string | null;
  errorOperation: string | null;
  errorRegion: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

const keyOf = (collector: string, region: string) => `${collector}@${region}`;

export function buildEvidenceLookup(
  evidence: readonly StoredEvidence[],
  latestRunSteps: readonly StoredStep[],
  /** Why steps were skipped (the run's own error, e.g. the AssumeRole failure). */
  runFailure: EvidenceGap | null,
): EvidenceLookup {
  const rows = new Map(evidence.map((row) => [keyOf(row.collector, row.region), row]));
  const gaps = new Map<string, EvidenceGap>();
  for (const step of latestRunSteps) {
    if (step.status === "FAILED") {
      gaps.set(keyOf(step.collector, step.region), {
        service: step.errorService ?? step.collector,
        operation: step.errorOperation,
        region: step.errorRegion ?? step.region,
        code: step.errorCode,
        message: step.errorMessage,
      });
    } else if (step.status === "SKIPPED" || step.status === "PENDING" || step.status === "RUNNING") {
      gaps.set(
        keyOf(step.collector, step.region),
        runFailure
          ? { ...runFailure, region: step.region }
          : {
              service: step.collector,
              operation: null,
              region: step.region,
              code: null,
              message: step.errorMessage ?? "not collected in the latest run",
            },
      );
    }
  }
  return {
    get<K extends CollectorKey>(collector: K, region: string): EvidenceSlot<EvidenceOf<K>> {
      const key = keyOf(collector, region);
      const gap = gaps.get(key);
      if (gap) return { state: "UNKNOWN", gap };
      const row = rows.get(key);
      if (!row) return { state: "MISSING" };
      const failedCalls = Array.isArray(row.failedCalls) ? (row.failedCalls as FailedCall[]) : [];
      return {
        state: "COLLECTED",
        data: row.data as EvidenceOf<K>,
        asOf: row.confirmedAt,
        ...(failedCalls.length > 0 ? { failedCalls } : {}),
      };
    },
  };
}
