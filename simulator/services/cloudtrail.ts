import { AwsError } from "../core/errors";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";
import type { Estate } from "../estate/schema";

// CloudTrail (awsJson1_1). A multi-region trail appears in every region as a "shadow trail"
// (DescribeTrails includeShadowTrails, default true); by name a trail is found only in its home
// region, by ARN everywhere — which is why collectors read status with the TrailARN.

type Trail = Estate["cloudtrail"]["trails"][number];

function trailArn(context: OperationContext, trail: Trail): string {
  return `arn:aws:cloudtrail:${trail.homeRegion}:${trail.ownerAccountId ?? context.accountId}:trail/${trail.name}`;
}

function findTrail(context: OperationContext, nameOrArn: unknown): Trail {
  const trail = context.estate.cloudtrail.trails.find((candidate) =>
    String(nameOrArn).startsWith("arn:")
      ? trailArn(context, candidate) === nameOrArn
      : candidate.name === nameOrArn && candidate.homeRegion === context.region,
  );
  if (!trail) {
    throw new AwsError(
      "TrailNotFoundException",
      `Unknown trail: ${String(nameOrArn)} for the user: ${context.accountId}`,
      400,
    );
  }
  return trail;
}

function describeTrails(input: OperationInput, context: OperationContext): Output {
  const includeShadowTrails = input.includeShadowTrails ?? true;
  const names: string[] | undefined = input.trailNameList?.length ? input.trailNameList : undefined;
  const trails = context.estate.cloudtrail.trails
    .filter((trail) => trail.homeRegion === context.region || (includeShadowTrails && trail.multiRegion))
    .filter((trail) => !names || names.includes(trail.name) || names.includes(trailArn(context, trail)));
  return {
    trailList: trails.map((trail) => ({
      Name: trail.name,
      S3BucketName: trail.s3BucketName,
      S3KeyPrefix: trail.s3KeyPrefix,
      SnsTopicName: trail.snsTopicArn?.split(":").at(-1),
      SnsTopicARN: trail.snsTopicArn,
      IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
      IsMultiRegionTrail: trail.multiRegion,
      HomeRegion: trail.homeRegion,
      TrailARN: trailArn(context, trail),
      LogFileValidationEnabled: trail.logFileValidation,
      CloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn,
      CloudWatchLogsRoleArn: trail.cloudWatchLogsRoleArn,
      KmsKeyId: trail.kmsKeyId,
      HasCustomEventSelectors: trail.eventSelectors !== undefined || trail.advancedEventSelectors !== undefined,
      HasInsightSelectors: false,
      IsOrganizationTrail: trail.organizationTrail,
    })),
  };
}

/** CloudTrail's string-typed times look like 2024-05-01T09:30:00Z. */
function stringTime(date: Date | undefined): string | undefined {
  return date?.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function getTrailStatus(input: OperationInput, context: OperationContext): Output {
  const trail = findTrail(context, input.Name);
  const optional = (value: Trail["latestDeliveryTime"]) => (value ? context.date(value) : undefined);
  const started = optional(trail.startLoggingTime);
  const stopped = trail.logging ? undefined : optional(trail.stopLoggingTime);
  const delivered = optional(trail.latestDeliveryTime);
  return {
    IsLogging: trail.logging,
    LatestDeliveryError: trail.latestDeliveryError,
    LatestDeliveryTime: delivered,
    StartLoggingTime: started,
    StopLoggingTime: stopped,
    LatestCloudWatchLogsDeliveryError: trail.latestCloudWatchLogsDeliveryError,
    LatestCloudWatchLogsDeliveryTime: optional(trail.latestCloudWatchLogsDeliveryTime),
    LatestDigestDeliveryTime: optional(trail.latestDigestDeliveryTime),
    LatestDeliveryAttemptTime: stringTime(delivered),
    LatestDeliveryAttemptSucceeded: stringTime(delivered),
    LatestNotificationAttemptTime: "",
    LatestNotificationAttemptSucceeded: "",
    TimeLoggingStarted: stringTime(started),
    TimeLoggingStopped: stringTime(stopped),
  };
}

function getEventSelectors(input: OperationInput, context: OperationContext): Output {
  const trail = findTrail(context, input.TrailName);
  if (trail.advancedEventSelectors) {
    return {
      TrailARN: trailArn(context, trail),
      AdvancedEventSelectors: trail.advancedEventSelectors.map((selector) => ({
        Name: selector.name,
        FieldSelectors: selector.fieldSelectors.map((field) => ({
          Field: field.field,
          Equals: field.equals,
          StartsWith: field.startsWith,
          EndsWith: field.endsWith,
          NotEquals: field.notEquals,
          NotStartsWith: field.notStartsWith,
          NotEndsWith: field.notEndsWith,
        })),
      })),
    };
  }
  const selectors = trail.eventSelectors ?? [
    { readWriteType: "All", includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] },
  ];
  return {
    TrailARN: trailArn(context, trail),
    EventSelectors: selectors.map((selector) => ({
      ReadWriteType: selector.readWriteType,
      IncludeManagementEvents: selector.includeManagementEvents,
      DataResources: selector.dataResources.map((resource) => ({ Type: resource.type, Values: resource.values })),
      ExcludeManagementEventSources: selector.excludeManagementEventSources,
    })),
  };
}

export const cloudtrailService: ServiceDefinition = {
  key: "cloudtrail",
  protocol: "json",
  signingName: "cloudtrail",
  actionPrefix: "cloudtrail",
  operations: { DescribeTrails: describeTrails, GetTrailStatus: getTrailStatus, GetEventSelectors: getEventSelectors },
};
