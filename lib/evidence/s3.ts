// The s3 evidence as its collector (lib/aws/s3.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface PublicAccessBlockEvidence {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface BucketEncryptionRuleEvidence {
  /** AES256, aws:kms, aws:kms:dsse. */
  sseAlgorithm: string | null;
  kmsMasterKeyId: string | null;
  bucketKeyEnabled: boolean;
}

export interface BucketEvidence {
  name: string;
  region: string;
  createdAt: string | null;
  /** Enabled, Suspended, or null when versioning was never configured (TRAIL-6). */
  versioningStatus: string | null;
  /** Enabled / Disabled, null when never configured (TRAIL-7). */
  mfaDelete: string | null;
  /** Bucket-level public access block; null = none configured (NoSuchPublicAccessBlockConfiguration). */
  publicAccessBlock: PublicAccessBlockEvidence | null;
  /** PolicyStatus.IsPublic; hasBucketPolicy false = NoSuchBucketPolicy, which counts as not public (TRAIL-8). */
  hasBucketPolicy: boolean;
  policyIsPublic: boolean;
  /** Server access logging target; null = logging off (TRAIL-9). */
  logging: { targetBucket: string; targetPrefix: string } | null;
  /** null = no default encryption configuration (ServerSideEncryptionConfigurationNotFoundError). */
  encryptionRules: BucketEncryptionRuleEvidence[] | null;
  /** NoSuchTagSet = no tags (GOV-2). */
  tags: Record<string, string>;
}

export interface S3Evidence {
  /** S3 Control GetPublicAccessBlock for the account; null = not configured. */
  accountPublicAccessBlock: PublicAccessBlockEvidence | null;
  buckets: BucketEvidence[];
}
