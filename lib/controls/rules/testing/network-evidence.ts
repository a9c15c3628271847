import { DAY_MS } from "../../../dates";
import type {
  AcmEvidence,
  AdvancedEventSelectorEvidence,
  BucketEvidence,
  CertificateEvidence,
  ClassicEventSelectorEvidence,
  CloudTrailEvidence,
  CollectorKey,
  DbInstanceEvidence,
  Ec2Evidence,
  ElasticIpEvidence,
  ElasticLoadBalancingV2Evidence,
  EvidenceOf,
  FlowLogEvidence,
  InstanceEvidence,
  KmsEvidence,
  KmsKeyEvidence,
  LoadBalancerEvidence,
  NetworkAclEntryEvidence,
  NetworkAclEvidence,
  PublicAccessBlockEvidence,
  RdsEvidence,
  S3Evidence,
  SecurityGroupEvidence,
  SecurityGroupPermission,
  TrailEvidence,
  TrailLogGroupEvidence,
  TrailStatusEvidence,
  VpcEvidence,
} from "../../../evidence/contract";
import { type ControlParams, DEFAULT_CONTROL_PARAMS } from "../../params";
import type { AccountContext, EvidenceLookup, EvidenceSlot } from "../../types";

// Test builders for the CloudTrail, network and KMS rules: a fake EvidenceLookup backed by a map, and
// evidence objects typed against the collectors' own interfaces (dates as ISO strings, as stored).

export const ACCOUNT_NUMBER = "123456789012";
export const AS_OF = new Date("2024-06-01T12:00:00.000Z");

/** An ISO timestamp `days` (may be fractional) before `from`; negative days are in the future. */
export function daysBefore(days: number, from: Date = AS_OF): string {
  return new Date(from.getTime() - days * DAY_MS).toISOString();
}

export type EvidenceEntries = { [K in CollectorKey]?: Record<string, EvidenceSlot<EvidenceOf<K>>> };

/** A lookup over fixed slots; anything not listed is MISSING (never collected). */
export function fakeEvidence(entries: EvidenceEntries): EvidenceLookup {
  return {
    get<K extends CollectorKey>(collector: K, region: string): EvidenceSlot<EvidenceOf<K>> {
      const slots = entries[collector] as Record<string, EvidenceSlot<EvidenceOf<K>>> | undefined;
      return slots?.[region] ?? { state: "MISSING" };
    },
  };
}

export function collected<E>(data: E, asOf: Date = AS_OF): EvidenceSlot<E> {
  return { state: "COLLECTED", data, asOf };
}

/** The slot a collector step leaves when AWS refused it. */
export function failed<E>(service: string, operation: string, region: string, code = "AccessDenied"): EvidenceSlot<E> {
  return { state: "UNKNOWN", gap: { service, operation, region, code, message: `${code} from AWS` } };
}

export function buildContext(options: {
  evidence: EvidenceEntries;
  regions?: string[];
  params?: Partial<ControlParams>;
  acknowledgedEndpointKeys?: string[];
  evaluatedAt?: Date;
}): AccountContext {
  return {
    account: { accountNumber: ACCOUNT_NUMBER, alias: "acme-prod", regions: options.regions ?? ["eu-west-1"] },
    evaluatedAt: options.evaluatedAt ?? AS_OF,
    params: { ...DEFAULT_CONTROL_PARAMS, ...options.params },
    evidence: fakeEvidence(options.evidence),
    records: {
      lastAccessReviewSignOffAt: null,
      lastAlertReviewAt: null,
      openCriticalOrHighAlertsPastSla: [],
      acknowledgedEndpointKeys: new Set(options.acknowledgedEndpointKeys ?? []),
      attestations: [],
    },
  };
}

// ---------------------------------------------------------------------------------------------- CloudTrail

export function trailStatus(overrides: Partial<TrailStatusEvidence> = {}): TrailStatusEvidence {
  return {
    isLogging: true,
    latestDeliveryTime: daysBefore(0.01),
    latestDeliveryError: null,
    latestCloudWatchLogsDeliveryTime: daysBefore(0.01),
    latestCloudWatchLogsDeliveryError: null,
    startLoggingTime: daysBefore(400),
    stopLoggingTime: null,
    ...overrides,
  };
}

export function classicSelector(overrides: Partial<ClassicEventSelectorEvidence> = {}): ClassicEventSelectorEvidence {
  return {
    readWriteType: "All",
    includeManagementEvents: true,
    excludeManagementEventSources: [],
    dataResources: [],
    ...overrides,
  };
}

/** An advanced selector from field → equals values, e.g. { eventCategory: ["Management"], readOnly: ["true"] }. */
export function advancedSelector(
  fields: Record<string, string[]>,
  name = "Management events",
): AdvancedEventSelectorEvidence {
  return {
    name,
    fieldSelectors: Object.entries(fields).map(([field, equals]) => ({
      field,
      equals,
      notEquals: [],
      startsWith: [],
      notStartsWith: [],
      endsWith: [],
      notEndsWith: [],
    })),
  };
}

export function trailLogGroup(overrides: Partial<TrailLogGroupEvidence> = {}): TrailLogGroupEvidence {
  return {
    name: "cloudtrail-logs",
    region: "us-east-1",
    accountId: ACCOUNT_NUMBER,
    inThisAccount: true,
    found: true,
    retentionInDays: 365,
    ...overrides,
  };
}

/** A trail that passes every TRAIL control with the default buckets from `trailBucket`. */
export function trail(overrides: Partial<TrailEvidence> & { name?: string } = {}): TrailEvidence {
  const name = overrides.name ?? "management";
  const homeRegion = overrides.homeRegion ?? "us-east-1";
  const logGroup = overrides.logGroup === undefined ? trailLogGroup() : overrides.logGroup;
  return {
    name,
    arn: `arn:aws:cloudtrail:${homeRegion}:${ACCOUNT_NUMBER}:trail/${name}`,
    homeRegion,
    ownerAccountId: ACCOUNT_NUMBER,
    isMultiRegionTrail: true,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    s3BucketName: "cloudtrail-bucket",
    s3KeyPrefix: null,
    kmsKeyId: `arn:aws:kms:${homeRegion}:${ACCOUNT_NUMBER}:key/1111`,
    cloudWatchLogsLogGroupArn: logGroup
      ? `arn:aws:logs:${logGroup.region}:${logGroup.accountId}:log-group:${logGroup.name}:*`
      : null,
    cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT_NUMBER}:role/CloudTrailToCloudWatch`,
    seenInRegions: [homeRegion],
    status: trailStatus(),
    eventSelectors: [classicSelector()],
    advancedEventSelectors: [],
    logGroup,
    ...overrides,
  };
}

export function cloudTrailEvidence(trails: TrailEvidence[], regionsQueried = ["eu-west-1"]): CloudTrailEvidence {
  return { regionsQueried, trails };
}

export function publicAccessBlock(overrides: Partial<PublicAccessBlockEvidence> = {}): PublicAccessBlockEvidence {
  return {
    blockPublicAcls: true,
    ignorePublicAcls: true,
    blockPublicPolicy: true,
    restrictPublicBuckets: true,
    ...overrides,
  };
}

/** A bucket that passes TRAIL-6–9. */
export function trailBucket(overrides: Partial<BucketEvidence> = {}): BucketEvidence {
  return {
    name: "cloudtrail-bucket",
    region: "us-east-1",
    createdAt: daysBefore(400),
    versioningStatus: "Enabled",
    mfaDelete: "Enabled",
    publicAccessBlock: publicAccessBlock(),
    hasBucketPolicy: true,
    policyIsPublic: false,
    logging: { targetBucket: "access-logs", targetPrefix: "cloudtrail/" },
    encryptionRules: null,
    tags: {},
    ...overrides,
  };
}

export function s3Evidence(
  buckets: BucketEvidence[],
  accountPublicAccessBlock: PublicAccessBlockEvidence | null = null,
): S3Evidence {
  return { accountPublicAccessBlock, buckets };
}

// ---------------------------------------------------------------------------------------------- EC2

export function permission(overrides: Partial<SecurityGroupPermission> = {}): SecurityGroupPermission {
  return {
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    ipv4Ranges: [],
    ipv6Ranges: [],
    referencedGroupIds: [],
    prefixListIds: [],
    ...overrides,
  };
}

export function securityGroup(overrides: Partial<SecurityGroupEvidence> = {}): SecurityGroupEvidence {
  return {
    groupId: "sg-0a1b2c3d",
    groupName: "web",
    vpcId: "vpc-1",
    ownerId: ACCOUNT_NUMBER,
    description: null,
    ingress: [],
    egress: [],
    tags: {},
    ...overrides,
  };
}

export function vpc(vpcId = "vpc-1", overrides: Partial<VpcEvidence> = {}): VpcEvidence {
  return {
    vpcId,
    cidrBlock: "10.0.0.0/16",
    ipv6CidrBlocks: [],
    isDefault: false,
    state: "available",
    tags: {},
    ...overrides,
  };
}

export function flowLog(resourceId: string, overrides: Partial<FlowLogEvidence> = {}): FlowLogEvidence {
  return {
    flowLogId: `fl-${resourceId}`,
    resourceId,
    flowLogStatus: "ACTIVE",
    deliverLogsStatus: "SUCCESS",
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
    logDestination: "vpc-flow-logs",
    ...overrides,
  };
}

export function aclEntry(overrides: Partial<NetworkAclEntryEvidence> = {}): NetworkAclEntryEvidence {
  return {
    ruleNumber: 100,
    egress: false,
    protocol: "6",
    ruleAction: "allow",
    cidrBlock: "0.0.0.0/0",
    ipv6CidrBlock: null,
    portRange: { from: 443, to: 443 },
    ...overrides,
  };
}

/** The catch-all deny entries every ACL ends with (rule number 32767, shown as "*"). */
export const CATCH_ALL_DENY: NetworkAclEntryEvidence[] = [
  aclEntry({ ruleNumber: 32767, protocol: "-1", ruleAction: "deny", portRange: null }),
  aclEntry({
    ruleNumber: 32767,
    protocol: "-1",
    ruleAction: "deny",
    cidrBlock: null,
    ipv6CidrBlock: "::/0",
    portRange: null,
  }),
];

export function networkAcl(overrides: Partial<NetworkAclEvidence> = {}): NetworkAclEvidence {
  return {
    networkAclId: "acl-1",
    vpcId: "vpc-1",
    isDefault: false,
    associatedSubnetIds: ["subnet-1"],
    entries: [...CATCH_ALL_DENY],
    ...overrides,
  };
}

export function instance(overrides: Partial<InstanceEvidence> = {}): InstanceEvidence {
  return {
    instanceId: "i-0123456789abcdef0",
    state: "running",
    instanceType: "t3.micro",
    vpcId: "vpc-1",
    subnetId: "subnet-1",
    publicIpAddress: null,
    publicDnsName: null,
    ipv6Addresses: [],
    securityGroupIds: [],
    launchTime: daysBefore(30),
    tags: {},
    ...overrides,
  };
}

export function elasticIp(overrides: Partial<ElasticIpEvidence> = {}): ElasticIpEvidence {
  return {
    allocationId: "eipalloc-1",
    publicIp: "203.0.113.10",
    domain: "vpc",
    instanceId: null,
    networkInterfaceId: null,
    associationId: null,
    tags: {},
    ...overrides,
  };
}

/** A region whose default VPC has a closed default group, an ACTIVE flow log and EBS encryption by default. */
export function ec2Evidence(region: string, overrides: Partial<Ec2Evidence> = {}): Ec2Evidence {
  return {
    region,
    ebsEncryptionByDefault: true,
    vpcs: [vpc()],
    securityGroups: [securityGroup({ groupId: "sg-default1", groupName: "default" })],
    networkAcls: [networkAcl()],
    flowLogs: [flowLog("vpc-1")],
    instances: [],
    elasticIps: [],
    volumes: [],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------- RDS, ELBv2, ACM

export function dbInstance(overrides: Partial<DbInstanceEvidence> = {}): DbInstanceEvidence {
  const identifier = overrides.dbInstanceIdentifier ?? "orders-db";
  return {
    dbInstanceIdentifier: identifier,
    dbInstanceArn: `arn:aws:rds:eu-west-1:${ACCOUNT_NUMBER}:db:${identifier}`,
    engine: "postgres",
    engineVersion: "16.2",
    instanceClass: "db.t4g.micro",
    status: "available",
    publiclyAccessible: false,
    endpointAddress: `${identifier}.abc.eu-west-1.rds.amazonaws.com`,
    endpointPort: 5432,
    vpcId: "vpc-1",
    multiAz: false,
    storageEncrypted: true,
    kmsKeyId: null,
    createdAt: daysBefore(100),
    tags: {},
    ...overrides,
  };
}

export function rdsEvidence(region: string, dbInstances: DbInstanceEvidence[]): RdsEvidence {
  return { region, dbInstances };
}

export function loadBalancer(overrides: Partial<LoadBalancerEvidence> = {}): LoadBalancerEvidence {
  const name = overrides.loadBalancerName ?? "web-alb";
  return {
    loadBalancerArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT_NUMBER}:loadbalancer/app/${name}/50dc6c495c0c9188`,
    loadBalancerName: name,
    scheme: "internet-facing",
    type: "application",
    dnsName: `${name}-1234.eu-west-1.elb.amazonaws.com`,
    vpcId: "vpc-1",
    state: "active",
    createdAt: daysBefore(10),
    securityGroupIds: [],
    tags: {},
    ...overrides,
  };
}

export function elbEvidence(region: string, loadBalancers: LoadBalancerEvidence[]): ElasticLoadBalancingV2Evidence {
  return { region, loadBalancers };
}

export function certificate(overrides: Partial<CertificateEvidence> = {}): CertificateEvidence {
  const inUseBy = overrides.inUseBy ?? [
    `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT_NUMBER}:loadbalancer/app/web/1`,
  ];
  return {
    certificateArn: `arn:aws:acm:eu-west-1:${ACCOUNT_NUMBER}:certificate/aaaa`,
    domainName: "www.example.com",
    subjectAlternativeNames: ["www.example.com"],
    status: "ISSUED",
    type: "AMAZON_ISSUED",
    keyAlgorithm: "RSA_2048",
    notBefore: daysBefore(300),
    notAfter: daysBefore(-65),
    inUseBy,
    inUse: inUseBy.length > 0,
    renewalEligibility: "ELIGIBLE",
    renewalStatus: null,
    ...overrides,
  };
}

export function acmEvidence(region: string, certificates: CertificateEvidence[]): AcmEvidence {
  return { region, certificates };
}

// ---------------------------------------------------------------------------------------------- KMS

/** An enabled customer-managed symmetric key with rotation on (in scope for KMS-1). */
export function kmsKey(overrides: Partial<KmsKeyEvidence> = {}): KmsKeyEvidence {
  const keyId = overrides.keyId ?? "1234abcd-12ab-34cd-56ef-1234567890ab";
  return {
    keyId,
    arn: `arn:aws:kms:eu-west-1:${ACCOUNT_NUMBER}:key/${keyId}`,
    aliases: ["alias/app-data"],
    description: null,
    keyManager: "CUSTOMER",
    keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    keyState: "Enabled",
    origin: "AWS_KMS",
    multiRegion: false,
    createdAt: daysBefore(500),
    deletionDate: null,
    rotationEnabled: true,
    rotationPeriodInDays: 365,
    nextRotationDate: daysBefore(-100),
    ...overrides,
  };
}

export function kmsEvidence(region: string, keys: KmsKeyEvidence[]): KmsEvidence {
  return { region, keys };
}
