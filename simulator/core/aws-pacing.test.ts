import { describe, expect, it } from "vitest";
import { AwsPacing, rateBucketFor } from "./aws-pacing";

const target = { accountId: "111122223333", region: "us-east-1", service: "ec2", operation: "DescribeVpcs" };

describe("AWS-like pacing", () => {
  it("draws every latency from the configured range, the same way for the same seed", () => {
    const first = new AwsPacing({ latencyMs: [50, 150], rateLimits: false }, 7);
    const second = new AwsPacing({ latencyMs: [50, 150], rateLimits: false }, 7);
    const latencies = Array.from({ length: 200 }, () => first.decide(target).latencyMs);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(150);
    expect(new Set(latencies).size).toBeGreaterThan(20);
    expect(Array.from({ length: 200 }, () => second.decide(target).latencyMs)).toEqual(latencies);
  });

  it("throttles EC2's non-mutating calls after a burst of 100 and refills 20 a second", () => {
    let now = 0;
    const pacing = new AwsPacing({ latencyMs: [0, 0], rateLimits: true }, 1, () => now);
    const burst = Array.from({ length: 100 }, () => pacing.decide(target).throttled);
    expect(burst.every((throttled) => !throttled)).toBe(true);
    // DescribeSecurityGroups shares the bucket: the 101st Describe call is throttled, whatever its name.
    expect(pacing.decide({ ...target, operation: "DescribeSecurityGroups" }).throttled).toBe(true);
    now += 1000;
    const refilled = Array.from({ length: 21 }, () => pacing.decide(target).throttled);
    expect(refilled.filter((throttled) => !throttled)).toHaveLength(20);
  });

  it("keeps a bucket per account and region", () => {
    const now = 0;
    const pacing = new AwsPacing({ latencyMs: [0, 0], rateLimits: true }, 1, () => now);
    for (let call = 0; call < 100; call += 1) pacing.decide(target);
    expect(pacing.decide(target).throttled).toBe(true);
    expect(pacing.decide({ ...target, region: "eu-west-1" }).throttled).toBe(false);
    expect(pacing.decide({ ...target, accountId: "444455556666" }).throttled).toBe(false);
  });

  it("uses an operation's own documented rate before its service's, and a conservative one where AWS publishes none", () => {
    expect(rateBucketFor("kms", "ListKeys").bucket.refillPerSecond).toBe(100);
    expect(rateBucketFor("ec2", "DescribeRegions").key).toBe("ec2:*");
    expect(rateBucketFor("guardduty", "ListDetectors").bucket).toMatchObject({ burst: 20, refillPerSecond: 10 });
  });

  it("never throttles when rate limits are off", () => {
    const pacing = new AwsPacing({ latencyMs: [0, 0], rateLimits: false }, 1, () => 0);
    expect(Array.from({ length: 500 }, () => pacing.decide(target).throttled).some(Boolean)).toBe(false);
  });
});
