import { stableHex, stableIamId, stableUuid } from "./ids";
import type { Estate } from "./schema";

// Derived, pre-computed views of an estate: ids and ARNs filled in, the audit role added to IAM,
// large collections grouped by region so a page of 20,000 findings is a slice, not a scan.

type Item<T extends readonly unknown[]> = T[number];
type Regional<T> = { item: T; region: string };

export interface IndexedUser {
  user: Item<Estate["iam"]["users"]>;
  id: string;
  arn: string;
}

export interface IndexedRole {
  role: Item<Estate["iam"]["roles"]>;
  id: string;
  arn: string;
}

export interface EstateIndex {
  defaultRegion: string;
  users: IndexedUser[];
  usersByName: Map<string, IndexedUser>;
  groups: { group: Item<Estate["iam"]["groups"]>; id: string; arn: string }[];
  roles: IndexedRole[];
  policies: { policy: Item<Estate["iam"]["policies"]>; id: string; arn: string }[];
  kmsKeys: (Regional<Item<Estate["kms"]["keys"]>> & { id: string; arn: string })[];
  findingsByRegion: Map<string, (Regional<Item<Estate["inspector"]["findings"]>> & { arn: string })[]>;
  configRules: (Regional<Item<Estate["config"]["rules"]>> & { id: string; arn: string })[];
  detectors: (Regional<Item<Estate["guardduty"]["detectors"]>> & { id: string })[];
  backupPlans: (Regional<Item<Estate["backup"]["plans"]>> & {
    id: string;
    arn: string;
    versionId: string;
    selectionIds: string[];
  })[];
  backupJobs: (Regional<Item<Estate["backup"]["jobs"]>> & { id: string })[];
  restoreJobs: (Regional<Item<Estate["backup"]["restoreJobs"]>> & { id: string })[];
  certificates: (Regional<Item<Estate["acm"]["certificates"]>> & { arn: string })[];
  loadBalancers: (Regional<Item<Estate["elbv2"]["loadBalancers"]>> & { arn: string; dnsName: string })[];
}

export function auditRoleTrustPolicy(estate: Estate): Record<string, unknown> {
  const statement: Record<string, unknown> = {
    Effect: "Allow",
    Principal: { AWS: estate.auditRole.trustedPrincipals },
    Action: "sts:AssumeRole",
  };
  if (estate.auditRole.externalId)
    statement.Condition = { StringEquals: { "sts:ExternalId": estate.auditRole.externalId } };
  return { Version: "2012-10-17", Statement: [statement] };
}

function withRegion<T extends { region?: string }>(items: T[], defaultRegion: string): Regional<T>[] {
  return items.map((item) => ({ item, region: item.region ?? defaultRegion }));
}

export function buildEstateIndex(estate: Estate): EstateIndex {
  const account = estate.accountId;
  const defaultRegion = estate.regions[0];
  const iamArn = (kind: string, path: string, name: string) => `arn:aws:iam::${account}:${kind}${path}${name}`;

  const users = estate.iam.users.map((user) => ({
    user,
    id: user.id ?? stableIamId("AIDA", account, "user", user.name),
    arn: iamArn("user", user.path, user.name),
  }));
  const auditRole = {
    name: estate.auditRole.name,
    path: estate.auditRole.path,
    description: "Read-only posture audit role for Rampart",
    createdAt: estate.createdAt,
    trustPolicy: auditRoleTrustPolicy(estate),
    maxSessionDuration: estate.auditRole.maxSessionDuration,
    attachedPolicies: estate.auditRole.attachedPolicies,
    inlinePolicies: estate.auditRole.inlinePolicies,
    lastUsed: null,
    tags: estate.auditRole.tags,
  } satisfies Item<Estate["iam"]["roles"]>;
  const declaredRoles = estate.iam.roles.filter((role) => role.name !== estate.auditRole.name);

  const findingsByRegion: EstateIndex["findingsByRegion"] = new Map();
  estate.inspector.findings.forEach((finding, position) => {
    const region = finding.region ?? defaultRegion;
    const id = finding.id ?? stableHex(32, account, "finding", String(position), finding.title);
    const list = findingsByRegion.get(region) ?? [];
    list.push({ item: finding, region, arn: `arn:aws:inspector2:${region}:${account}:finding/${id}` });
    findingsByRegion.set(region, list);
  });

  return {
    defaultRegion,
    users,
    usersByName: new Map(users.map((entry) => [entry.user.name, entry])),
    groups: estate.iam.groups.map((group) => ({
      group,
      id: group.id ?? stableIamId("AGPA", account, "group", group.name),
      arn: iamArn("group", group.path, group.name),
    })),
    roles: [auditRole as Item<Estate["iam"]["roles"]>, ...declaredRoles].map((role) => ({
      role,
      id: role.id ?? stableIamId("AROA", account, "role", role.name),
      arn: iamArn("role", role.path, role.name),
    })),
    policies: estate.iam.policies.map((policy) => ({
      policy,
      id: policy.id ?? stableIamId("ANPA", account, "policy", policy.name),
      arn: iamArn("policy", policy.path, policy.name),
    })),
    kmsKeys: withRegion(estate.kms.keys, defaultRegion).map((entry, position) => {
      const id =
        entry.item.id ?? stableUuid(account, "kms", entry.region, String(position), entry.item.aliases.join(","));
      return { ...entry, id, arn: `arn:aws:kms:${entry.region}:${account}:key/${id}` };
    }),
    findingsByRegion,
    configRules: withRegion(estate.config.rules, defaultRegion).map((entry) => {
      const id = entry.item.id ?? `config-rule-${stableHex(6, account, entry.region, entry.item.name)}`;
      return { ...entry, id, arn: `arn:aws:config:${entry.region}:${account}:config-rule/${id}` };
    }),
    detectors: withRegion(estate.guardduty.detectors, defaultRegion).map((entry) => ({
      ...entry,
      id: entry.item.id ?? stableHex(32, account, "detector", entry.region),
    })),
    backupPlans: withRegion(estate.backup.plans, defaultRegion).map((entry) => {
      const id = entry.item.id ?? stableUuid(account, "backup-plan", entry.region, entry.item.name);
      return {
        ...entry,
        id,
        arn: `arn:aws:backup:${entry.region}:${account}:backup-plan:${id}`,
        versionId: entry.item.versionId ?? stableHex(32, id, "version"),
        selectionIds: entry.item.selections.map(
          (selection) => selection.id ?? stableUuid(id, "selection", selection.name),
        ),
      };
    }),
    backupJobs: withRegion(estate.backup.jobs, defaultRegion).map((entry, position) => ({
      ...entry,
      id: entry.item.id ?? stableUuid(account, "backup-job", entry.region, String(position)).toUpperCase(),
    })),
    restoreJobs: withRegion(estate.backup.restoreJobs, defaultRegion).map((entry, position) => ({
      ...entry,
      id: entry.item.id ?? stableUuid(account, "restore-job", entry.region, String(position)).toUpperCase(),
    })),
    certificates: withRegion(estate.acm.certificates, defaultRegion).map((entry) => {
      const id = entry.item.id ?? stableUuid(account, "acm", entry.region, entry.item.domainName);
      return { ...entry, arn: `arn:aws:acm:${entry.region}:${account}:certificate/${id}` };
    }),
    loadBalancers: withRegion(estate.elbv2.loadBalancers, defaultRegion).map((entry) => {
      const kind = entry.item.type === "application" ? "app" : entry.item.type === "network" ? "net" : "gwy";
      const suffix = stableHex(16, account, "elb", entry.region, entry.item.name);
      const internal = entry.item.scheme === "internal" ? "internal-" : "";
      return {
        ...entry,
        arn: `arn:aws:elasticloadbalancing:${entry.region}:${account}:loadbalancer/${kind}/${entry.item.name}/${suffix}`,
        dnsName: `${internal}${entry.item.name}-${Number.parseInt(suffix.slice(0, 8), 16)}.${entry.region}.elb.amazonaws.com`,
      };
    }),
  };
}
