import type { AccountEvidence } from "./account";
import type { AcmEvidence } from "./acm";
import type { BackupEvidence } from "./backup";
import type { BudgetsEvidence } from "./budgets";
import type { CloudTrailEvidence } from "./cloudtrail";
import type { CloudWatchLogsEvidence } from "./cloudwatch-logs";
import type { ConfigServiceEvidence } from "./config-service";
import type { Ec2Evidence } from "./ec2";
import type { ElasticLoadBalancingV2Evidence } from "./elastic-load-balancing-v2";
import type { GuardDutyEvidence } from "./guardduty";
import type { IamEvidence } from "./iam";
import type { Inspector2Evidence } from "./inspector2";
import type { KmsEvidence } from "./kms";
import type { OrganizationsEvidence } from "./organization-tree";
import type { RdsEvidence } from "./rds";
import type { RegionsEvidence } from "./regions";
import type { ResourceGroupsTaggingApiEvidence } from "./resource-groups-tagging-api";
import type { S3Evidence } from "./s3";
import type { SecurityHubEvidence } from "./securityhub";

// The evidence contract (issue 17 item 4): what each collector stores and what the rules read, without the
// AWS SDK. One `{ key: collector }` map below; `CollectorKey` and `EvidenceOf` are derived from it, so a new
// collector is one line here plus its module. The SDK-backed collectors (lib/aws) implement it: the registry
// in lib/aws/collectors.ts is typed by this map, and its test checks every key and scope against it. Rules
// (lib/controls) import evidence types, keys and the scope label from here, never from lib/aws (a
// dependency-cruiser rule holds that). The evidence shapes live beside this file, one per service.

export * from "./account";
export * from "./acm";
export * from "./backup";
export * from "./budgets";
export * from "./cloudtrail";
export * from "./cloudwatch-logs";
export * from "./config-service";
export * from "./ec2";
export * from "./elastic-load-balancing-v2";
export * from "./findings";
export * from "./guardduty";
export * from "./iam";
export * from "./inspector2";
export * from "./kms";
export * from "./organization-tree";
export * from "./rds";
export * from "./regions";
export * from "./resource-groups-tagging-api";
export * from "./s3";
export * from "./scope";
export * from "./securityhub";

/** One collector's side of the contract: where its evidence is stored, and (as a type only) what it holds. */
export interface EvidenceContract<E> {
  /** "global": one row per account under GLOBAL_SCOPE_LABEL; "regional": one per configured region. */
  readonly scope: "global" | "regional";
  /** Never set: carries the evidence type for `EvidenceOf`. */
  readonly evidence?: E;
}

const global = <E>(): EvidenceContract<E> => ({ scope: "global" });
const regional = <E>(): EvidenceContract<E> => ({ scope: "regional" });

/**
 * Every collector by stable key (stored in Evidence.collector and SyncStep.collector: never rename one), in
 * the order a sync runs them.
 */
export const EVIDENCE_CONTRACT = {
  iam: global<IamEvidence>(),
  account: global<AccountEvidence>(),
  organizations: global<OrganizationsEvidence>(),
  budgets: global<BudgetsEvidence>(),
  cloudtrail: global<CloudTrailEvidence>(),
  s3: global<S3Evidence>(),
  "cloudwatch-logs": regional<CloudWatchLogsEvidence>(),
  kms: regional<KmsEvidence>(),
  ec2: regional<Ec2Evidence>(),
  regions: global<RegionsEvidence>(),
  "config-service": regional<ConfigServiceEvidence>(),
  guardduty: regional<GuardDutyEvidence>(),
  inspector2: regional<Inspector2Evidence>(),
  backup: regional<BackupEvidence>(),
  acm: regional<AcmEvidence>(),
  rds: regional<RdsEvidence>(),
  "elastic-load-balancing-v2": regional<ElasticLoadBalancingV2Evidence>(),
  "resource-groups-tagging-api": regional<ResourceGroupsTaggingApiEvidence>(),
  securityhub: regional<SecurityHubEvidence>(),
} as const;

export type CollectorKey = keyof typeof EVIDENCE_CONTRACT;

/** The evidence a collector stores, as the rules read it. */
export type EvidenceOf<K extends CollectorKey> =
  (typeof EVIDENCE_CONTRACT)[K] extends EvidenceContract<infer E> ? E : never;

/** Every collector key, in sync order. */
export const COLLECTOR_KEYS = Object.keys(EVIDENCE_CONTRACT) as CollectorKey[];
