import { type ControlParams, DEFAULT_CONTROL_PARAMS } from "../params";
import type { AccountContext, AttestationRecord, EvidenceLookup, OrganizationView, RampartRecords } from "../types";

// A minimal AccountContext for unit tests: no evidence (every slot MISSING), the default parameters,
// and empty Rampart records. Tests override only what they are about.

export const TEST_EVALUATED_AT = new Date("2025-06-01T12:00:00.000Z");

export const EMPTY_EVIDENCE: EvidenceLookup = {
  get: () => ({ state: "MISSING" }),
};

export interface AccountContextOverrides {
  account?: Partial<AccountContext["account"]>;
  evaluatedAt?: Date;
  params?: Partial<ControlParams>;
  evidence?: EvidenceLookup;
  records?: Partial<RampartRecords>;
  organization?: OrganizationView | null;
}

export function buildAccountContext(overrides: AccountContextOverrides = {}): AccountContext {
  return {
    account: { accountNumber: "123456789012", alias: "test-account", regions: ["us-east-1"], ...overrides.account },
    evaluatedAt: overrides.evaluatedAt ?? TEST_EVALUATED_AT,
    params: { ...DEFAULT_CONTROL_PARAMS, ...overrides.params },
    evidence: overrides.evidence ?? EMPTY_EVIDENCE,
    records: {
      lastAccessReviewSignOffAt: null,
      lastAlertReviewAt: null,
      openCriticalOrHighAlertsPastSla: [],
      acknowledgedEndpointKeys: new Set<string>(),
      attestations: [],
      ...overrides.records,
    },
    organization: overrides.organization ?? null,
  };
}

export function buildAttestation(overrides: Partial<AttestationRecord> & Pick<AttestationRecord, "controlId">) {
  const attestation: AttestationRecord = {
    attestedAt: new Date("2025-03-01T09:00:00.000Z"),
    validUntil: new Date("2025-09-01T00:00:00.000Z"),
    attestedBy: "Ana Ruiz",
    note: "Checked with the customer.",
    link: null,
    documentRef: null,
    ...overrides,
  };
  return attestation;
}
