// The securityhub evidence as its collector (lib/aws/securityhub.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface SecurityHubEvidence {
  region: string;
  /** false = not subscribed (InvalidAccessException): DET-6 fails, it is not UNKNOWN. */
  enabled: boolean;
  hubArn: string | null;
  subscribedAt: string | null;
  autoEnableControls: boolean | null;
  /** AWS's own words when it answered "not subscribed". */
  notEnabledReason: string | null;
}
