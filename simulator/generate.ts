import { createRandom } from "./core/random";
import type { EstateInput } from "./estate/schema";

// Large, deterministic estates for load and paging tests: by default 1,000 IAM users, 20,000
// Inspector findings and 5,000 Config evaluations. The same seed always yields the same document.
//   tsx simulator/generate-cli.ts --out /tmp/large.json [--users 1000] [--findings 20000] [--evaluations 5000] [--seed 7]

export interface GenerateOptions {
  accountId?: string;
  seed?: number;
  users?: number;
  findings?: number;
  configEvaluations?: number;
  regions?: string[];
  externalId?: string;
  trustedPrincipal?: string;
}

const SEVERITIES = ["CRITICAL", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "MEDIUM", "LOW", "LOW", "INFORMATIONAL"] as const;
const PACKAGES = ["openssl", "glibc", "curl", "zlib", "expat", "libxml2", "openssh", "sudo", "python3", "nodejs"];
const RULES = [
  ["restricted-ssh", "INCOMING_SSH_DISABLED", "AWS::EC2::SecurityGroup"],
  ["encrypted-volumes", "ENCRYPTED_VOLUMES", "AWS::EC2::Volume"],
  ["s3-bucket-versioning", "S3_BUCKET_VERSIONING_ENABLED", "AWS::S3::Bucket"],
  ["required-tags", "REQUIRED_TAGS", "AWS::EC2::Instance"],
  ["iam-user-mfa-enabled", "IAM_USER_MFA_ENABLED", "AWS::IAM::User"],
] as const;

export function generateEstate(options: GenerateOptions = {}): EstateInput {
  const random = createRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const days = (minimum: number, maximum: number) => `-${Math.floor(minimum + random() * (maximum - minimum))}d`;
  const accountId = options.accountId ?? "555500001111";
  const regions = options.regions ?? ["us-east-1", "eu-west-1"];
  const userCount = options.users ?? 1000;
  const findingCount = options.findings ?? 20000;
  const evaluationCount = options.configEvaluations ?? 5000;

  const users = Array.from({ length: userCount }, (_, position) => {
    const hasPassword = random() < 0.6;
    const keyCount = random() < 0.7 ? (random() < 0.15 ? 2 : 1) : 0;
    return {
      name: `user-${String(position).padStart(5, "0")}`,
      createdAt: days(30, 1500),
      password: hasPassword ? { lastUsed: random() < 0.9 ? days(0, 200) : null, lastChanged: days(0, 400) } : null,
      mfa: hasPassword && random() < 0.8 ? ("virtual" as const) : ("none" as const),
      groups: [`team-${position % 20}`],
      accessKeys: Array.from({ length: keyCount }, () => ({
        active: random() < 0.9,
        lastRotated: days(1, 800),
        lastUsed:
          random() < 0.85
            ? { date: days(0, 120), region: pick(regions), service: pick(["s3", "ec2", "sts", "dynamodb"]) }
            : null,
      })),
    };
  });

  const findings = Array.from({ length: findingCount }, (_, position) => {
    const packageName = pick(PACKAGES);
    const year = 2019 + Math.floor(random() * 7);
    const vulnerabilityId = `CVE-${year}-${String(1000 + Math.floor(random() * 50000))}`;
    const status =
      random() < 0.85 ? ("ACTIVE" as const) : random() < 0.5 ? ("SUPPRESSED" as const) : ("CLOSED" as const);
    return {
      id: `${accountId}${String(position).padStart(20, "0")}`,
      region: regions[position % regions.length],
      title: `${vulnerabilityId} - ${packageName}`,
      severity: pick(SEVERITIES),
      status,
      firstObservedAt: days(1, 365),
      lastObservedAt: days(0, 1),
      inspectorScore: Math.round(random() * 100) / 10,
      vulnerabilityId,
      packageName,
      packageVersion: `${1 + Math.floor(random() * 3)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`,
      resource: { id: `i-${(position % 500).toString(16).padStart(17, "0")}`, tags: { Environment: "prod" } },
    };
  });

  const rules = RULES.flatMap(([name, sourceIdentifier]) =>
    regions.map((region) => ({ name, region, sourceIdentifier, evaluations: [] as unknown[] })),
  );
  for (let position = 0; position < evaluationCount; position++) {
    const rule = rules[position % rules.length];
    const resourceType = RULES.find(([name]) => name === rule.name)?.[2] ?? "AWS::EC2::Instance";
    rule.evaluations.push({
      resourceType,
      resourceId: `resource-${String(position).padStart(6, "0")}`,
      complianceType: random() < 0.8 ? "COMPLIANT" : "NON_COMPLIANT",
      recordedAt: days(0, 7),
    });
  }

  return {
    accountId,
    alias: `generated-${accountId}`,
    name: `Generated estate (seed ${options.seed ?? 1})`,
    environment: "load-test",
    regions,
    auditRole: {
      name: "RampartAudit",
      trustedPrincipals: [options.trustedPrincipal ?? "arn:aws:iam::999999999999:user/rampart-collector"],
      externalId: options.externalId ?? "generated-external-id",
    },
    iam: {
      users,
      groups: Array.from({ length: 20 }, (_, position) => ({
        name: `team-${position}`,
        attachedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      })),
    },
    config: { recorders: regions.map((region) => ({ region })), rules },
    inspector: { accountStatus: regions.map((region) => ({ region })), findings },
  } as unknown as EstateInput;
}
