import type { Offender } from "../controls/types";
import type { PackChange } from "./change-log";

// The machine-readable content of an evidence pack (pack.json). Everything in it is a function of
// (customer, period, as-of) and the records Rampart held at the as-of; nothing about who generated
// the pack or when (that is the generation record in manifest.json). Timestamps are ISO strings and
// every list has a fixed order, so the same request gives byte-identical JSON, PDF and CSVs.

export const PACK_FORMAT = "rampart-evidence-pack/1";

export interface PackEvidence {
  collector: string;
  region: string;
  /** The AWS API operations that collector calls (the catalogue's evidence text names the field's call). */
  apiCalls: string[];
  /** COLLECTED: the version held at the as-of; UNKNOWN: the latest run at the as-of failed there; MISSING: never collected by then. */
  state: "COLLECTED" | "UNKNOWN" | "MISSING";
  /** When this content was first collected (a later sync that saw the same content only confirms it). */
  collectedAt: string | null;
  syncRunId: string | null;
  /** The fields the rule reads, with their values at the as-of. */
  fields: unknown;
  fieldPaths: string[];
  error: PackError | null;
}

export interface PackError {
  service: string;
  operation: string | null;
  region: string;
  code: string | null;
  message: string | null;
}

export interface PackAccountResult {
  accountNumber: string;
  alias: string;
  status: "PASS" | "FAIL" | "NOT_APPLICABLE" | "UNKNOWN" | "NOT_EVALUATED";
  severity: string;
  reason: string;
  offenders: Offender[];
  needsAttestation: boolean;
  evaluatedAt: string | null;
  syncRunId: string | null;
  suppression: PackSuppression | null;
  evidence: PackEvidence[];
}

export interface PackControl {
  id: string;
  title: string;
  area: string;
  severity: string;
  source: "AUTOMATED" | "ATTESTED";
  sopReference: string;
  reference: string | null;
  /** The rule applied: what Rampart reads and why the SOP asks for it. */
  rule: { evidence: string; rationale: string };
  sopSections: number[];
  results: PackAccountResult[];
  attestations: PackAttestation[];
}

export interface PackAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** Path inside the zip. */
  path: string;
}

export interface PackAttestation {
  id: string;
  controlId: string;
  account: string | null;
  attestedBy: string;
  attestedAt: string;
  validUntil: string;
  validAtAsOf: boolean;
  note: string;
  link: string | null;
  documentRef: string | null;
  attachments: PackAttachment[];
}

export interface PackSuppression {
  id: string;
  controlId: string;
  account: string | null;
  reason: string;
  approvedBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface PackChapter {
  section: number;
  title: string;
  controlIds: string[];
}

export interface PublicAccessTopic {
  topic: string;
  /** What seed 002 shows as a screenshot for this topic. */
  screenshotShowed: string;
  controlIds: string[];
  answers: { controlId: string; account: string; status: string; reason: string }[];
}

export interface PackScorePoint {
  day: string;
  score: number | null;
  grade: string | null;
}

export interface PackContent {
  format: typeof PACK_FORMAT;
  customer: { name: string; slug: string };
  asOf: string;
  period: { from: string; to: string; label: string };
  accounts: { accountNumber: string; alias: string; environment: string; regions: string[] }[];
  firstCollectionAt: string;
  score: {
    score: number | null;
    grade: string | null;
    passed: number;
    failed: number;
    unknown: number;
    notApplicable: number;
    suppressed: number;
    trend: PackScorePoint[];
    /** Last score of the period minus the first (points), null without two scores. */
    change: number | null;
  };
  chapters: PackChapter[];
  controls: PackControl[];
  publicAccess: PublicAccessTopic[];
  suppressions: PackSuppression[];
  accessReviews: {
    period: string;
    accounts: string[];
    signedOffAt: string;
    signedOffBy: string | null;
    items: {
      account: string;
      userName: string;
      decision: string | null;
      modification: string | null;
      justification: string | null;
      decidedBy: string | null;
      decidedAt: string | null;
      verificationStatus: string | null;
      verifiedAt: string | null;
    }[];
  }[];
  alertReviews: { reviewedAt: string; reviewedBy: string; note: string }[];
  /** The changes closed into the ICR log in the period (SOP 000 §11, CHG-1). */
  changeLog: PackChange[];
  alerts: {
    raised: number;
    resolved: number;
    resolvedWithinSla: number;
    resolvedLate: number;
    openPastSlaAtAsOf: number;
    list: {
      id: string;
      title: string;
      severity: string;
      account: string | null;
      rule: string;
      firstSeenAt: string;
      dueAt: string;
      resolvedAt: string | null;
      /** met/missed for resolved by the as-of, breached/open for the others. */
      sla: "met" | "missed" | "breached" | "open";
    }[];
  };
  syncRuns: {
    id: string;
    account: string;
    status: string;
    trigger: string;
    startedAt: string;
    finishedAt: string | null;
    errorSummary: string | null;
    failedSteps: (PackError & { collector: string })[];
  }[];
  unknowns: { controlId: string; account: string; reason: string; errors: PackError[] }[];
  /** What the pack cannot show, in plain words. */
  limitations: string[];
}
