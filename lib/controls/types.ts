import type { CollectorKey, EvidenceOf, OrganizationsEvidence } from "../evidence/contract";
import type { FailedCall } from "./failed-calls";
import type { ControlParams } from "./params";

// The contract between collected evidence and control rules. Rules are pure functions of an
// AccountContext: no database, no clock of their own (they read `evaluatedAt` and each evidence
// slot's `asOf`), so they can be unit-tested from hand-written evidence.

export type ResultStatus = "PASS" | "FAIL" | "NOT_APPLICABLE" | "UNKNOWN";
export type ControlSeverity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";

/** A resource that makes a control fail (or that it could not judge), named so a person can act on it. */
export interface Offender {
  /** What kind of thing: "user", "access-key", "trail", "bucket", "security-group", "region", "rule", … */
  kind: string;
  /** Its name or id as AWS shows it: user name, sg-… id, bucket name, trail ARN, region code. */
  id: string;
  region?: string;
  /** What is wrong with it, e.g. "port 22 open to 0.0.0.0/0", "key age 412 days". */
  detail?: string;
}

export interface ControlOutcome {
  status: ResultStatus;
  /** One or two sentences a consultant can act on; a FAIL names what to fix. */
  reason: string;
  offenders: Offender[];
  /** Attested controls: FAIL because no valid attestation exists (shown apart from evidence failures). */
  needsAttestation?: boolean;
}

/** Why evidence is missing: the attributed AWS error of the collector step that failed. */
export interface EvidenceGap {
  service: string;
  operation: string | null;
  region: string;
  code: string | null;
  /** The HTTP status of the failed answer, when there was one. */
  httpStatus?: number | null;
  message: string | null;
  /** Several calls of one collection failed: all of them, in stable order (the fields above are the first). */
  calls?: readonly EvidenceGap[];
}

/**
 * One collector's evidence for one region ("global" for global collectors), as the latest sync left it.
 * COLLECTED: the latest run collected it (asOf = its collection time). UNKNOWN: the latest run failed
 * there (previous data, if any, is not used for judgement). MISSING: never collected.
 */
export type EvidenceSlot<E> =
  | {
      state: "COLLECTED";
      data: E;
      asOf: Date;
      /** Calls of this collection that failed (their parts of `data` are placeholders); see evidence-needs.ts. */
      failedCalls?: readonly FailedCall[];
    }
  | { state: "UNKNOWN"; gap: EvidenceGap }
  | { state: "MISSING" };

export interface EvidenceLookup {
  get<K extends CollectorKey>(collector: K, region: string): EvidenceSlot<EvidenceOf<K>>;
}

/** A consultant's attestation that applies to this account (its own, or one for every account). */
export interface AttestationRecord {
  controlId: string;
  attestedAt: Date;
  validUntil: Date;
  attestedBy: string;
  note: string;
  link: string | null;
  documentRef: string | null;
}

/** Rampart's own records that some controls read (access reviews, alert reviews, endpoint inventory). */
export interface RampartRecords {
  /** IAM-12: latest sign-off of an access review covering this account. */
  lastAccessReviewSignOffAt: Date | null;
  /** GOV-5: latest alert review recorded for the customer. */
  lastAlertReviewAt: Date | null;
  /** GOV-5: open (NEW/ACKNOWLEDGED/IN_PROGRESS) critical or high alerts past their SLA due time. */
  openCriticalOrHighAlertsPastSla: { id: string; title: string; severity: ControlSeverity; dueAt: Date }[];
  /** NET-7: endpoint keys a consultant acknowledged for this account (see rules/network.ts for the key format). */
  acknowledgedEndpointKeys: ReadonlySet<string>;
  /** Attestations that apply to this account, all of them (valid or expired); rules pick the best. */
  attestations: readonly AttestationRecord[];
}

/**
 * GOV-3: the organization's tree as a connected account of the same customer that may read it (the
 * management account, or a delegated administrator) last collected it.
 */
export interface OrganizationView {
  /** 12-digit id of the account that collected the tree. */
  collectedBy: string;
  slot: EvidenceSlot<OrganizationsEvidence>;
}

export interface AccountContext {
  account: {
    /** 12-digit AWS account id. */
    accountNumber: string;
    alias: string;
    /** Regions configured for the account in Rampart: "every region" means these. */
    regions: readonly string[];
  };
  /** When the evaluation runs (the sync's end); attestation and record ages are measured from here. */
  evaluatedAt: Date;
  params: ControlParams;
  evidence: EvidenceLookup;
  records: RampartRecords;
  /** GOV-3: absent or null when no account that can read the organization's tree is connected. */
  organization?: OrganizationView | null;
}

export type ControlRule = (context: AccountContext) => ControlOutcome;
