// The alert sources by name, apart from the source rules (sources.ts), so browser code can label them
// without loading the control catalogue.

export const ALERT_SOURCES = [
  "CONTROL",
  "INSPECTOR",
  "CONFIG",
  "COVERAGE",
  "CERTIFICATE",
  "ATTESTATION",
  "ACCESS_REVIEW",
  "ORGANIZATION",
  "REGION",
  "CHANGE",
] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const SOURCE_LABELS: Record<AlertSource, string> = {
  CONTROL: "Control failure",
  INSPECTOR: "Inspector finding",
  CONFIG: "Config rule",
  COVERAGE: "Collection gap",
  CERTIFICATE: "Certificate expiry",
  ATTESTATION: "Attestation expiry",
  ACCESS_REVIEW: "Access review",
  ORGANIZATION: "Organization account not monitored",
  REGION: "Unmonitored region",
  CHANGE: "Change without an approved change request",
};
