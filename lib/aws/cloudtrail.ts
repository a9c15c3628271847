import {
  type AdvancedEventSelector,
  CloudTrailClient,
  DescribeTrailsCommand,
  type EventSelector,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type GetTrailStatusResponse,
  type Trail,
} from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type {
  AdvancedEventSelectorEvidence,
  ClassicEventSelectorEvidence,
  CloudTrailEvidence,
  TrailEvidence,
  TrailLogGroupEvidence,
  TrailStatusEvidence,
} from "../evidence/cloudtrail";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { createSessionClient, GLOBAL_REGION } from "./clients";
import { describeLogGroups } from "./cloudwatch-logs";
import { type AwsCallContext, callAws, callAwsAllowingAbsent } from "./errors";
import { mapConcurrently, toIsoString } from "./pagination";
import type { AccountSession, CollectorDefinition } from "./types";

const SERVICE = "cloudtrail";

const context = (operation: string, region: string): AwsCallContext => ({ service: SERVICE, operation, region });

export async function describeTrails(client: CloudTrailClient, region: string): Promise<Trail[]> {
  // DescribeTrails does not paginate (api-map §8); shadow trails are the multi-region trails' copies.
  const response = await callAws(context("DescribeTrails", region), () =>
    client.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  return response.trailList ?? [];
}

export function mapTrailStatus(status: GetTrailStatusResponse): TrailStatusEvidence {
  return {
    isLogging: status.IsLogging ?? false,
    latestDeliveryTime: toIsoString(status.LatestDeliveryTime),
    latestDeliveryError: status.LatestDeliveryError || null,
    latestCloudWatchLogsDeliveryTime: toIsoString(status.LatestCloudWatchLogsDeliveryTime),
    latestCloudWatchLogsDeliveryError: status.LatestCloudWatchLogsDeliveryError || null,
    startLoggingTime: toIsoString(status.StartLoggingTime),
    stopLoggingTime: toIsoString(status.StopLoggingTime),
  };
}

/** GetTrailStatus by ARN, in the trail's home region. TrailNotFoundException → null. */
export async function getTrailStatus(
  client: CloudTrailClient,
  region: string,
  trailArn: string,
): Promise<TrailStatusEvidence | null> {
  const status = await callAwsAllowingAbsent(
    context("GetTrailStatus", region),
    ["TrailNotFoundException", "TrailNotFound"],
    () => client.send(new GetTrailStatusCommand({ Name: trailArn })),
  );
  return status ? mapTrailStatus(status) : null;
}

export function mapEventSelector(selector: EventSelector): ClassicEventSelectorEvidence {
  return {
    readWriteType: selector.ReadWriteType ?? null,
    // The API default for IncludeManagementEvents is true.
    includeManagementEvents: selector.IncludeManagementEvents ?? true,
    excludeManagementEventSources: selector.ExcludeManagementEventSources ?? [],
    dataResources: (selector.DataResources ?? []).map((resource) => ({
      type: resource.Type ?? "",
      values: resource.Values ?? [],
    })),
  };
}

export function mapAdvancedEventSelector(selector: AdvancedEventSelector): AdvancedEventSelectorEvidence {
  return {
    name: selector.Name ?? null,
    fieldSelectors: (selector.FieldSelectors ?? []).map((field) => ({
      field: field.Field ?? "",
      equals: field.Equals ?? [],
      notEquals: field.NotEquals ?? [],
      startsWith: field.StartsWith ?? [],
      notStartsWith: field.NotStartsWith ?? [],
      endsWith: field.EndsWith ?? [],
      notEndsWith: field.NotEndsWith ?? [],
    })),
  };
}

export async function getEventSelectors(
  client: CloudTrailClient,
  region: string,
  trailArn: string,
): Promise<{
  eventSelectors: ClassicEventSelectorEvidence[];
  advancedEventSelectors: AdvancedEventSelectorEvidence[];
}> {
  const response = await callAwsAllowingAbsent(
    context("GetEventSelectors", region),
    ["TrailNotFoundException", "TrailNotFound"],
    () => client.send(new GetEventSelectorsCommand({ TrailName: trailArn })),
  );
  return {
    eventSelectors: (response?.EventSelectors ?? []).map(mapEventSelector),
    advancedEventSelectors: (response?.AdvancedEventSelectors ?? []).map(mapAdvancedEventSelector),
  };
}

/** arn:aws:logs:<region>:<account>:log-group:<name>[:*] → its parts. */
export function parseLogGroupArn(arn: string): { region: string; accountId: string; name: string } | null {
  const match = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:(.+?)(?::\*)?$/.exec(arn);
  return match ? { region: match[1], accountId: match[2], name: match[3] } : null;
}

/** Keeps one entry per trail ARN: every region lists a multi-region trail's shadow copy (TRAIL-1). */
export function deduplicateTrails(trailsByRegion: { region: string; trails: Trail[] }[]): {
  trail: Trail;
  seenInRegions: string[];
}[] {
  const byArn = new Map<string, { trail: Trail; seenInRegions: string[] }>();
  for (const { region, trails } of trailsByRegion) {
    for (const trail of trails) {
      const arn = trail.TrailARN ?? `${trail.HomeRegion}/${trail.Name}`;
      const entry = byArn.get(arn);
      if (entry) entry.seenInRegions.push(region);
      else byArn.set(arn, { trail, seenInRegions: [region] });
    }
  }
  return [...byArn.values()];
}

export async function collectCloudTrail(
  session: AccountSession,
): Promise<{ evidence: CloudTrailEvidence; failedCalls: FailedCall[] }> {
  // Per-call evidence (issue 12 item 1): a failed read of one trail's log group (TRAIL-4 only) leaves the
  // other trail controls judged; the trail calls are needed by all of them (lib/controls/evidence-needs.ts).
  const calls = new CallRecorder();
  const clients = new Map<string, CloudTrailClient>();
  const clientFor = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      client = createSessionClient(CloudTrailClient, session, region);
      clients.set(region, client);
    }
    return client;
  };
  try {
    const regionsQueried = session.regions.length > 0 ? session.regions : [GLOBAL_REGION];
    const trailsByRegion = await mapConcurrently(regionsQueried, async (region) => ({
      region,
      trails: await calls.attempt(describeTrails(clientFor(region), region), []),
    }));
    const trails = await mapConcurrently(deduplicateTrails(trailsByRegion), async ({ trail, seenInRegions }) => {
      const arn = trail.TrailARN ?? "";
      // Status and selectors come from the home region, even when it is not configured (controls.md).
      const homeRegion = trail.HomeRegion ?? seenInRegions[0];
      const [status, selectors, logGroup] = await Promise.all([
        calls.attempt(getTrailStatus(clientFor(homeRegion), homeRegion, arn), null),
        calls.attempt(getEventSelectors(clientFor(homeRegion), homeRegion, arn), {
          eventSelectors: [],
          advancedEventSelectors: [],
        }),
        calls.attempt(readTrailLogGroup(session, trail.CloudWatchLogsLogGroupArn), null),
      ]);
      return {
        name: trail.Name ?? "",
        arn,
        homeRegion,
        ownerAccountId: /^arn:[^:]+:cloudtrail:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? null,
        isMultiRegionTrail: trail.IsMultiRegionTrail ?? false,
        isOrganizationTrail: trail.IsOrganizationTrail ?? false,
        includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents ?? false,
        logFileValidationEnabled: trail.LogFileValidationEnabled ?? false,
        s3BucketName: trail.S3BucketName ?? null,
        s3KeyPrefix: trail.S3KeyPrefix ?? null,
        kmsKeyId: trail.KmsKeyId ?? null,
        cloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null,
        cloudWatchLogsRoleArn: trail.CloudWatchLogsRoleArn ?? null,
        seenInRegions,
        status,
        ...selectors,
        logGroup,
      } satisfies TrailEvidence;
    });
    calls.throwIfNothingAnswered();
    return { evidence: { regionsQueried, trails }, failedCalls: calls.failedCalls };
  } finally {
    for (const client of clients.values()) client.destroy();
  }
}

/** TRAIL-4 needs the trail's own log group, which may sit in a region Rampart does not collect. */
async function readTrailLogGroup(
  session: AccountSession,
  logGroupArn: string | undefined,
): Promise<TrailLogGroupEvidence | null> {
  const parsed = logGroupArn ? parseLogGroupArn(logGroupArn) : null;
  if (!parsed) return null;
  const inThisAccount = parsed.accountId === session.accountNumber;
  if (!inThisAccount) return { ...parsed, inThisAccount, found: false, retentionInDays: null };
  const client = createSessionClient(CloudWatchLogsClient, session, parsed.region);
  try {
    const groups = await describeLogGroups(client, parsed.region, parsed.name);
    const group = groups.find((candidate) => candidate.name === parsed.name);
    return { ...parsed, inThisAccount, found: group !== undefined, retentionInDays: group?.retentionInDays ?? null };
  } finally {
    client.destroy();
  }
}

export const cloudTrailCollector: CollectorDefinition<CloudTrailEvidence> = {
  key: "cloudtrail",
  service: SERVICE,
  // Account-wide: trails are listed in every configured region, de-duplicated by ARN, and read in
  // their home region, so one run sees each trail once.
  scope: "global",
  async collect(session) {
    const { evidence, failedCalls } = await collectCloudTrail(session);
    return { evidence, failedCalls, itemCount: evidence.trails.length };
  },
};
