// The config-service evidence as its collector (lib/aws/config-service.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface ConfigRecorderEvidence {
  name: string;
  roleArn: string | null;
  /** DET-1: allSupported, or the ALL_SUPPORTED_RESOURCE_TYPES recording strategy. */
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  /** ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES or EXCLUSION_BY_RESOURCE_TYPES. */
  recordingStrategy: string | null;
  resourceTypes: string[];
  excludedResourceTypes: string[];
  /** From DescribeConfigurationRecorderStatus; null when no status was returned for this recorder. */
  recording: boolean | null;
  /** PENDING, SUCCESS, FAILURE, NOTAPPLICABLE: upper-cased, see normalizeRecorderStatus. */
  lastStatus: string | null;
  lastErrorCode: string | null;
  lastStatusChangeTime: string | null;
}

export interface ConfigRuleEvidence {
  name: string;
  arn: string | null;
  /** AWS (managed) or CUSTOM_LAMBDA / CUSTOM_POLICY. */
  sourceOwner: string | null;
  /** The managed-rule identifier (e.g. IAM_PASSWORD_POLICY): match rules to controls on this, not the name. */
  sourceIdentifier: string | null;
  state: string | null;
  /** COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, INSUFFICIENT_DATA, or null when Config reported nothing. */
  complianceType: string | null;
  nonCompliantResourceCount: number;
  compliantResourceCount: number;
}

export interface ConfigServiceEvidence {
  region: string;
  recorders: ConfigRecorderEvidence[];
  rules: ConfigRuleEvidence[];
  /** DET-5 summary: rules with a COMPLIANT / NON_COMPLIANT result. */
  compliantRuleCount: number;
  nonCompliantRuleCount: number;
}
