import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../dates";
import type { BucketEvidence, PublicAccessBlockEvidence, TrailEvidence } from "../../evidence/contract";
import type { ControlParams } from "../params";
import type { EvidenceSlot } from "../types";
import { TRAIL_RULES } from "./cloudtrail";
import {
  ACCOUNT_NUMBER,
  AS_OF,
  advancedSelector,
  buildContext,
  classicSelector,
  cloudTrailEvidence,
  collected,
  daysBefore,
  failed,
  publicAccessBlock,
  s3Evidence,
  trail,
  trailBucket,
  trailLogGroup,
  trailStatus,
} from "./testing/network-evidence";

function evaluate(
  controlId: string,
  trails: TrailEvidence[],
  options: {
    buckets?: BucketEvidence[];
    accountBlock?: PublicAccessBlockEvidence | null;
    params?: Partial<ControlParams>;
    s3Slot?: EvidenceSlot<ReturnType<typeof s3Evidence>>;
    evaluatedAt?: Date;
  } = {},
) {
  const s3Slot = options.s3Slot ?? collected(s3Evidence(options.buckets ?? [trailBucket()], options.accountBlock));
  return TRAIL_RULES[controlId](
    buildContext({
      evidence: { cloudtrail: { global: collected(cloudTrailEvidence(trails)) }, s3: { global: s3Slot } },
      params: options.params,
      evaluatedAt: options.evaluatedAt,
    }),
  );
}

const notQualifying = trail({ name: "regional", isMultiRegionTrail: false });

describe("TRAIL-1 multi-region trail logging management events", () => {
  it.each<[string, Partial<TrailEvidence>]>([
    ["classic selector All", { eventSelectors: [classicSelector({ readWriteType: "All" })] }],
    [
      "ReadOnly plus WriteOnly classic selectors",
      {
        eventSelectors: [
          classicSelector({ readWriteType: "ReadOnly" }),
          classicSelector({ readWriteType: "WriteOnly" }),
        ],
      },
    ],
    [
      "a classic selector without ReadWriteType (API default All)",
      { eventSelectors: [classicSelector({ readWriteType: null })] },
    ],
    [
      "an advanced Management selector without a readOnly filter",
      { eventSelectors: [], advancedEventSelectors: [advancedSelector({ eventCategory: ["Management"] })] },
    ],
    ["a trail whose home region is not configured (status read there)", { homeRegion: "ap-southeast-2" }],
  ])("passes with %s", (_label, overrides) => {
    const outcome = evaluate("TRAIL-1", [trail(overrides)]);
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain("management");
  });

  it.each<[string, Partial<TrailEvidence>, string]>([
    ["a single-region trail", { isMultiRegionTrail: false }, "not multi-region"],
    ["a trail whose logging is stopped", { status: trailStatus({ isLogging: false }) }, "logging is stopped"],
    ["a trail the home region does not know", { status: null }, "reports no status"],
    [
      "only ReadOnly management events",
      { eventSelectors: [classicSelector({ readWriteType: "ReadOnly" })] },
      "does not record management read and write events",
    ],
    [
      "WriteOnly management plus a ReadOnly selector excluding management events",
      {
        eventSelectors: [
          classicSelector({ readWriteType: "WriteOnly" }),
          classicSelector({ readWriteType: "ReadOnly", includeManagementEvents: false }),
        ],
      },
      "does not record management read and write events",
    ],
    [
      "an advanced Management selector filtered to readOnly",
      {
        eventSelectors: [],
        advancedEventSelectors: [advancedSelector({ eventCategory: ["Management"], readOnly: ["false"] })],
      },
      "does not record management read and write events",
    ],
    [
      "an advanced selector for data events only",
      {
        eventSelectors: [],
        advancedEventSelectors: [advancedSelector({ eventCategory: ["Data"], "resources.type": ["AWS::S3::Object"] })],
      },
      "does not record management read and write events",
    ],
    ["no event selectors at all", { eventSelectors: [], advancedEventSelectors: [] }, "does not record"],
  ])("fails for %s and names the trail", (_label, overrides, detail) => {
    const subject = trail({ name: "audit", ...overrides });
    const outcome = evaluate("TRAIL-1", [subject]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("audit");
    expect(outcome.offenders).toEqual([
      { kind: "trail", id: subject.arn, region: "us-east-1", detail: expect.stringContaining(detail) },
    ]);
  });

  it("fails with the account as offender when no trail exists", () => {
    const outcome = evaluate("TRAIL-1", []);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/No CloudTrail trail exists/);
    expect(outcome.offenders).toEqual([{ kind: "account", id: ACCOUNT_NUMBER, detail: "no CloudTrail trail" }]);
  });

  it("names a shadow trail listed twice under one ARN only once", () => {
    const shadowed = trail({ name: "org", status: trailStatus({ isLogging: false }) });
    const outcome = evaluate("TRAIL-1", [shadowed, { ...shadowed, seenInRegions: ["eu-west-1"] }]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toHaveLength(1);
  });

  it("passes when one of several trails qualifies", () => {
    expect(evaluate("TRAIL-1", [notQualifying, trail()]).status).toBe("PASS");
  });

  it("is UNKNOWN when CloudTrail could not be read, naming the call and error", () => {
    const outcome = TRAIL_RULES["TRAIL-1"](
      buildContext({ evidence: { cloudtrail: { global: failed("cloudtrail", "DescribeTrails", "eu-west-1") } } }),
    );
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("cloudtrail:DescribeTrails in eu-west-1");
    expect(outcome.reason).toContain("AccessDenied");
  });

  it("is UNKNOWN when CloudTrail was never collected", () => {
    expect(TRAIL_RULES["TRAIL-1"](buildContext({ evidence: {} })).status).toBe("UNKNOWN");
  });
});

describe("TRAIL-2 and TRAIL-5 judge only qualifying trails", () => {
  it.each([
    ["TRAIL-2", { logFileValidationEnabled: false }, "log file validation off"],
    ["TRAIL-5", { kmsKeyId: null }, "no KMS key"],
  ] as const)("%s fails on a qualifying trail and names it", (controlId, overrides, detail) => {
    const bad = trail({ name: "main", ...overrides });
    const outcome = evaluate(controlId, [bad, trail({ name: "second" })]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("main");
    expect(outcome.offenders).toEqual([{ kind: "trail", id: bad.arn, region: "us-east-1", detail }]);
  });

  it.each(["TRAIL-2", "TRAIL-5"])("%s passes and ignores non-qualifying trails", (controlId) => {
    const weak = trail({
      name: "regional",
      isMultiRegionTrail: false,
      logFileValidationEnabled: false,
      kmsKeyId: null,
    });
    expect(evaluate(controlId, [trail(), weak]).status).toBe("PASS");
  });

  it.each(["TRAIL-2", "TRAIL-3", "TRAIL-4", "TRAIL-5", "TRAIL-6", "TRAIL-7", "TRAIL-8", "TRAIL-9"])(
    "%s is NOT_APPLICABLE when no trail qualifies",
    (controlId) => {
      const outcome = evaluate(controlId, [trail({ isMultiRegionTrail: false, logFileValidationEnabled: false })]);
      expect(outcome.status).toBe("NOT_APPLICABLE");
      expect(outcome.reason).toContain("TRAIL-1");
    },
  );

  it.each(["TRAIL-2", "TRAIL-4", "TRAIL-6"])("%s is UNKNOWN when CloudTrail could not be read", (controlId) => {
    const outcome = TRAIL_RULES[controlId](
      buildContext({
        evidence: {
          cloudtrail: { global: failed("cloudtrail", "GetTrailStatus", "us-east-1", "ThrottlingException") },
        },
      }),
    );
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("ThrottlingException");
  });
});

describe("TRAIL-3 CloudWatch Logs delivery", () => {
  const deliveredDaysAgo = (days: number, name = "main") =>
    trail({ name, status: trailStatus({ latestCloudWatchLogsDeliveryTime: daysBefore(days) }) });

  it("passes when delivery is just under a day old", () => {
    expect(evaluate("TRAIL-3", [deliveredDaysAgo(1 - 1 / (24 * 60))]).status).toBe("PASS");
  });

  it("fails when the latest delivery is exactly one day old", () => {
    const outcome = evaluate("TRAIL-3", [deliveredDaysAgo(1)]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders[0].detail).toBe("last delivered to CloudWatch Logs 1 day ago");
  });

  it("measures age from the evidence's asOf, not the evaluation time", () => {
    const outcome = evaluate("TRAIL-3", [deliveredDaysAgo(0.5)], {
      evaluatedAt: new Date(AS_OF.getTime() + 10 * DAY_MS),
    });
    expect(outcome.status).toBe("PASS");
  });

  it("fails a trail without a log group", () => {
    const outcome = evaluate("TRAIL-3", [trail({ name: "nolog", logGroup: null })]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders[0].detail).toBe("no CloudWatch Logs log group");
    expect(outcome.reason).toContain("nolog");
  });

  it("fails a trail that never delivered, with the delivery error", () => {
    const subject = trail({
      status: trailStatus({
        latestCloudWatchLogsDeliveryTime: null,
        latestCloudWatchLogsDeliveryError: "AccessDenied",
      }),
    });
    const outcome = evaluate("TRAIL-3", [subject]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders[0].detail).toBe("never delivered to CloudWatch Logs, last error AccessDenied");
  });

  it("requires every qualifying trail to deliver", () => {
    const outcome = evaluate("TRAIL-3", [deliveredDaysAgo(0.1, "fresh"), deliveredDaysAgo(3, "stale")]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders.map((offender) => offender.id)).toEqual([trail({ name: "stale" }).arn]);
  });
});

describe("TRAIL-4 CloudTrail log group retention", () => {
  const withRetention = (retentionInDays: number | null, name = "main") =>
    trail({ name, logGroup: trailLogGroup({ name: `${name}-logs`, retentionInDays }) });

  it.each([
    [null, "PASS"],
    [180, "PASS"],
    [3653, "PASS"],
    [179, "FAIL"],
    [30, "FAIL"],
  ] as const)("retention %s days → %s", (retention, status) => {
    expect(evaluate("TRAIL-4", [withRetention(retention)]).status).toBe(status);
  });

  it("names the log group and its retention when it fails", () => {
    const outcome = evaluate("TRAIL-4", [withRetention(90)]);
    expect(outcome.reason).toContain("main-logs");
    expect(outcome.offenders).toEqual([
      {
        kind: "log-group",
        id: "main-logs",
        region: "us-east-1",
        detail: "retention 90 days, needs 180, for trail main",
      },
    ]);
  });

  it("uses the logRetentionMinDays parameter", () => {
    expect(evaluate("TRAIL-4", [withRetention(120)], { params: { logRetentionMinDays: 90 } }).status).toBe("PASS");
    expect(evaluate("TRAIL-4", [withRetention(120)], { params: { logRetentionMinDays: 365 } }).status).toBe("FAIL");
  });

  it("passes when some qualifying trail's log group keeps logs long enough", () => {
    expect(evaluate("TRAIL-4", [withRetention(30, "short"), withRetention(400, "long")]).status).toBe("PASS");
  });

  it("fails when no qualifying trail delivers to CloudWatch Logs", () => {
    const outcome = evaluate("TRAIL-4", [trail({ name: "s3only", logGroup: null })]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("No qualifying trail delivers to CloudWatch Logs");
    expect(outcome.offenders).toEqual([expect.objectContaining({ kind: "trail", id: trail({ name: "s3only" }).arn })]);
  });

  it("fails when the trail's log group no longer exists", () => {
    const outcome = evaluate("TRAIL-4", [trail({ logGroup: trailLogGroup({ found: false, retentionInDays: null }) })]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders[0].detail).toContain("not found");
  });

  it("is NOT_APPLICABLE when the log group is in another account, naming it", () => {
    const outcome = evaluate("TRAIL-4", [
      trail({
        logGroup: trailLogGroup({
          name: "org-trail",
          accountId: "999999999999",
          inThisAccount: false,
          found: false,
          retentionInDays: null,
        }),
      }),
    ]);
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("org-trail");
    expect(outcome.reason).toContain("999999999999");
  });
});

describe("TRAIL-6..9 trail bucket protections", () => {
  it.each([
    ["TRAIL-6", { versioningStatus: "Suspended" }, "versioning suspended"],
    ["TRAIL-6", { versioningStatus: null }, "versioning never enabled"],
    ["TRAIL-7", { mfaDelete: "Disabled" }, "MFA delete not enabled"],
    ["TRAIL-7", { mfaDelete: null }, "MFA delete not enabled"],
    ["TRAIL-8", { policyIsPublic: true }, "bucket policy is public"],
    [
      "TRAIL-8",
      { publicAccessBlock: publicAccessBlock({ restrictPublicBuckets: false }) },
      "block public access off: RestrictPublicBuckets",
    ],
    [
      "TRAIL-8",
      { publicAccessBlock: null },
      "block public access off: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets",
    ],
    ["TRAIL-9", { logging: null }, "server access logging off"],
  ] as const)("%s fails for %o and names the bucket", (controlId, overrides, detail) => {
    const outcome = evaluate(controlId, [trail()], { buckets: [trailBucket(overrides)] });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("cloudtrail-bucket");
    expect(outcome.offenders).toEqual([{ kind: "bucket", id: "cloudtrail-bucket", region: "us-east-1", detail }]);
  });

  it.each(["TRAIL-6", "TRAIL-7", "TRAIL-8", "TRAIL-9"])("%s passes for a well-configured bucket", (controlId) => {
    expect(evaluate(controlId, [trail()]).status).toBe("PASS");
  });

  it("TRAIL-6 and 7 compare the status case-insensitively", () => {
    const bucket = trailBucket({ versioningStatus: "ENABLED", mfaDelete: "enabled" });
    expect(evaluate("TRAIL-6", [trail()], { buckets: [bucket] }).status).toBe("PASS");
    expect(evaluate("TRAIL-7", [trail()], { buckets: [bucket] }).status).toBe("PASS");
  });

  it("TRAIL-8 accepts the account-level block public access in place of the bucket's", () => {
    const bucket = trailBucket({ publicAccessBlock: null });
    expect(evaluate("TRAIL-8", [trail()], { buckets: [bucket], accountBlock: publicAccessBlock() }).status).toBe(
      "PASS",
    );
  });

  it("TRAIL-8 combines the bucket and account settings flag by flag", () => {
    const bucket = trailBucket({
      publicAccessBlock: publicAccessBlock({ blockPublicPolicy: false, restrictPublicBuckets: false }),
    });
    const partialAccount = publicAccessBlock({
      blockPublicAcls: false,
      ignorePublicAcls: false,
      restrictPublicBuckets: false,
    });
    const outcome = evaluate("TRAIL-8", [trail()], { buckets: [bucket], accountBlock: partialAccount });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders[0].detail).toBe("block public access off: RestrictPublicBuckets");
  });

  it("TRAIL-8 counts a bucket without a policy as not public", () => {
    const bucket = trailBucket({ hasBucketPolicy: false, policyIsPublic: false });
    expect(evaluate("TRAIL-8", [trail()], { buckets: [bucket] }).status).toBe("PASS");
  });

  it.each(["TRAIL-6", "TRAIL-7", "TRAIL-8", "TRAIL-9"])(
    "%s is NOT_APPLICABLE for a bucket outside this account, naming it",
    (controlId) => {
      const outcome = evaluate(controlId, [trail({ s3BucketName: "org-log-archive" })], {
        buckets: [trailBucket({ name: "other", versioningStatus: null, mfaDelete: null, logging: null })],
      });
      expect(outcome.status).toBe("NOT_APPLICABLE");
      expect(outcome.reason).toContain("org-log-archive");
    },
  );

  it("names a bucket shared by two trails once", () => {
    const outcome = evaluate("TRAIL-9", [trail({ name: "a" }), trail({ name: "b" })], {
      buckets: [trailBucket({ logging: null })],
    });
    expect(outcome.offenders).toHaveLength(1);
  });

  it("fails on the in-account bucket even when another trail's bucket is elsewhere", () => {
    const outcome = evaluate("TRAIL-6", [trail({ name: "a" }), trail({ name: "b", s3BucketName: "elsewhere" })], {
      buckets: [trailBucket({ versioningStatus: "Suspended" })],
    });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders.map((offender) => offender.id)).toEqual(["cloudtrail-bucket"]);
  });

  it.each(["TRAIL-6", "TRAIL-8"])("%s is UNKNOWN when S3 could not be read", (controlId) => {
    const outcome = evaluate(controlId, [trail()], { s3Slot: failed("s3", "ListBuckets", "global") });
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("s3:ListBuckets");
  });
});
