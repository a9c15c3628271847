// The cloudtrail evidence as its collector (lib/aws/cloudtrail.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface TrailStatusEvidence {
  isLogging: boolean;
  latestDeliveryTime: string | null;
  latestDeliveryError: string | null;
  latestCloudWatchLogsDeliveryTime: string | null;
  latestCloudWatchLogsDeliveryError: string | null;
  startLoggingTime: string | null;
  stopLoggingTime: string | null;
}

export interface ClassicEventSelectorEvidence {
  /** ReadOnly, WriteOnly or All. */
  readWriteType: string | null;
  includeManagementEvents: boolean;
  excludeManagementEventSources: string[];
  dataResources: { type: string; values: string[] }[];
}

export interface AdvancedFieldSelectorEvidence {
  field: string;
  equals: string[];
  notEquals: string[];
  startsWith: string[];
  notStartsWith: string[];
  endsWith: string[];
  notEndsWith: string[];
}

export interface AdvancedEventSelectorEvidence {
  name: string | null;
  fieldSelectors: AdvancedFieldSelectorEvidence[];
}

export interface TrailLogGroupEvidence {
  name: string;
  region: string;
  accountId: string;
  /** A log group in another account is NOT_APPLICABLE for TRAIL-4 (controls.md). */
  inThisAccount: boolean;
  found: boolean;
  /** null = never expire (or not found / other account: see the flags). */
  retentionInDays: number | null;
}

export interface TrailEvidence {
  name: string;
  arn: string;
  homeRegion: string;
  /** The account that owns the trail (an organization trail belongs to the management account). */
  ownerAccountId: string | null;
  isMultiRegionTrail: boolean;
  isOrganizationTrail: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidationEnabled: boolean;
  s3BucketName: string | null;
  s3KeyPrefix: string | null;
  kmsKeyId: string | null;
  cloudWatchLogsLogGroupArn: string | null;
  cloudWatchLogsRoleArn: string | null;
  /** Configured regions whose DescribeTrails listed this trail (shadow copies included). */
  seenInRegions: string[];
  /** Read in the home region by ARN; null when the home region does not know the trail. */
  status: TrailStatusEvidence | null;
  eventSelectors: ClassicEventSelectorEvidence[];
  advancedEventSelectors: AdvancedEventSelectorEvidence[];
  logGroup: TrailLogGroupEvidence | null;
}

export interface CloudTrailEvidence {
  regionsQueried: string[];
  trails: TrailEvidence[];
}
