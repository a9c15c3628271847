import { seededUnit } from "./random";

// AWS-like pacing for load benchmarks (`npm run bench:fleet`): every call waits a latency drawn from a
// range, and each account × region × API has a token bucket at the request rate AWS documents for it, so a
// fleet of accounts meets throttling where AWS would throttle it. Off unless the simulator is started
// with `pacing`; the tests' simulator answers at once.

export interface PacingOptions {
  /** Latency of every call, drawn uniformly from [min, max] ms with the simulator's seed. */
  latencyMs: readonly [number, number];
  /** Apply the request-rate buckets below (a call finding its bucket empty is throttled). */
  rateLimits: boolean;
}

export interface RateBucket {
  /** Requests that may be made at once. */
  burst: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  /** Where the figure comes from. */
  source: string;
}

const UNDOCUMENTED: RateBucket = {
  burst: 20,
  refillPerSecond: 10,
  source: "not published per API by AWS; a conservative 10 requests/s with a burst of 20",
};

/**
 * Buckets by lib/aws module name, then operation ("*" for the whole service). Each bucket is per account,
 * region and entry (an operation's own bucket, or the service's shared one).
 */
export const AWS_RATE_BUCKETS: Record<string, Record<string, RateBucket>> = {
  ec2: {
    // EC2 API request throttling: non-mutating (Describe*) actions share a bucket of 100 refilled at 20/s.
    "*": {
      burst: 100,
      refillPerSecond: 20,
      source: "docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html (non-mutating actions)",
    },
  },
  sts: {
    "*": { burst: 600, refillPerSecond: 600, source: "STS request quota: 600 requests/s per account and region" },
  },
  kms: {
    DescribeKey: { burst: 2000, refillPerSecond: 2000, source: "KMS request quotas: DescribeKey 2,000/s" },
    GetKeyRotationStatus: {
      burst: 1000,
      refillPerSecond: 1000,
      source: "KMS request quotas: GetKeyRotationStatus 1,000/s",
    },
    ListKeys: { burst: 100, refillPerSecond: 100, source: "KMS request quotas: ListKeys 100/s" },
    ListAliases: { burst: 100, refillPerSecond: 100, source: "KMS request quotas: ListAliases 100/s" },
  },
  cloudtrail: {
    DescribeTrails: { burst: 10, refillPerSecond: 10, source: "CloudTrail quotas: 10 TPS" },
    GetTrailStatus: { burst: 10, refillPerSecond: 10, source: "CloudTrail quotas: 10 TPS" },
    GetEventSelectors: { burst: 10, refillPerSecond: 10, source: "CloudTrail quotas: 10 TPS" },
  },
  acm: {
    DescribeCertificate: { burst: 10, refillPerSecond: 10, source: "ACM API rate quotas: DescribeCertificate 10/s" },
    ListCertificates: { burst: 8, refillPerSecond: 8, source: "ACM API rate quotas: ListCertificates 8/s" },
  },
};

export function rateBucketFor(service: string, operation: string): { key: string; bucket: RateBucket } {
  const byService = AWS_RATE_BUCKETS[service];
  if (byService?.[operation]) return { key: `${service}:${operation}`, bucket: byService[operation] };
  if (byService?.["*"]) return { key: `${service}:*`, bucket: byService["*"] };
  return { key: `${service}:${operation}`, bucket: UNDOCUMENTED };
}

interface BucketState {
  tokens: number;
  updatedMs: number;
}

export class AwsPacing {
  private readonly buckets = new Map<string, BucketState>();
  private calls = 0;

  constructor(
    private readonly options: PacingOptions,
    private readonly seed: number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** The latency this call waits, and whether its rate bucket was empty (then AWS answers a throttling error). */
  decide(target: { accountId: string; region: string; service: string; operation: string }): {
    latencyMs: number;
    throttled: boolean;
  } {
    this.calls += 1;
    const [minimum, maximum] = this.options.latencyMs;
    const latencyMs = Math.round(minimum + seededUnit(this.seed, "pacing", String(this.calls)) * (maximum - minimum));
    if (!this.options.rateLimits) return { latencyMs, throttled: false };
    const { key, bucket } = rateBucketFor(target.service, target.operation);
    const stateKey = `${target.accountId}|${target.region}|${key}`;
    const now = this.nowMs();
    const state = this.buckets.get(stateKey) ?? { tokens: bucket.burst, updatedMs: now };
    state.tokens = Math.min(bucket.burst, state.tokens + ((now - state.updatedMs) / 1000) * bucket.refillPerSecond);
    state.updatedMs = now;
    this.buckets.set(stateKey, state);
    if (state.tokens < 1) return { latencyMs, throttled: true };
    state.tokens -= 1;
    return { latencyMs, throttled: false };
  }
}
