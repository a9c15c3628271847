import type { CollectorOutput } from "../aws/types";
import type { EvidenceGap, EvidenceLookup } from "../controls/types";
import { buildEvidenceLookup, type StoredEvidence, type StoredStep } from "./evidence-lookup";

// The rules' view of evidence collected in memory, without a database: the same lookup the stored
// evidence and the latest run's steps give (evidence-lookup.ts), built from one collection's outputs.
// Used where evidence must not be persisted (the demo's history replay, lib/demo).

export interface CollectedStep {
  collector: string;
  region: string;
  output?: CollectorOutput<unknown>;
  error?: { service: string; operation: string | null; region: string; code: string; message: string };
}

export interface InMemoryCollection {
  /** When the collection ran: the evidence's asOf, as a stored row's confirmedAt. */
  collectedAt: Date;
  steps: readonly CollectedStep[];
  /** The AssumeRole failure that skipped every step, if any. */
  runFailure: EvidenceGap | null;
}

export function collectedEvidenceLookup(collection: InMemoryCollection): EvidenceLookup {
  const evidence: StoredEvidence[] = collection.steps.flatMap((step) =>
    step.output
      ? [
          {
            collector: step.collector,
            region: step.region,
            // As stored in the Evidence table (jsonb): rules never see a value a round trip would change.
            data: JSON.parse(JSON.stringify(step.output.evidence)) as unknown,
            confirmedAt: collection.collectedAt,
            failedCalls: step.output.failedCalls ?? [],
          },
        ]
      : [],
  );
  const steps: StoredStep[] = collection.steps.map((step) => ({
    collector: step.collector,
    region: step.region,
    status: collection.runFailure
      ? "SKIPPED"
      : step.error
        ? "FAILED"
        : step.output?.failedCalls?.length
          ? "PARTIAL"
          : "SUCCEEDED",
    errorService: step.error?.service ?? null,
    errorOperation: step.error?.operation ?? null,
    errorRegion: step.error?.region ?? null,
    errorCode: step.error?.code ?? null,
    errorMessage: step.error?.message ?? null,
  }));
  return buildEvidenceLookup(evidence, steps, collection.runFailure);
}
