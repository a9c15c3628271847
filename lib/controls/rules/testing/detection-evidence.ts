import { DAY_MS } from "../../../dates";
import type {
  BackupEvidence,
  BackupJobEvidence,
  BackupPlanEvidence,
  BackupRuleEvidence,
  BucketEvidence,
  BudgetEvidence,
  BudgetNotificationEvidence,
  BudgetsEvidence,
  CollectorKey,
  ConfigRecorderEvidence,
  ConfigRuleEvidence,
  ConfigServiceEvidence,
  DbInstanceEvidence,
  Ec2Evidence,
  ElasticLoadBalancingV2Evidence,
  EvidenceOf,
  GuardDutyDetectorEvidence,
  GuardDutyEvidence,
  IamEvidence,
  Inspector2Evidence,
  InspectorAccountStatus,
  InstanceEvidence,
  LoadBalancerEvidence,
  OrganizationsEvidence,
  RdsEvidence,
  ResourceGroupsTaggingApiEvidence,
  RestoreJobEvidence,
  S3Evidence,
  SecurityHubEvidence,
  SeverityCounts,
  VolumeEvidence,
} from "../../../evidence/contract";
import { type ControlParams, DEFAULT_CONTROL_PARAMS } from "../../params";
import type {
  AccountContext,
  AttestationRecord,
  EvidenceLookup,
  EvidenceSlot,
  OrganizationView,
  RampartRecords,
} from "../../types";

// Test builders for the detection, backup and governance rules: a fake EvidenceLookup over a map, and evidence
// typed against the collectors' own interfaces. Evidence goes through JSON, as it does from the database, so a
// rule that relied on a Date object where the evidence holds an ISO string would fail here too.

export const ACCOUNT_NUMBER = "111122223333";
export const REGIONS = ["eu-west-1", "us-east-1"];
export const GLOBAL = "global";
export const AS_OF = new Date("2025-03-01T12:00:00.000Z");

/** ISO time `days` (may be fractional; negative = future) before `from`. */
export function daysBefore(days: number, from: Date = AS_OF): string {
  return new Date(from.getTime() - days * DAY_MS).toISOString();
}

export function dateDaysBefore(days: number, from: Date = AS_OF): Date {
  return new Date(daysBefore(days, from));
}

/** A map-backed EvidenceLookup: slots not set are MISSING (never collected). */
export class FakeEvidence implements EvidenceLookup {
  private readonly slots = new Map<string, EvidenceSlot<unknown>>();

  collected<K extends CollectorKey>(collector: K, region: string, data: EvidenceOf<K>, asOf: Date = AS_OF): this {
    this.slots.set(`${collector}|${region}`, { state: "COLLECTED", data: JSON.parse(JSON.stringify(data)), asOf });
    return this;
  }

  /** The slot a collector step leaves when AWS refused or failed the call. */
  failed(collector: CollectorKey, region: string, operation = "Describe", code = "AccessDeniedException"): this {
    this.slots.set(`${collector}|${region}`, {
      state: "UNKNOWN",
      gap: { service: collector, operation, region, code, message: `${code} from AWS` },
    });
    return this;
  }

  /** The same evidence in every listed region (each copy with its own `region` where the shape has one). */
  everywhere<K extends CollectorKey>(
    collector: K,
    build: (region: string) => EvidenceOf<K>,
    regions: readonly string[] = REGIONS,
  ): this {
    for (const region of regions) this.collected(collector, region, build(region));
    return this;
  }

  get<K extends CollectorKey>(collector: K, region: string): EvidenceSlot<EvidenceOf<K>> {
    return (this.slots.get(`${collector}|${region}`) ?? { state: "MISSING" }) as EvidenceSlot<EvidenceOf<K>>;
  }
}

export function buildContext(
  evidence: EvidenceLookup,
  options: {
    regions?: readonly string[];
    params?: Partial<ControlParams>;
    records?: Partial<RampartRecords>;
    evaluatedAt?: Date;
    organization?: OrganizationView | null;
  } = {},
): AccountContext {
  return {
    account: { accountNumber: ACCOUNT_NUMBER, alias: "acme-prod", regions: options.regions ?? REGIONS },
    evaluatedAt: options.evaluatedAt ?? AS_OF,
    params: { ...DEFAULT_CONTROL_PARAMS, ...options.params },
    evidence,
    records: {
      lastAccessReviewSignOffAt: null,
      lastAlertReviewAt: null,
      openCriticalOrHighAlertsPastSla: [],
      acknowledgedEndpointKeys: new Set(),
      attestations: [],
      ...options.records,
    },
    organization: options.organization ?? null,
  };
}

export function attestation(overrides: Partial<AttestationRecord> = {}): AttestationRecord {
  return {
    controlId: "BAK-4",
    attestedAt: dateDaysBefore(10),
    validUntil: dateDaysBefore(-170),
    attestedBy: "carla@consultancy.example",
    note: "Restored the orders database into staging and validated it.",
    link: null,
    documentRef: null,
    ...overrides,
  };
}

// ---------- AWS Config ----------

export function recorder(overrides: Partial<ConfigRecorderEvidence> = {}): ConfigRecorderEvidence {
  return {
    name: "default",
    roleArn: `arn:aws:iam::${ACCOUNT_NUMBER}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    allSupported: true,
    includeGlobalResourceTypes: false,
    recordingStrategy: "ALL_SUPPORTED_RESOURCE_TYPES",
    resourceTypes: [],
    excludedResourceTypes: [],
    recording: true,
    lastStatus: "SUCCESS",
    lastErrorCode: null,
    lastStatusChangeTime: daysBefore(1),
    ...overrides,
  };
}

export function configRule(overrides: Partial<ConfigRuleEvidence> = {}): ConfigRuleEvidence {
  return {
    name: "iam-password-policy",
    arn: null,
    sourceOwner: "AWS",
    sourceIdentifier: "IAM_PASSWORD_POLICY",
    state: "ACTIVE",
    complianceType: "COMPLIANT",
    nonCompliantResourceCount: 0,
    compliantResourceCount: 1,
    ...overrides,
  };
}

export function configEvidence(region: string, overrides: Partial<ConfigServiceEvidence> = {}): ConfigServiceEvidence {
  const rules = overrides.rules ?? [];
  return {
    region,
    recorders: [recorder()],
    rules,
    compliantRuleCount: rules.filter((rule) => rule.complianceType === "COMPLIANT").length,
    nonCompliantRuleCount: rules.filter((rule) => rule.complianceType === "NON_COMPLIANT").length,
    ...overrides,
  };
}

// ---------- GuardDuty, Security Hub ----------

export function detector(overrides: Partial<GuardDutyDetectorEvidence> = {}): GuardDutyDetectorEvidence {
  return {
    detectorId: "d1e2f3",
    status: "ENABLED",
    findingPublishingFrequency: "SIX_HOURS",
    createdAt: daysBefore(400),
    updatedAt: daysBefore(3),
    features: [],
    ...overrides,
  };
}

export function guardDutyEvidence(region: string, detectors = [detector()]): GuardDutyEvidence {
  return { region, detectors };
}

export function securityHubEvidence(region: string, enabled = true): SecurityHubEvidence {
  return enabled
    ? {
        region,
        enabled,
        hubArn: `arn:aws:securityhub:${region}:${ACCOUNT_NUMBER}:hub/default`,
        subscribedAt: daysBefore(200),
        autoEnableControls: true,
        notEnabledReason: null,
      }
    : {
        region,
        enabled,
        hubArn: null,
        subscribedAt: null,
        autoEnableControls: null,
        notEnabledReason: `Account ${ACCOUNT_NUMBER} is not subscribed to AWS Security Hub`,
      };
}

// ---------- Inspector ----------

export function severityCounts(overrides: Partial<SeverityCounts> = {}): SeverityCounts {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, ...overrides };
}

export function inspectorAccountStatus(
  status = "ENABLED",
  resourceStatus: Record<string, string> = {
    ec2: "ENABLED",
    ecr: "ENABLED",
    lambda: "DISABLED",
    lambdaCode: "DISABLED",
  },
): InspectorAccountStatus {
  const state = (value: string) => ({ status: value, errorCode: null, errorMessage: null });
  return {
    accountId: ACCOUNT_NUMBER,
    state: state(status),
    resourceState: Object.fromEntries(Object.entries(resourceStatus).map(([type, value]) => [type, state(value)])),
  };
}

export function inspectorEvidence(region: string, overrides: Partial<Inspector2Evidence> = {}): Inspector2Evidence {
  return {
    region,
    accountStatus: inspectorAccountStatus(),
    failedAccounts: [],
    findingsCollected: true,
    activeBySeverity: severityCounts(),
    suppressedBySeverity: severityCounts(),
    oldestActiveFirstObservedAt: {},
    ...overrides,
  };
}

// ---------- Backup ----------

export function backupRule(overrides: Partial<BackupRuleEvidence> = {}): BackupRuleEvidence {
  return {
    ruleName: "daily",
    ruleId: "rule-daily",
    scheduleExpression: "cron(0 5 ? * * *)",
    scheduleExpressionTimezone: "Etc/UTC",
    targetBackupVaultName: "Default",
    deleteAfterDays: 7,
    moveToColdStorageAfterDays: null,
    enableContinuousBackup: false,
    copyActions: [],
    ...overrides,
  };
}

export function backupPlan(overrides: Partial<BackupPlanEvidence> = {}): BackupPlanEvidence {
  return {
    backupPlanId: "plan-1",
    backupPlanName: "standard",
    backupPlanArn: null,
    versionId: "v1",
    lastExecutionDate: daysBefore(1),
    rules: [backupRule()],
    selections: [{ selectionId: "sel-1", selectionName: "tagged", iamRoleArn: null }],
    ...overrides,
  };
}

/** SOP 000 §9's default ladder, as one plan. */
export function ladderPlan(overrides: Partial<BackupPlanEvidence> = {}): BackupPlanEvidence {
  return backupPlan({
    backupPlanName: "ladder",
    rules: [
      backupRule({ ruleName: "daily", scheduleExpression: "cron(0 5 ? * * *)", deleteAfterDays: 7 }),
      backupRule({ ruleName: "weekly", scheduleExpression: "cron(0 5 ? * SUN *)", deleteAfterDays: 28 }),
      backupRule({ ruleName: "monthly", scheduleExpression: "cron(0 5 1 * ? *)", deleteAfterDays: 30 }),
      backupRule({ ruleName: "yearly", scheduleExpression: "cron(0 5 1 1 ? *)", deleteAfterDays: 365 }),
    ],
    ...overrides,
  });
}

export function backupJob(overrides: Partial<BackupJobEvidence> = {}): BackupJobEvidence {
  return {
    backupJobId: "job-1",
    state: "COMPLETED",
    resourceArn: `arn:aws:rds:eu-west-1:${ACCOUNT_NUMBER}:db:orders`,
    resourceType: "RDS",
    backupPlanId: "plan-1",
    creationDate: daysBefore(0.5),
    completionDate: daysBefore(0.4),
    statusMessage: null,
    ...overrides,
  };
}

export function restoreJob(overrides: Partial<RestoreJobEvidence> = {}): RestoreJobEvidence {
  return {
    restoreJobId: "restore-1",
    status: "COMPLETED",
    resourceType: "RDS",
    createdResourceArn: `arn:aws:rds:eu-west-1:${ACCOUNT_NUMBER}:db:orders-restore-test`,
    creationDate: daysBefore(30.1),
    completionDate: daysBefore(30),
    ...overrides,
  };
}

export function backupEvidence(region: string, overrides: Partial<BackupEvidence> = {}): BackupEvidence {
  return {
    region,
    plans: [],
    backupJobsLookbackDays: 7,
    backupJobs: [],
    restoreJobsLookbackDays: 400,
    restoreJobs: [],
    ...overrides,
  };
}

// ---------- Budgets, Organizations, IAM ----------

export function budgetNotification(overrides: Partial<BudgetNotificationEvidence> = {}): BudgetNotificationEvidence {
  return {
    notificationType: "ACTUAL",
    comparisonOperator: "GREATER_THAN",
    threshold: 80,
    thresholdType: "PERCENTAGE",
    notificationState: "OK",
    subscribers: [{ subscriptionType: "EMAIL", address: "finance@acme.example" }],
    ...overrides,
  };
}

export function budget(overrides: Partial<BudgetEvidence> = {}): BudgetEvidence {
  return {
    budgetName: "monthly-cost",
    budgetType: "COST",
    timeUnit: "MONTHLY",
    limitAmount: "1000.0",
    limitUnit: "USD",
    actualSpend: "420.0",
    forecastedSpend: "900.0",
    lastUpdatedTime: daysBefore(1),
    notifications: [budgetNotification()],
    ...overrides,
  };
}

export function budgetsEvidence(budgets: BudgetEvidence[]): BudgetsEvidence {
  return { budgets };
}

export function organizationsEvidence(overrides: Partial<OrganizationsEvidence> = {}): OrganizationsEvidence {
  return {
    inOrganization: true,
    organizationId: "o-abc123",
    organizationArn: "arn:aws:organizations::999988887777:organization/o-abc123",
    featureSet: "ALL",
    managementAccountId: "999988887777",
    isManagementAccount: false,
    ...overrides,
  };
}

/** IAM evidence with only what GOV-4 reads filled in; the rest empty. */
export function iamEvidence(accountAliases: string[]): IamEvidence {
  return {
    accountSummary: {},
    accountMfaEnabled: null,
    accountAccessKeysPresent: null,
    credentialReport: { generatedAt: null, rows: [] },
    passwordPolicy: null,
    virtualMfaDevices: [],
    rootHasVirtualMfa: false,
    accountAliases,
    supportAccessRoles: [],
    authorization: { users: [], groups: [], roles: [], customerManagedPolicies: [] },
  };
}

// ---------- Inventories (GOV-2) ----------

export const FULL_TAGS = { Environment: "prod", Department: "sales", Project: "orders" };

export function instance(overrides: Partial<InstanceEvidence> = {}): InstanceEvidence {
  return {
    instanceId: "i-0aaa",
    state: "running",
    instanceType: "t3.micro",
    vpcId: "vpc-1",
    subnetId: "subnet-1",
    publicIpAddress: null,
    publicDnsName: null,
    ipv6Addresses: [],
    securityGroupIds: [],
    launchTime: daysBefore(20),
    tags: { ...FULL_TAGS },
    ...overrides,
  };
}

export function volume(overrides: Partial<VolumeEvidence> = {}): VolumeEvidence {
  return {
    volumeId: "vol-0aaa",
    encrypted: true,
    kmsKeyId: null,
    state: "in-use",
    sizeGiB: 8,
    attachedInstanceIds: ["i-0aaa"],
    createdAt: daysBefore(20),
    tags: { ...FULL_TAGS },
    ...overrides,
  };
}

export function ec2Evidence(region: string, overrides: Partial<Ec2Evidence> = {}): Ec2Evidence {
  return {
    region,
    ebsEncryptionByDefault: true,
    vpcs: [],
    securityGroups: [],
    networkAcls: [],
    flowLogs: [],
    instances: [],
    elasticIps: [],
    volumes: [],
    ...overrides,
  };
}

export function dbInstance(overrides: Partial<DbInstanceEvidence> = {}): DbInstanceEvidence {
  return {
    dbInstanceIdentifier: "orders",
    dbInstanceArn: `arn:aws:rds:eu-west-1:${ACCOUNT_NUMBER}:db:orders`,
    engine: "postgres",
    engineVersion: "16.3",
    instanceClass: "db.t4g.micro",
    status: "available",
    publiclyAccessible: false,
    endpointAddress: null,
    endpointPort: 5432,
    vpcId: "vpc-1",
    multiAz: false,
    storageEncrypted: true,
    kmsKeyId: null,
    createdAt: daysBefore(100),
    tags: { ...FULL_TAGS },
    ...overrides,
  };
}

export function rdsEvidence(region: string, dbInstances: DbInstanceEvidence[] = []): RdsEvidence {
  return { region, dbInstances };
}

export function loadBalancer(overrides: Partial<LoadBalancerEvidence> = {}): LoadBalancerEvidence {
  return {
    loadBalancerArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT_NUMBER}:loadbalancer/app/web/50dc6c495c0c9188`,
    loadBalancerName: "web",
    scheme: "internet-facing",
    type: "application",
    dnsName: "web-1.eu-west-1.elb.amazonaws.com",
    vpcId: "vpc-1",
    state: "active",
    createdAt: daysBefore(100),
    securityGroupIds: [],
    tags: { ...FULL_TAGS },
    ...overrides,
  };
}

export function elbEvidence(
  region: string,
  loadBalancers: LoadBalancerEvidence[] = [],
): ElasticLoadBalancingV2Evidence {
  return { region, loadBalancers };
}

export function bucket(overrides: Partial<BucketEvidence> = {}): BucketEvidence {
  return {
    name: "acme-data",
    region: "eu-west-1",
    createdAt: daysBefore(300),
    versioningStatus: "Enabled",
    mfaDelete: null,
    publicAccessBlock: null,
    hasBucketPolicy: false,
    policyIsPublic: false,
    logging: null,
    encryptionRules: null,
    tags: { ...FULL_TAGS },
    ...overrides,
  };
}

export function s3Evidence(buckets: BucketEvidence[] = []): S3Evidence {
  return { accountPublicAccessBlock: null, buckets };
}

export function taggingEvidence(
  region: string,
  resources: ResourceGroupsTaggingApiEvidence["resources"] = [],
): ResourceGroupsTaggingApiEvidence {
  return { region, resources };
}

/** Every GOV-2 inventory collected and empty, in every region. */
export function emptyInventories(evidence: FakeEvidence, regions: readonly string[] = REGIONS): FakeEvidence {
  return evidence
    .everywhere("ec2", (region) => ec2Evidence(region), regions)
    .everywhere("rds", (region) => rdsEvidence(region), regions)
    .everywhere("elastic-load-balancing-v2", (region) => elbEvidence(region), regions)
    .collected("s3", GLOBAL, s3Evidence());
}
