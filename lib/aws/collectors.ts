import pLimit, { type LimitFunction } from "p-limit";
import { COLLECTOR_KEYS, type CollectorKey, type EvidenceOf } from "../evidence/contract";
import { accountCollector } from "./account";
import { acmCollector } from "./acm";
import { backupCollector } from "./backup";
import { budgetsCollector } from "./budgets";
import { cloudTrailCollector } from "./cloudtrail";
import { cloudWatchLogsCollector } from "./cloudwatch-logs";
import { configServiceCollector } from "./config-service";
import { ec2Collector } from "./ec2";
import { elasticLoadBalancingV2Collector } from "./elastic-load-balancing-v2";
import { guardDutyCollector } from "./guardduty";
import { iamCollector } from "./iam";
import { inspector2Collector } from "./inspector2";
import { kmsCollector } from "./kms";
import { organizationsCollector } from "./organizations";
import { rdsCollector } from "./rds";
import { regionsCollector } from "./regions";
import { resourceGroupsTaggingApiCollector } from "./resource-groups-tagging-api";
import { s3Collector } from "./s3";
import { securityHubCollector } from "./securityhub";
import type { CollectorDefinition } from "./types";

/**
 * The collectors that implement the evidence contract (lib/evidence/contract.ts), one per key: a collector
 * whose evidence type differs from the contract's does not compile. Global collectors run once per account
 * with region "global"; regional ones once per configured region.
 */
const COLLECTORS_BY_KEY: { readonly [K in CollectorKey]: CollectorDefinition<EvidenceOf<K>> } = {
  iam: iamCollector,
  account: accountCollector,
  organizations: organizationsCollector,
  budgets: budgetsCollector,
  cloudtrail: cloudTrailCollector,
  s3: s3Collector,
  "cloudwatch-logs": cloudWatchLogsCollector,
  kms: kmsCollector,
  ec2: ec2Collector,
  regions: regionsCollector,
  "config-service": configServiceCollector,
  guardduty: guardDutyCollector,
  inspector2: inspector2Collector,
  backup: backupCollector,
  acm: acmCollector,
  rds: rdsCollector,
  "elastic-load-balancing-v2": elasticLoadBalancingV2Collector,
  "resource-groups-tagging-api": resourceGroupsTaggingApiCollector,
  securityhub: securityHubCollector,
};

/** Every collector, in the contract's order (stored keys: never rename one). */
export const COLLECTORS: readonly CollectorDefinition[] = COLLECTOR_KEYS.map(
  (key) => COLLECTORS_BY_KEY[key] as CollectorDefinition,
);

export function getCollector(key: string): CollectorDefinition {
  const collector = COLLECTORS.find((candidate) => candidate.key === key);
  if (!collector) throw new Error(`Unknown collector "${key}"`);
  return collector;
}

/** One (collector, region) unit of work for an account: global collectors once, regional ones per region. */
export interface CollectorRun {
  collector: CollectorDefinition;
  region: string;
}

export function planCollectorRuns(
  regions: readonly string[],
  collectors: readonly CollectorDefinition[] = COLLECTORS,
): CollectorRun[] {
  return collectors.flatMap((collector) =>
    collector.scope === "global" ? [{ collector, region: "global" }] : regions.map((region) => ({ collector, region })),
  );
}

/**
 * Concurrency limits for the sync pipeline. AWS throttles per account and per region (api-map §7),
 * so one account's collectors share an account limit, and calls into one region a smaller one.
 * Collectors fan out a few calls of their own on top (pagination.ts PER_RESOURCE_CONCURRENCY).
 */
export const SYNC_CONCURRENCY = {
  /** Collector runs at once within one account (all regions together). */
  perAccount: 6,
  /** Collector runs at once within one account and region. */
  perRegion: 3,
} as const;

export interface AccountLimiter {
  /** Runs `task` within the account limit and the limit of its region ("global" counts as a region). */
  run<T>(region: string, task: () => Promise<T>): Promise<T>;
}

/** A fresh set of limiters for one account's sync. */
export function createAccountLimiter(
  limits: { perAccount: number; perRegion: number } = SYNC_CONCURRENCY,
): AccountLimiter {
  const accountLimit = pLimit(limits.perAccount);
  const regionLimits = new Map<string, LimitFunction>();
  const regionLimit = (region: string) => {
    let limit = regionLimits.get(region);
    if (!limit) {
      limit = pLimit(limits.perRegion);
      regionLimits.set(region, limit);
    }
    return limit;
  };
  // Region first, then account: a task waiting on a busy region does not hold an account slot.
  return { run: (region, task) => regionLimit(region)(() => accountLimit(task)) };
}
