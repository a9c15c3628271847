import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from "@aws-sdk/client-s3-control";
import type {
  BucketEncryptionRuleEvidence,
  BucketEvidence,
  PublicAccessBlockEvidence,
  S3Evidence,
} from "../evidence/s3";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { createSessionClient, GLOBAL_REGION } from "./clients";
import { type AwsCallContext, callAws, callAwsAllowingAbsent, requireReadable } from "./errors";
import { collectPages, mapConcurrently, toIsoString } from "./pagination";
import type { AccountSession, CollectorDefinition } from "./types";

const SERVICE = "s3";
const context = (operation: string, region: string, service = SERVICE): AwsCallContext => ({
  service,
  operation,
  region,
});

/** LocationConstraint "" or absent means us-east-1, and the legacy "EU" means eu-west-1 (S3 API reference). */
export function bucketRegionFromLocation(locationConstraint: string | undefined | null): string {
  if (!locationConstraint) return "us-east-1";
  if (locationConstraint === "EU") return "eu-west-1";
  return locationConstraint;
}

function mapPublicAccessBlock(
  configuration:
    | {
        BlockPublicAcls?: boolean;
        IgnorePublicAcls?: boolean;
        BlockPublicPolicy?: boolean;
        RestrictPublicBuckets?: boolean;
      }
    | undefined,
): PublicAccessBlockEvidence | null {
  if (!configuration) return null;
  return {
    blockPublicAcls: configuration.BlockPublicAcls ?? false,
    ignorePublicAcls: configuration.IgnorePublicAcls ?? false,
    blockPublicPolicy: configuration.BlockPublicPolicy ?? false,
    restrictPublicBuckets: configuration.RestrictPublicBuckets ?? false,
  };
}

export async function listBuckets(
  client: S3Client,
): Promise<{ name: string; createdAt: string | null; region: string | null }[]> {
  const buckets = await collectPages(
    context("ListBuckets", GLOBAL_REGION),
    () => paginateListBuckets({ client }, {}),
    (page) => page.Buckets,
  );
  return buckets.map((bucket) => ({
    name: bucket.Name ?? "",
    createdAt: toIsoString(bucket.CreationDate),
    region: bucket.BucketRegion ?? null,
  }));
}

export async function getBucketLocation(client: S3Client, bucket: string): Promise<string> {
  const response = await callAws(context("GetBucketLocation", GLOBAL_REGION), () =>
    client.send(new GetBucketLocationCommand({ Bucket: bucket })),
  );
  return bucketRegionFromLocation(response.LocationConstraint);
}

export async function getBucketVersioning(
  client: S3Client,
  region: string,
  bucket: string,
): Promise<{ status: string | null; mfaDelete: string | null }> {
  const response = await callAws(context("GetBucketVersioning", region), () =>
    client.send(new GetBucketVersioningCommand({ Bucket: bucket })),
  );
  return { status: response.Status ?? null, mfaDelete: response.MFADelete ?? null };
}

/** AWS answers all four flags; a configuration with none of them was not a public access block. */
function hasPublicAccessBlock(response: { PublicAccessBlockConfiguration?: object }): boolean {
  const configuration = response.PublicAccessBlockConfiguration as Record<string, unknown> | undefined;
  return (
    configuration !== undefined &&
    ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"].some(
      (flag) => typeof configuration[flag] === "boolean",
    )
  );
}

export async function getBucketPolicyStatus(
  client: S3Client,
  region: string,
  bucket: string,
): Promise<{ hasBucketPolicy: boolean; policyIsPublic: boolean }> {
  const call = context("GetBucketPolicyStatus", region);
  const response = await callAwsAllowingAbsent(call, ["NoSuchBucketPolicy"], () =>
    client.send(new GetBucketPolicyStatusCommand({ Bucket: bucket })),
  );
  // AWS always says IsPublic; without it the answer was not a policy status (TRAIL-8 must not read "not public").
  requireReadable(
    call,
    response,
    (answer) => typeof answer.PolicyStatus?.IsPublic === "boolean",
    "PolicyStatus.IsPublic",
  );
  return { hasBucketPolicy: response !== undefined, policyIsPublic: response?.PolicyStatus?.IsPublic ?? false };
}

export async function getPublicAccessBlock(
  client: S3Client,
  region: string,
  bucket: string,
): Promise<PublicAccessBlockEvidence | null> {
  const call = context("GetPublicAccessBlock", region);
  const response = await callAwsAllowingAbsent(call, ["NoSuchPublicAccessBlockConfiguration"], () =>
    client.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
  );
  requireReadable(call, response, hasPublicAccessBlock, "PublicAccessBlockConfiguration");
  return mapPublicAccessBlock(response?.PublicAccessBlockConfiguration);
}

export async function getBucketLogging(
  client: S3Client,
  region: string,
  bucket: string,
): Promise<BucketEvidence["logging"]> {
  const response = await callAws(context("GetBucketLogging", region), () =>
    client.send(new GetBucketLoggingCommand({ Bucket: bucket })),
  );
  const enabled = response.LoggingEnabled;
  return enabled?.TargetBucket
    ? { targetBucket: enabled.TargetBucket, targetPrefix: enabled.TargetPrefix ?? "" }
    : null;
}

export async function getBucketEncryption(
  client: S3Client,
  region: string,
  bucket: string,
): Promise<BucketEncryptionRuleEvidence[] | null> {
  const response = await callAwsAllowingAbsent(
    context("GetBucketEncryption", region),
    ["ServerSideEncryptionConfigurationNotFoundError"],
    () => client.send(new GetBucketEncryptionCommand({ Bucket: bucket })),
  );
  if (!response) return null;
  return (response.ServerSideEncryptionConfiguration?.Rules ?? []).map((rule) => ({
    sseAlgorithm: rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null,
    kmsMasterKeyId: rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null,
    bucketKeyEnabled: rule.BucketKeyEnabled ?? false,
  }));
}

export async function getBucketTagging(
  client: S3Client,
  region: string,
  bucket: string,
): Promise<Record<string, string>> {
  const response = await callAwsAllowingAbsent(context("GetBucketTagging", region), ["NoSuchTagSet"], () =>
    client.send(new GetBucketTaggingCommand({ Bucket: bucket })),
  );
  return Object.fromEntries((response?.TagSet ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
}

/** Account-level block public access (S3 Control), which TRAIL-8 accepts in place of the bucket's own. */
export async function getAccountPublicAccessBlock(
  client: S3ControlClient,
  region: string,
  accountId: string,
): Promise<PublicAccessBlockEvidence | null> {
  const call = context("GetPublicAccessBlock", region, "s3-control");
  const response = await callAwsAllowingAbsent(call, ["NoSuchPublicAccessBlockConfiguration"], () =>
    client.send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId })),
  );
  requireReadable(call, response, hasPublicAccessBlock, "PublicAccessBlockConfiguration");
  return mapPublicAccessBlock(response?.PublicAccessBlockConfiguration);
}

const BUCKET_CONCURRENCY = 4;

/** What a failed bucket call leaves in its place: never read as evidence (the row names the failed call). */
const NO_VERSIONING = { status: null, mfaDelete: null };
const NO_POLICY_STATUS = { hasBucketPolicy: false, policyIsPublic: false };

export async function collectS3(session: AccountSession): Promise<{ evidence: S3Evidence; failedCalls: FailedCall[] }> {
  const clients = new Map<string, S3Client>();
  // Bucket configuration calls go to the bucket's own region (api-map §5).
  const clientFor = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      client = createSessionClient(S3Client, session, region);
      clients.set(region, client);
    }
    return client;
  };
  const controlClient = createSessionClient(S3ControlClient, session, GLOBAL_REGION);
  // Per-call evidence (issue 12 item 1): each call, per bucket too, answers or fails on its own; the rules
  // name the calls they need (lib/controls/evidence-needs.ts).
  const calls = new CallRecorder();
  try {
    const [accountPublicAccessBlock, listed] = await Promise.all([
      calls.attempt(getAccountPublicAccessBlock(controlClient, GLOBAL_REGION, session.accountNumber), null),
      calls.attempt(listBuckets(clientFor(GLOBAL_REGION)), []),
    ]);
    const buckets = await mapConcurrently(
      listed,
      async (bucket): Promise<BucketEvidence> => {
        // Without its location a bucket's configuration cannot be asked for: the placeholders stand, and
        // every rule that reads buckets needs GetBucketLocation.
        const located =
          bucket.region ?? (await calls.attempt(getBucketLocation(clientFor(GLOBAL_REGION), bucket.name), null));
        const region = located ?? GLOBAL_REGION;
        const client = clientFor(region);
        const read = <T>(call: () => Promise<T>, placeholder: T) =>
          located === null ? Promise.resolve(placeholder) : calls.attempt(call(), placeholder);
        const [versioning, policyStatus, publicAccessBlock, logging, encryptionRules, tags] = await Promise.all([
          read(() => getBucketVersioning(client, region, bucket.name), NO_VERSIONING),
          read(() => getBucketPolicyStatus(client, region, bucket.name), NO_POLICY_STATUS),
          read(() => getPublicAccessBlock(client, region, bucket.name), null),
          read(() => getBucketLogging(client, region, bucket.name), null),
          read(() => getBucketEncryption(client, region, bucket.name), null),
          read(() => getBucketTagging(client, region, bucket.name), {}),
        ]);
        return {
          name: bucket.name,
          region,
          createdAt: bucket.createdAt,
          versioningStatus: versioning.status,
          mfaDelete: versioning.mfaDelete,
          publicAccessBlock,
          ...policyStatus,
          logging,
          encryptionRules,
          tags,
        };
      },
      BUCKET_CONCURRENCY,
    );
    calls.throwIfNothingAnswered();
    return { evidence: { accountPublicAccessBlock, buckets }, failedCalls: calls.failedCalls };
  } finally {
    controlClient.destroy();
    for (const client of clients.values()) client.destroy();
  }
}

export const s3Collector: CollectorDefinition<S3Evidence> = {
  key: "s3",
  service: SERVICE,
  // ListBuckets and the account public access block are account-wide; each bucket is read in its region.
  scope: "global",
  async collect(session) {
    const { evidence, failedCalls } = await collectS3(session);
    return { evidence, failedCalls, itemCount: evidence.buckets.length };
  },
};
