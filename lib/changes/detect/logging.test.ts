import { describe, expect, it } from "vitest";
import type { TrailEvidence } from "../../evidence/cloudtrail";
import type { ConfigRecorderEvidence } from "../../evidence/config-service";
import { diffConfigRecorders, diffTrails } from "./logging";
import { EMPTY_CONTEXT } from "./types";

function trail(overrides: Partial<TrailEvidence> = {}): TrailEvidence {
  return {
    name: "org-trail",
    arn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail",
    homeRegion: "us-east-1",
    ownerAccountId: "111122223333",
    isMultiRegionTrail: true,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    s3BucketName: "trail-bucket",
    s3KeyPrefix: null,
    kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/k1",
    cloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:org-trail:*",
    cloudWatchLogsRoleArn: null,
    seenInRegions: ["us-east-1"],
    status: {
      isLogging: true,
      latestDeliveryTime: "2026-12-01T00:00:00Z",
      latestDeliveryError: null,
      latestCloudWatchLogsDeliveryTime: null,
      latestCloudWatchLogsDeliveryError: null,
      startLoggingTime: null,
    } as TrailEvidence["status"],
    eventSelectors: [],
    advancedEventSelectors: [],
    logGroup: null,
    ...overrides,
  };
}

describe("diffTrails", () => {
  it("reports a trail that stopped logging (TRAIL-1) and ignores delivery times", () => {
    const stopped = trail({
      status: { ...trail().status!, isLogging: false, latestDeliveryTime: "2026-12-05T00:00:00Z" },
    });
    const changes = diffTrails({ trails: [trail()] }, { trails: [stopped] }, EMPTY_CONTEXT);
    expect(changes).toEqual([
      expect.objectContaining({
        kind: "trail",
        action: "MODIFIED",
        controlId: "TRAIL-1",
        before: { isLogging: true },
        after: { isLogging: false },
        summary: "Trail org-trail: logging on → off",
      }),
    ]);
  });

  it.each([
    [{ logFileValidationEnabled: false }, "TRAIL-2"],
    [{ cloudWatchLogsLogGroupArn: null }, "TRAIL-3"],
    [{ kmsKeyId: null }, "TRAIL-5"],
  ] as const)("maps %o to %s", (overrides, controlId) => {
    const changes = diffTrails({ trails: [trail()] }, { trails: [trail(overrides)] }, EMPTY_CONTEXT);
    expect(changes.map((change) => change.controlId)).toEqual([controlId]);
  });

  it("reports a deleted trail and nothing for an unchanged one", () => {
    expect(diffTrails({ trails: [trail()] }, { trails: [] }, EMPTY_CONTEXT)).toEqual([
      expect.objectContaining({ action: "REMOVED", controlId: "TRAIL-1", after: null }),
    ]);
    expect(diffTrails({ trails: [trail()] }, { trails: [trail()] }, EMPTY_CONTEXT)).toEqual([]);
  });
});

function recorder(overrides: Partial<ConfigRecorderEvidence> = {}): ConfigRecorderEvidence {
  return {
    name: "default",
    roleArn: "arn:aws:iam::111122223333:role/config",
    allSupported: true,
    includeGlobalResourceTypes: true,
    recordingStrategy: "ALL_SUPPORTED_RESOURCE_TYPES",
    resourceTypes: [],
    excludedResourceTypes: [],
    recording: true,
    lastStatus: "SUCCESS",
    lastErrorCode: null,
    lastStatusChangeTime: "2026-12-01T00:00:00Z",
    ...overrides,
  };
}

describe("diffConfigRecorders", () => {
  it("reports a recorder stopped (DET-1) and ignores its status time", () => {
    const changes = diffConfigRecorders(
      { recorders: [recorder()] },
      { recorders: [recorder({ recording: false, lastStatusChangeTime: "2026-12-05T00:00:00Z" })] },
      EMPTY_CONTEXT,
    );
    expect(changes).toEqual([
      expect.objectContaining({
        kind: "config-recorder",
        resourceId: "default",
        controlId: "DET-1",
        summary: "Config recorder default: stopped recording",
      }),
    ]);
    expect(
      diffConfigRecorders(
        { recorders: [recorder()] },
        { recorders: [recorder({ lastStatusChangeTime: "2026-12-06T00:00:00Z" })] },
        EMPTY_CONTEXT,
      ),
    ).toEqual([]);
  });

  it("reports a recorder deleted", () => {
    expect(diffConfigRecorders({ recorders: [recorder()] }, { recorders: [] }, EMPTY_CONTEXT)).toEqual([
      expect.objectContaining({ action: "REMOVED", controlId: "DET-1" }),
    ]);
  });
});
