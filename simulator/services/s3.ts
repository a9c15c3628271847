import { AwsError } from "../core/errors";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";
import type { Estate } from "../estate/schema";
import { parsePolicyDocument } from "./trust-policy";

// S3 (restXml, path-style /{Bucket}?subresource). Missing configuration answers the 404 codes S3
// uses (NoSuchBucketPolicy, NoSuchPublicAccessBlockConfiguration, NoSuchTagSet,
// ServerSideEncryptionConfigurationNotFoundError); a bucket owned by another estate is AccessDenied.

type Bucket = Estate["s3"]["buckets"][number];

function findBucket(context: OperationContext, name: unknown): Bucket {
  const bucket = context.estate.s3.buckets.find((candidate) => candidate.name === name);
  if (bucket) return bucket;
  const elsewhere = context.runtime.estates
    .all()
    .some((record) => record.estate.s3.buckets.some((candidate) => candidate.name === name));
  if (elsewhere) throw new AwsError("AccessDenied", "Access Denied", 403);
  throw new AwsError("NoSuchBucket", "The specified bucket does not exist", 404);
}

function bucketRegion(context: OperationContext, bucket: Bucket): string {
  return bucket.region ?? context.index.defaultRegion;
}

type Statement = { Effect?: string; Principal?: unknown; Condition?: unknown };

/** A policy is public when an Allow statement names every principal without a condition (S3 "policy status"). */
export function isPolicyPublic(document: string | Record<string, unknown>): boolean {
  const statements = parsePolicyDocument(document).Statement as Statement | Statement[] | undefined;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return list.some((statement) => {
    if (statement.Effect !== "Allow" || statement.Condition) return false;
    const principal = statement.Principal;
    if (principal === "*") return true;
    const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
    return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
  });
}

function publicAccessBlockOutput(configuration: NonNullable<Bucket["publicAccessBlock"]>) {
  return {
    BlockPublicAcls: configuration.blockPublicAcls,
    IgnorePublicAcls: configuration.ignorePublicAcls,
    BlockPublicPolicy: configuration.blockPublicPolicy,
    RestrictPublicBuckets: configuration.restrictPublicBuckets,
  };
}

export function noPublicAccessBlock(): AwsError {
  return new AwsError(
    "NoSuchPublicAccessBlockConfiguration",
    "The public access block configuration was not found",
    404,
  );
}

function listBuckets(_input: OperationInput, context: OperationContext): Output {
  return {
    Buckets: context.estate.s3.buckets.map((bucket) => ({
      Name: bucket.name,
      CreationDate: context.date(bucket.createdAt),
      BucketRegion: bucketRegion(context, bucket),
    })),
    Owner: { ID: Buffer.from(context.accountId).toString("hex").padEnd(64, "0") },
  };
}

export const s3Service: ServiceDefinition = {
  key: "s3",
  protocol: "restXml",
  signingName: "s3",
  actionPrefix: "s3",
  operations: {
    ListBuckets: listBuckets,
    GetBucketLocation(input, context) {
      const region = bucketRegion(context, findBucket(context, input.Bucket));
      return { LocationConstraint: region === "us-east-1" ? "" : region };
    },
    GetBucketVersioning(input, context) {
      const bucket = findBucket(context, input.Bucket);
      if (!bucket.versioning) return {};
      return { Status: bucket.versioning, MFADelete: bucket.mfaDelete ? "Enabled" : "Disabled" };
    },
    GetBucketPolicyStatus(input, context) {
      const bucket = findBucket(context, input.Bucket);
      if (bucket.policyIsPublic !== undefined) return { PolicyStatus: { IsPublic: bucket.policyIsPublic } };
      if (!bucket.policy) throw new AwsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
      return { PolicyStatus: { IsPublic: isPolicyPublic(bucket.policy) } };
    },
    GetPublicAccessBlock(input, context) {
      const bucket = findBucket(context, input.Bucket);
      if (!bucket.publicAccessBlock) throw noPublicAccessBlock();
      return { PublicAccessBlockConfiguration: publicAccessBlockOutput(bucket.publicAccessBlock) };
    },
    GetBucketLogging(input, context) {
      const bucket = findBucket(context, input.Bucket);
      if (!bucket.logging) return {};
      return {
        LoggingEnabled: { TargetBucket: bucket.logging.targetBucket, TargetPrefix: bucket.logging.targetPrefix },
      };
    },
    GetBucketTagging(input, context) {
      const bucket = findBucket(context, input.Bucket);
      const entries = Object.entries(bucket.tags);
      if (entries.length === 0) throw new AwsError("NoSuchTagSet", "The TagSet does not exist", 404);
      return { TagSet: entries.map(([Key, Value]) => ({ Key, Value })) };
    },
    GetBucketEncryption(input, context) {
      const bucket = findBucket(context, input.Bucket);
      if (!bucket.encryption) {
        throw new AwsError(
          "ServerSideEncryptionConfigurationNotFoundError",
          "The server side encryption configuration was not found",
          404,
        );
      }
      const { algorithm, kmsKeyId, bucketKeyEnabled } = bucket.encryption;
      return {
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: algorithm, KMSMasterKeyID: kmsKeyId },
              BucketKeyEnabled: bucketKeyEnabled,
            },
          ],
        },
      };
    },
  },
};
