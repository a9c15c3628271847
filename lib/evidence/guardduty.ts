// The guardduty evidence as its collector (lib/aws/guardduty.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface GuardDutyDetectorEvidence {
  detectorId: string;
  /** ENABLED / DISABLED (DET-2). */
  status: string | null;
  findingPublishingFrequency: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** Protection plans, e.g. S3_DATA_EVENTS → ENABLED. */
  features: { name: string; status: string | null }[];
}

export interface GuardDutyEvidence {
  region: string;
  /** Empty = GuardDuty never enabled in this region (evidence, not an error). */
  detectors: GuardDutyDetectorEvidence[];
}
