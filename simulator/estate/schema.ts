import { z } from "zod";
import { CREDENTIAL_REPORT_COLUMNS } from "../services/credential-report-columns";
import { parseSimDate, type SimDate } from "./dates";

// One estate = one AWS account as the simulator serves it. Every field is documented in
// docs/simulator-estates.md; keep the two in step. Objects are strict so a misspelt field is an
// error that names its path instead of a silently missing resource.

export const simDate = z.union([z.string(), z.date()]).transform((value, context): SimDate => {
  const parsed = parseSimDate(value);
  if (!parsed) {
    context.addIssue({ code: "custom", message: "Invalid date" });
    return z.NEVER;
  }
  return parsed;
});

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Invalid region");
const accountId = z.string().regex(/^\d{12}$/, "Account id must be 12 digits");
const tags = z.record(z.string(), z.string()).default({});
const policyDocument = z.union([z.string(), z.record(z.string(), z.unknown())]);
const probability = z.number().min(0).max(1);

const lastUsed = z.strictObject({
  date: simDate,
  region: z.string().optional(),
  service: z.string().optional(),
});

/**
 * The credential report's slot (1 or 2) of a key or certificate: AWS keeps a slot empty when the key in
 * it was deleted, so a lone key can sit in slot 2. Without a slot, entries fill the free slots in order.
 */
const reportSlot = z.union([z.literal(1), z.literal(2)]).optional();

/** Two entries may not claim the same credential-report slot. */
function distinctSlots(entries: readonly { slot?: 1 | 2 }[], context: z.RefinementCtx): void {
  const slots = entries.flatMap((entry) => (entry.slot ? [entry.slot] : []));
  if (new Set(slots).size !== slots.length)
    context.addIssue({ code: "custom", message: "Two entries claim the same credential-report slot" });
}

/**
 * Cells of a credential-report row written exactly as AWS writes them (`true`, `TRUE`, `N/A`,
 * `not_supported`, `no_information`, a timestamp), replacing what the simulator derives for that column.
 */
const reportCells = z
  .record(z.string(), z.string())
  .optional()
  .superRefine((cells, context) => {
    for (const column of Object.keys(cells ?? {}))
      if (!(CREDENTIAL_REPORT_COLUMNS as readonly string[]).includes(column))
        context.addIssue({ code: "custom", message: `"${column}" is not a credential-report column` });
  });

const accessKey = z.strictObject({
  slot: reportSlot,
  id: z
    .string()
    .regex(/^AKIA[A-Z0-9]{16}$/, "Access key ids look like AKIA + 16 characters")
    .optional(),
  active: z.boolean().default(true),
  lastRotated: simDate,
  lastUsed: lastUsed.nullable().default(null),
});

const signingCertificate = z.strictObject({
  slot: reportSlot,
  active: z.boolean().default(true),
  lastRotated: simDate,
});

const inlinePolicy = z.strictObject({ name: z.string(), document: policyDocument });

const mfaKind = z.enum(["none", "virtual", "hardware"]);

const user = z.strictObject({
  name: z.string().min(1),
  path: z.string().default("/"),
  id: z.string().optional(),
  createdAt: simDate,
  password: z
    .strictObject({
      lastUsed: simDate.nullable().default(null),
      lastChanged: simDate.optional(),
      /** Password last used before IAM tracked it (report says no_information). */
      usedBeforeTracking: z.boolean().default(false),
    })
    .nullable()
    .default(null),
  mfa: mfaKind.default("none"),
  mfaEnabledAt: simDate.optional(),
  accessKeys: z.array(accessKey).max(2).default([]).superRefine(distinctSlots),
  signingCertificates: z.array(signingCertificate).max(2).default([]).superRefine(distinctSlots),
  reportCells,
  groups: z.array(z.string()).default([]),
  attachedPolicies: z.array(z.string()).default([]),
  inlinePolicies: z.array(inlinePolicy).default([]),
  permissionsBoundary: z.string().optional(),
  tags,
});

const group = z.strictObject({
  name: z.string().min(1),
  path: z.string().default("/"),
  id: z.string().optional(),
  createdAt: simDate.prefault("-730d"),
  attachedPolicies: z.array(z.string()).default([]),
  inlinePolicies: z.array(inlinePolicy).default([]),
});

const role = z.strictObject({
  name: z.string().min(1),
  path: z.string().default("/"),
  id: z.string().optional(),
  description: z.string().optional(),
  createdAt: simDate.prefault("-730d"),
  trustPolicy: policyDocument,
  maxSessionDuration: z.number().int().min(3600).max(43200).default(3600),
  attachedPolicies: z.array(z.string()).default([]),
  inlinePolicies: z.array(inlinePolicy).default([]),
  lastUsed: lastUsed.nullable().default(null),
  permissionsBoundary: z.string().optional(),
  tags,
});

const managedPolicy = z.strictObject({
  name: z.string().min(1),
  path: z.string().default("/"),
  id: z.string().optional(),
  description: z.string().optional(),
  createdAt: simDate.prefault("-730d"),
  updatedAt: simDate.optional(),
  /** The default version's document: the one IAM evaluates and IAM-10 reads. */
  document: policyDocument,
  /** The default version's id (default: the version after the last of `versions`). */
  defaultVersion: z
    .string()
    .regex(/^v\d+$/, "Version ids look like v1, v2, …")
    .optional(),
  /** Other (non-default) versions IAM keeps, up to four: listed by AWS, never in force. */
  versions: z
    .array(
      z.strictObject({
        id: z.string().regex(/^v\d+$/, "Version ids look like v1, v2, …"),
        document: policyDocument,
        createdAt: simDate.optional(),
      }),
    )
    .max(4)
    .default([]),
});

const passwordPolicy = z.strictObject({
  minimumPasswordLength: z.number().int().min(6).max(128).default(8),
  requireSymbols: z.boolean().default(false),
  requireNumbers: z.boolean().default(false),
  requireUppercaseCharacters: z.boolean().default(false),
  requireLowercaseCharacters: z.boolean().default(false),
  allowUsersToChangePassword: z.boolean().default(true),
  maxPasswordAge: z.number().int().min(1).max(1095).optional(),
  passwordReusePrevention: z.number().int().min(1).max(24).optional(),
  hardExpiry: z.boolean().default(false),
});

const iam = z.strictObject({
  users: z.array(user).default([]),
  groups: z.array(group).default([]),
  roles: z.array(role).default([]),
  policies: z.array(managedPolicy).default([]),
  passwordPolicy: passwordPolicy.nullable().default(null),
  /** SummaryMap.GlobalEndpointTokenVersion: 1 = global STS tokens valid only in default regions. */
  globalEndpointTokenVersion: z.union([z.literal(1), z.literal(2)]).default(1),
  /** Virtual MFA devices created but not assigned to anyone. */
  unassignedVirtualMfaDevices: z.number().int().min(0).default(0),
  credentialReportGeneratedAt: simDate.optional(),
  /** How the credential report spells its booleans: `true`/`false` as real reports do, or TRUE/FALSE as AWS's documentation prints them. */
  credentialReportBooleans: z.enum(["lowercase", "uppercase"]).default("lowercase"),
});

const root = z.strictObject({
  mfa: mfaKind.default("virtual"),
  passwordLastUsed: simDate.nullable().default(null),
  accessKeys: z.array(accessKey).max(2).default([]).superRefine(distinctSlots),
  signingCertificates: z.array(signingCertificate).max(2).default([]).superRefine(distinctSlots),
  reportCells,
});

const auditRole = z.strictObject({
  name: z.string().min(1),
  path: z.string().default("/"),
  trustedPrincipals: z.array(z.string()).min(1),
  /** Omit for a role without an sts:ExternalId condition (any ExternalId is accepted then). */
  externalId: z.string().min(2).max(1224).optional(),
  maxSessionDuration: z.number().int().min(3600).max(43200).default(3600),
  /** IAM actions the role's policies do not grant, e.g. "backup:*", "budgets:ViewBudget". */
  deniedActions: z.array(z.string()).default([]),
  attachedPolicies: z.array(z.string()).default(["arn:aws:iam::aws:policy/SecurityAudit"]),
  /** Inline policies of the role; their Deny statements always apply, their Allows when evaluatePolicies. */
  inlinePolicies: z.array(inlinePolicy).default([]),
  /**
   * false (default): the role may call every operation except deniedActions (hand-written estates).
   * true: only what its attached managed policies (SecurityAudit from the kept AWS document, customer
   * managed ones from iam.policies) or inline policies allow, as IAM evaluates them.
   */
  evaluatePolicies: z.boolean().default(false),
  tags,
});

/** A service control policy in effect for the account (attached along its OU path). */
const effectiveServiceControlPolicy = z.strictObject({ name: z.string().min(1), document: policyDocument });

const eventSelector = z.strictObject({
  readWriteType: z.enum(["ReadOnly", "WriteOnly", "All"]).default("All"),
  includeManagementEvents: z.boolean().default(true),
  excludeManagementEventSources: z.array(z.string()).default([]),
  dataResources: z.array(z.strictObject({ type: z.string(), values: z.array(z.string()) })).default([]),
});

const advancedFieldSelector = z.strictObject({
  field: z.string(),
  equals: z.array(z.string()).optional(),
  startsWith: z.array(z.string()).optional(),
  endsWith: z.array(z.string()).optional(),
  notEquals: z.array(z.string()).optional(),
  notStartsWith: z.array(z.string()).optional(),
  notEndsWith: z.array(z.string()).optional(),
});

const trail = z.strictObject({
  name: z.string().min(1),
  homeRegion: region,
  multiRegion: z.boolean().default(true),
  organizationTrail: z.boolean().default(false),
  /** The account that owns the trail: another account's organization trail as a member account sees it. */
  ownerAccountId: accountId.optional(),
  s3BucketName: z.string(),
  s3KeyPrefix: z.string().optional(),
  snsTopicArn: z.string().optional(),
  includeGlobalServiceEvents: z.boolean().default(true),
  logFileValidation: z.boolean().default(false),
  kmsKeyId: z.string().optional(),
  cloudWatchLogsLogGroupArn: z.string().optional(),
  cloudWatchLogsRoleArn: z.string().optional(),
  logging: z.boolean().default(true),
  startLoggingTime: simDate.optional(),
  stopLoggingTime: simDate.optional(),
  latestDeliveryTime: simDate.optional(),
  latestDeliveryError: z.string().optional(),
  latestDigestDeliveryTime: simDate.optional(),
  latestCloudWatchLogsDeliveryTime: simDate.optional(),
  latestCloudWatchLogsDeliveryError: z.string().optional(),
  eventSelectors: z.array(eventSelector).optional(),
  advancedEventSelectors: z
    .array(z.strictObject({ name: z.string().optional(), fieldSelectors: z.array(advancedFieldSelector).min(1) }))
    .optional(),
  tags,
});

const logGroup = z.strictObject({
  name: z.string().min(1),
  region: region.optional(),
  createdAt: simDate.prefault("-365d"),
  retentionInDays: z.number().int().positive().optional(),
  kmsKeyId: z.string().optional(),
  storedBytes: z.number().int().min(0).default(0),
  metricFilterCount: z.number().int().min(0).default(0),
});

const publicAccessBlock = z.strictObject({
  blockPublicAcls: z.boolean().default(true),
  ignorePublicAcls: z.boolean().default(true),
  blockPublicPolicy: z.boolean().default(true),
  restrictPublicBuckets: z.boolean().default(true),
});

const bucket = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "Invalid bucket name"),
  region: region.optional(),
  createdAt: simDate.prefault("-365d"),
  /** null = versioning never enabled (GetBucketVersioning returns no Status). */
  versioning: z.enum(["Enabled", "Suspended"]).nullable().default(null),
  mfaDelete: z.boolean().default(false),
  policy: policyDocument.nullable().default(null),
  /**
   * Overrides the policy-derived GetBucketPolicyStatus.IsPublic; without a policy document it alone
   * says what AWS's policy status says (a policy the estate does not spell out).
   */
  policyIsPublic: z.boolean().optional(),
  publicAccessBlock: publicAccessBlock.nullable().default(null),
  logging: z
    .strictObject({ targetBucket: z.string(), targetPrefix: z.string().default("") })
    .nullable()
    .default(null),
  /** Since January 2023 every bucket has SSE-S3 at least; null answers ServerSideEncryptionConfigurationNotFoundError. */
  encryption: z
    .strictObject({
      algorithm: z.enum(["AES256", "aws:kms", "aws:kms:dsse"]).default("AES256"),
      kmsKeyId: z.string().optional(),
      bucketKeyEnabled: z.boolean().default(false),
    })
    .nullable()
    .prefault({}),
  tags,
});

const kmsKey = z.strictObject({
  id: z.string().uuid().optional(),
  region: region.optional(),
  description: z.string().default(""),
  manager: z.enum(["CUSTOMER", "AWS"]).default("CUSTOMER"),
  spec: z
    .enum([
      "SYMMETRIC_DEFAULT",
      "RSA_2048",
      "RSA_3072",
      "RSA_4096",
      "ECC_NIST_P256",
      "ECC_NIST_P384",
      "ECC_NIST_P521",
      "ECC_SECG_P256K1",
      "HMAC_224",
      "HMAC_256",
      "HMAC_384",
      "HMAC_512",
      "SM2",
    ])
    .default("SYMMETRIC_DEFAULT"),
  usage: z.enum(["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"]).default("ENCRYPT_DECRYPT"),
  state: z
    .enum(["Enabled", "Disabled", "PendingDeletion", "PendingImport", "Unavailable", "Creating", "Updating"])
    .default("Enabled"),
  origin: z.enum(["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]).default("AWS_KMS"),
  rotationEnabled: z.boolean().default(false),
  rotationPeriodInDays: z.number().int().min(90).max(2560).default(365),
  deletionDate: simDate.optional(),
  createdAt: simDate.prefault("-365d"),
  multiRegion: z.boolean().default(false),
  aliases: z.array(z.string().regex(/^alias\//, "Aliases start with alias/")).default([]),
  tags,
});

const securityGroupRule = z.strictObject({
  /** "-1" = all traffic; "tcp", "udp", "icmp" or a protocol number ("6"), served as written ("all" → "-1"). */
  protocol: z.string().default("tcp"),
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
  cidrs: z.array(z.string()).default([]),
  ipv6Cidrs: z.array(z.string()).default([]),
  /** Source/destination security group ids; "self" means this group. */
  groups: z.array(z.string()).default([]),
  prefixLists: z.array(z.string()).default([]),
  description: z.string().optional(),
});

const vpc = z.strictObject({
  id: z.string().regex(/^vpc-[0-9a-f]+$/, "Invalid VPC id"),
  region: region.optional(),
  cidr: z.string().default("10.0.0.0/16"),
  /** IPv6 blocks associated with the VPC (Ipv6CidrBlockAssociationSet). */
  ipv6Cidrs: z.array(z.string()).default([]),
  isDefault: z.boolean().default(false),
  state: z.enum(["pending", "available"]).default("available"),
  subnets: z
    .array(
      z.strictObject({
        id: z.string().regex(/^subnet-[0-9a-f]+$/, "Invalid subnet id"),
        cidr: z.string(),
        availabilityZone: z.string().optional(),
        mapPublicIpOnLaunch: z.boolean().default(false),
        tags,
      }),
    )
    .default([]),
  tags,
});

const securityGroup = z.strictObject({
  id: z.string().regex(/^sg-[0-9a-f]+$/, "Invalid security group id"),
  name: z.string(),
  description: z.string().default("managed by terraform"),
  vpcId: z.string(),
  region: region.optional(),
  ingress: z.array(securityGroupRule).default([]),
  egress: z.array(securityGroupRule).default([]),
  tags,
});

const networkAclEntry = z.strictObject({
  /** 1–32766 for your own entries; 32767 (IPv4) and 32768 (IPv6) are AWS's catch-all "*" entries. */
  ruleNumber: z.number().int().min(1).max(32768),
  protocol: z.string().default("-1"),
  action: z.enum(["allow", "deny"]),
  egress: z.boolean().default(false),
  cidr: z.string().optional(),
  ipv6Cidr: z.string().optional(),
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
});

const networkAcl = z.strictObject({
  id: z.string().regex(/^acl-[0-9a-f]+$/, "Invalid network ACL id"),
  vpcId: z.string(),
  region: region.optional(),
  isDefault: z.boolean().default(false),
  entries: z.array(networkAclEntry).default([]),
  associations: z.array(z.string()).default([]),
  tags,
});

const flowLog = z.strictObject({
  id: z.string().regex(/^fl-[0-9a-f]+$/, "Invalid flow log id"),
  resourceId: z.string(),
  region: region.optional(),
  /** FlowLogStatus is a free string in the model; AWS shows ACTIVE, and other states while a log is set up or torn down. */
  status: z.string().min(1).default("ACTIVE"),
  deliverLogsStatus: z.enum(["SUCCESS", "FAILED", "SKIPPED"]).default("SUCCESS"),
  trafficType: z.enum(["ACCEPT", "REJECT", "ALL"]).default("ALL"),
  logDestinationType: z.enum(["cloud-watch-logs", "s3", "kinesis-data-firehose"]).default("cloud-watch-logs"),
  logDestination: z.string().optional(),
  logGroupName: z.string().optional(),
  createdAt: simDate.prefault("-200d"),
  tags,
});

const instance = z.strictObject({
  id: z.string().regex(/^i-[0-9a-f]+$/, "Invalid instance id"),
  region: region.optional(),
  type: z.string().default("t3.medium"),
  imageId: z.string().default("ami-0abcdef1234567890"),
  state: z.enum(["pending", "running", "shutting-down", "terminated", "stopping", "stopped"]).default("running"),
  vpcId: z.string().optional(),
  subnetId: z.string().optional(),
  privateIp: z.string().default("10.0.1.10"),
  publicIp: z.string().optional(),
  securityGroups: z.array(z.string()).default([]),
  launchedAt: simDate.prefault("-60d"),
  iamInstanceProfileArn: z.string().optional(),
  /** IMDSv2 enforcement (MetadataOptions.HttpTokens). */
  httpTokens: z.enum(["optional", "required"]).default("required"),
  tags,
});

const elasticIp = z.strictObject({
  allocationId: z.string().regex(/^eipalloc-[0-9a-f]+$/, "Invalid allocation id"),
  publicIp: z.string(),
  region: region.optional(),
  instanceId: z.string().optional(),
  /** An address associated with a network interface that no instance uses (a NAT gateway's, an endpoint's). */
  networkInterfaceId: z
    .string()
    .regex(/^eni-[0-9a-f]+$/, "Invalid network interface id")
    .optional(),
  privateIp: z.string().optional(),
  tags,
});

const volume = z.strictObject({
  id: z.string().regex(/^vol-[0-9a-f]+$/, "Invalid volume id"),
  region: region.optional(),
  availabilityZone: z.string().optional(),
  sizeGiB: z.number().int().positive().default(20),
  type: z.enum(["standard", "io1", "io2", "gp2", "sc1", "st1", "gp3"]).default("gp3"),
  encrypted: z.boolean().default(true),
  kmsKeyId: z.string().optional(),
  state: z.enum(["creating", "available", "in-use", "deleting", "deleted", "error"]).default("in-use"),
  attachedTo: z.string().optional(),
  createdAt: simDate.prefault("-60d"),
  tags,
});

const ec2 = z.strictObject({
  /** Opt-in regions (ap-southeast-3, me-south-1, …) the account enabled, beyond estate.regions. */
  optedInRegions: z.array(region).default([]),
  /** Region → EBS encryption by default; regions not listed are off (the AWS default). */
  ebsEncryptionByDefault: z.record(z.string(), z.boolean()).default({}),
  vpcs: z.array(vpc).default([]),
  securityGroups: z.array(securityGroup).default([]),
  networkAcls: z.array(networkAcl).default([]),
  flowLogs: z.array(flowLog).default([]),
  instances: z.array(instance).default([]),
  addresses: z.array(elasticIp).default([]),
  volumes: z.array(volume).default([]),
});

const configEvaluation = z.strictObject({
  resourceType: z.string(),
  resourceId: z.string(),
  complianceType: z.enum(["COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE", "INSUFFICIENT_DATA"]),
  recordedAt: simDate.prefault("-1d"),
  annotation: z.string().optional(),
});

const configRule = z.strictObject({
  name: z.string().min(1),
  region: region.optional(),
  id: z.string().optional(),
  description: z.string().optional(),
  owner: z.enum(["AWS", "CUSTOM_LAMBDA", "CUSTOM_POLICY"]).default("AWS"),
  sourceIdentifier: z.string(),
  inputParameters: z.record(z.string(), z.unknown()).optional(),
  maximumExecutionFrequency: z
    .enum(["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"])
    .optional(),
  state: z.enum(["ACTIVE", "DELETING", "DELETING_RESULTS", "EVALUATING"]).default("ACTIVE"),
  createdBy: z.string().optional(),
  evaluations: z.array(configEvaluation).default([]),
});

const configRecorder = z.strictObject({
  name: z.string().default("default"),
  region: region.optional(),
  roleArn: z.string().optional(),
  allSupported: z.boolean().default(true),
  includeGlobalResourceTypes: z.boolean().default(true),
  resourceTypes: z.array(z.string()).default([]),
  /** EXCLUSION_BY_RESOURCE_TYPES: everything but these types (allSupported must be false then). */
  excludedResourceTypes: z.array(z.string()).default([]),
  recording: z.boolean().default(true),
  lastStatus: z.enum(["Pending", "Success", "Failure", "NotApplicable"]).default("Success"),
  lastStartTime: simDate.prefault("-300d"),
  lastStopTime: simDate.optional(),
  lastStatusChangeTime: simDate.prefault("-1h"),
  lastErrorCode: z.string().optional(),
  lastErrorMessage: z.string().optional(),
});

const config = z.strictObject({
  recorders: z.array(configRecorder).default([]),
  rules: z.array(configRule).default([]),
});

const inspectorStatus = z.enum(["ENABLING", "ENABLED", "DISABLING", "DISABLED", "SUSPENDING", "SUSPENDED"]);

const inspectorAccountStatus = z.strictObject({
  region: region.optional(),
  status: inspectorStatus.default("ENABLED"),
  ec2: inspectorStatus.default("ENABLED"),
  ecr: inspectorStatus.default("ENABLED"),
  lambda: inspectorStatus.default("DISABLED"),
  lambdaCode: inspectorStatus.default("DISABLED"),
});

const inspectorFinding = z.strictObject({
  id: z.string().optional(),
  region: region.optional(),
  title: z.string(),
  description: z.string().optional(),
  severity: z.enum(["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL", "UNTRIAGED"]),
  status: z.enum(["ACTIVE", "SUPPRESSED", "CLOSED"]).default("ACTIVE"),
  type: z
    .enum(["NETWORK_REACHABILITY", "PACKAGE_VULNERABILITY", "CODE_VULNERABILITY"])
    .default("PACKAGE_VULNERABILITY"),
  firstObservedAt: simDate,
  lastObservedAt: simDate.prefault("-1d"),
  updatedAt: simDate.optional(),
  inspectorScore: z.number().min(0).max(10).optional(),
  fixAvailable: z.enum(["YES", "NO", "PARTIAL"]).default("YES"),
  exploitAvailable: z.enum(["YES", "NO"]).default("NO"),
  vulnerabilityId: z.string().optional(),
  packageName: z.string().optional(),
  packageVersion: z.string().optional(),
  fixedInVersion: z.string().optional(),
  resource: z.strictObject({
    type: z
      .enum(["AWS_EC2_INSTANCE", "AWS_ECR_CONTAINER_IMAGE", "AWS_ECR_REPOSITORY", "AWS_LAMBDA_FUNCTION"])
      .default("AWS_EC2_INSTANCE"),
    id: z.string(),
    tags,
  }),
});

const inspector = z.strictObject({
  /** Per-region account status; a region not listed is DISABLED. */
  accountStatus: z.array(inspectorAccountStatus).default([]),
  findings: z.array(inspectorFinding).default([]),
});

const guardDutyDetector = z.strictObject({
  id: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "Detector ids are 32 hex characters")
    .optional(),
  region: region.optional(),
  status: z.enum(["ENABLED", "DISABLED"]).default("ENABLED"),
  createdAt: simDate.prefault("-400d"),
  updatedAt: simDate.optional(),
  findingPublishingFrequency: z.enum(["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"]).default("SIX_HOURS"),
  features: z.array(z.strictObject({ name: z.string(), status: z.enum(["ENABLED", "DISABLED"]) })).default([]),
  tags,
});

const backupRule = z.strictObject({
  name: z.string(),
  scheduleExpression: z.string().regex(/^(cron|rate)\(.+\)$/, "Expected cron(…) or rate(…)"),
  scheduleExpressionTimezone: z.string().optional(),
  targetVault: z.string().default("Default"),
  startWindowMinutes: z.number().int().default(60),
  completionWindowMinutes: z.number().int().default(10080),
  deleteAfterDays: z.number().int().positive().optional(),
  moveToColdStorageAfterDays: z.number().int().positive().optional(),
  copyToVaultArns: z.array(z.string()).default([]),
  id: z.string().optional(),
});

const backupPlan = z.strictObject({
  id: z.string().optional(),
  name: z.string(),
  region: region.optional(),
  versionId: z.string().optional(),
  createdAt: simDate.prefault("-300d"),
  lastExecutionDate: simDate.optional(),
  rules: z.array(backupRule).default([]),
  selections: z
    .array(
      z.strictObject({
        id: z.string().optional(),
        name: z.string(),
        iamRoleArn: z.string().optional(),
        resources: z.array(z.string()).default([]),
        createdAt: simDate.prefault("-300d"),
      }),
    )
    .default([]),
});

const backupJob = z.strictObject({
  id: z.string().optional(),
  region: region.optional(),
  state: z.enum(["CREATED", "PENDING", "RUNNING", "ABORTING", "ABORTED", "COMPLETED", "FAILED", "EXPIRED", "PARTIAL"]),
  resourceArn: z.string(),
  resourceType: z.string(),
  planId: z.string().optional(),
  vault: z.string().default("Default"),
  createdAt: simDate,
  completedAt: simDate.optional(),
  backupSizeInBytes: z.number().int().min(0).default(0),
  statusMessage: z.string().optional(),
});

const restoreJob = z.strictObject({
  id: z.string().optional(),
  region: region.optional(),
  status: z.enum(["PENDING", "RUNNING", "COMPLETED", "ABORTED", "FAILED"]),
  resourceType: z.string(),
  recoveryPointArn: z.string().optional(),
  createdResourceArn: z.string().optional(),
  createdAt: simDate,
  completedAt: simDate.optional(),
  statusMessage: z.string().optional(),
});

const backup = z.strictObject({
  plans: z.array(backupPlan).default([]),
  jobs: z.array(backupJob).default([]),
  restoreJobs: z.array(restoreJob).default([]),
});

const budget = z.strictObject({
  name: z.string(),
  type: z
    .enum(["USAGE", "COST", "RI_UTILIZATION", "RI_COVERAGE", "SAVINGS_PLANS_UTILIZATION", "SAVINGS_PLANS_COVERAGE"])
    .default("COST"),
  timeUnit: z.enum(["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY"]).default("MONTHLY"),
  limit: z.strictObject({ amount: z.string(), unit: z.string().default("USD") }),
  actualSpend: z.string().default("0.0"),
  forecastedSpend: z.string().optional(),
  startDate: simDate.prefault("-365d"),
  lastUpdatedAt: simDate.prefault("-1d"),
  notifications: z
    .array(
      z.strictObject({
        type: z.enum(["ACTUAL", "FORECASTED"]).default("ACTUAL"),
        comparisonOperator: z.enum(["GREATER_THAN", "LESS_THAN", "EQUAL_TO"]).default("GREATER_THAN"),
        threshold: z.number(),
        thresholdType: z.enum(["PERCENTAGE", "ABSOLUTE_VALUE"]).default("PERCENTAGE"),
        state: z.enum(["OK", "ALARM"]).default("OK"),
        subscribers: z
          .array(z.strictObject({ type: z.enum(["EMAIL", "SNS"]).default("EMAIL"), address: z.string() }))
          .default([]),
      }),
    )
    .default([]),
});

const certificate = z.strictObject({
  id: z.string().uuid().optional(),
  region: region.optional(),
  domainName: z.string(),
  subjectAlternativeNames: z.array(z.string()).default([]),
  status: z
    .enum(["PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"])
    .default("ISSUED"),
  type: z.enum(["IMPORTED", "AMAZON_ISSUED", "PRIVATE"]).default("AMAZON_ISSUED"),
  keyAlgorithm: z
    .enum(["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"])
    .default("RSA_2048"),
  /** Absent until the certificate is issued (PENDING_VALIDATION, FAILED, VALIDATION_TIMED_OUT have no dates). */
  notBefore: simDate.optional(),
  notAfter: simDate.optional(),
  createdAt: simDate.optional(),
  inUseBy: z.array(z.string()).default([]),
  renewalEligibility: z.enum(["ELIGIBLE", "INELIGIBLE"]).default("ELIGIBLE"),
});

const dbInstance = z.strictObject({
  identifier: z.string(),
  region: region.optional(),
  engine: z.string().default("postgres"),
  engineVersion: z.string().default("16.4"),
  instanceClass: z.string().default("db.t4g.medium"),
  status: z.string().default("available"),
  publiclyAccessible: z.boolean().default(false),
  storageEncrypted: z.boolean().default(true),
  kmsKeyId: z.string().optional(),
  multiAz: z.boolean().default(false),
  allocatedStorageGiB: z.number().int().positive().default(100),
  port: z.number().int().default(5432),
  vpcId: z.string().optional(),
  createdAt: simDate.prefault("-400d"),
  backupRetentionPeriod: z.number().int().min(0).default(7),
  tags,
});

const loadBalancer = z.strictObject({
  name: z.string(),
  region: region.optional(),
  scheme: z.enum(["internet-facing", "internal"]).default("internet-facing"),
  type: z.enum(["application", "network", "gateway"]).default("application"),
  vpcId: z.string().optional(),
  state: z.enum(["active", "provisioning", "active_impaired", "failed"]).default("active"),
  securityGroups: z.array(z.string()).default([]),
  createdAt: simDate.prefault("-300d"),
  tags,
});

const contact = z.strictObject({
  name: z.string(),
  emailAddress: z.string(),
  phoneNumber: z.string(),
  title: z.string(),
});

/** The AWS managed SCP AWS attaches to every root, OU and account of an organization with all features. */
export const FULL_AWS_ACCESS_POLICY_ID = "p-FullAWSAccess";
const attachedPolicies = z
  .array(z.string().regex(/^p-[0-9a-zA-Z_]{8,128}$/, "Policy ids look like p-xxxxxxxxxx"))
  .default([FULL_AWS_ACCESS_POLICY_ID]);

const organizationAccount = z.strictObject({
  id: accountId,
  name: z.string().min(1),
  email: z.string(),
  /** Organizations' Status (ACTIVE, SUSPENDED, PENDING_CLOSURE); State follows it. */
  status: z.enum(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"]).default("ACTIVE"),
  joinedMethod: z.enum(["INVITED", "CREATED"]).default("CREATED"),
  joined: simDate.prefault("-700d"),
  /** SCPs attached directly to the account (default: FullAWSAccess only). */
  policies: attachedPolicies,
});

export interface OrganizationalUnitInput {
  id: string;
  name: string;
  policies?: string[];
  accounts?: z.input<typeof organizationAccount>[];
  organizationalUnits?: OrganizationalUnitInput[];
}
export interface OrganizationalUnitOutput {
  id: string;
  name: string;
  policies: string[];
  accounts: z.output<typeof organizationAccount>[];
  organizationalUnits: OrganizationalUnitOutput[];
}

const organizationalUnit: z.ZodType<OrganizationalUnitOutput, OrganizationalUnitInput> = z.strictObject({
  id: z.string().regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, "OU ids look like ou-xxxx-xxxxxxxx"),
  name: z.string().min(1),
  policies: attachedPolicies,
  accounts: z.array(organizationAccount).default([]),
  get organizationalUnits() {
    return z.array(organizationalUnit).default([]);
  },
});

const serviceControlPolicy = z.strictObject({
  id: z.string().regex(/^p-[0-9a-z]{10,32}$/, "Customer SCP ids look like p- and 10 to 32 lowercase letters or digits"),
  name: z.string().min(1),
  description: z.string().default(""),
  document: policyDocument,
});

const organizationRoot = z.strictObject({
  id: z.string().regex(/^r-[0-9a-z]{4,32}$/, "Root ids look like r-xxxx"),
  name: z.string().default("Root"),
  policies: attachedPolicies,
  accounts: z.array(organizationAccount).default([]),
  organizationalUnits: z.array(organizationalUnit).default([]),
});

const organization = z.strictObject({
  id: z.string().regex(/^o-[a-z0-9]{10,32}$/, "Organization ids look like o-xxxxxxxxxx"),
  managementAccountId: accountId,
  managementAccountEmail: z.string(),
  featureSet: z.enum(["ALL", "CONSOLIDATED_BILLING"]).default("ALL"),
  /**
   * The organization's tree, given in the management account's estate only (members answer
   * AccessDeniedException to the List* operations). The management account must appear in it.
   */
  root: organizationRoot.optional(),
  /** Customer-managed SCPs (FullAWSAccess exists without being listed). */
  policies: z.array(serviceControlPolicy).default([]),
  /** Member accounts registered as delegated administrators: they may read the tree too. */
  delegatedAdministrators: z.array(accountId).default([]),
});

const securityHub = z.strictObject({
  region: region.optional(),
  subscribedAt: simDate.prefault("-200d"),
  autoEnableControls: z.boolean().default(true),
  controlFindingGenerator: z.enum(["STANDARD_CONTROL", "SECURITY_CONTROL"]).default("SECURITY_CONTROL"),
});

export const faultKinds = [
  "throttle",
  "accessDenied",
  "serverError",
  "latency",
  "connectionReset",
  "truncatedPage",
] as const;

export const faultSchema = z.strictObject({
  kind: z.enum(faultKinds),
  /** lib/aws module name (ec2, config-service, …) or IAM action prefix (config, logs, …); omit for all. */
  service: z.string().optional(),
  operation: z.string().optional(),
  region: z.string().optional(),
  /** Probability per matching request, decided by the seeded PRNG. */
  rate: probability.default(1),
  /** latency: milliseconds added; other kinds may add it too. */
  latencyMs: z.number().int().min(0).default(0),
  /** serverError: 500, 502, 503 or 504. */
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
  /** truncatedPage: "badToken" answers a page claiming more results whose token then fails; "cutBody" ends the body halfway. */
  mode: z.enum(["badToken", "cutBody"]).default("badToken"),
});

export const estateSchema = z.strictObject({
  accountId,
  alias: z.string().optional(),
  name: z.string().optional(),
  environment: z.string().optional(),
  email: z.string().optional(),
  createdAt: simDate.prefault("-1095d"),
  regions: z.array(region).min(1),
  auditRole,
  /**
   * SCPs that apply to this account (empty: none, e.g. not in an organization or the management
   * account). An explicit Deny refuses the action; when any is listed, one must allow it.
   */
  serviceControlPolicies: z.array(effectiveServiceControlPolicy).default([]),
  root: root.prefault({}),
  iam: iam.prefault({}),
  cloudtrail: z.strictObject({ trails: z.array(trail).default([]) }).prefault({}),
  logs: z.strictObject({ logGroups: z.array(logGroup).default([]) }).prefault({}),
  s3: z
    .strictObject({
      accountPublicAccessBlock: publicAccessBlock.nullable().default(null),
      buckets: z.array(bucket).default([]),
    })
    .prefault({}),
  kms: z.strictObject({ keys: z.array(kmsKey).default([]) }).prefault({}),
  ec2: ec2.prefault({}),
  config: config.prefault({}),
  inspector: inspector.prefault({}),
  guardduty: z.strictObject({ detectors: z.array(guardDutyDetector).default([]) }).prefault({}),
  backup: backup.prefault({}),
  budgets: z.array(budget).default([]),
  acm: z.strictObject({ certificates: z.array(certificate).default([]) }).prefault({}),
  rds: z.strictObject({ instances: z.array(dbInstance).default([]) }).prefault({}),
  elbv2: z.strictObject({ loadBalancers: z.array(loadBalancer).default([]) }).prefault({}),
  account: z
    .strictObject({
      alternateContacts: z
        .strictObject({ security: contact.optional(), billing: contact.optional(), operations: contact.optional() })
        .prefault({}),
    })
    .prefault({}),
  /** null = the account is not in an organization (AWSOrganizationsNotInUseException). */
  organization: organization.nullable().default(null),
  /** One entry per region where Security Hub is enabled. */
  securityHub: z.array(securityHub).default([]),
  faults: z.array(faultSchema).default([]),
});

export type Estate = z.output<typeof estateSchema>;
export type EstateInput = z.input<typeof estateSchema>;
export type FaultRule = z.output<typeof faultSchema>;
export type IamUser = Estate["iam"]["users"][number];
export type EstateOrganization = NonNullable<Estate["organization"]>;
export type OrganizationAccount = z.output<typeof organizationAccount>;
export type AccessKey = IamUser["accessKeys"][number];

/** "iam.users[3].accessKeys[0].lastRotated" from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out || "(root)";
}

export class EstateValidationError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(issues.map((issue) => `${source}: ${issue}`).join("\n"));
    this.name = "EstateValidationError";
  }
}

export function parseEstate(data: unknown, source: string): Estate {
  const result = estateSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  throw new EstateValidationError(source, issues);
}
