import { isoDay } from "../../dates";
import {
  type Ec2Evidence,
  type ElasticLoadBalancingV2Evidence,
  type EvidenceOf,
  FULL_AWS_ACCESS_POLICY_ID,
  formatOrganizationPath,
  GLOBAL_SCOPE_LABEL,
  organizationPathOf,
  policiesAlongPath,
  type RdsEvidence,
  type S3Evidence,
} from "../../evidence/contract";
import { failedCallsFor, gapOfCalls } from "../evidence-needs";
import {
  ageInDays,
  combineOutcomes,
  fail,
  isWithinDays,
  listForReason,
  missingEvidence,
  notApplicable,
  pass,
  unknown,
} from "../outcome";
import type { AccountContext, ControlOutcome, ControlRule, Offender } from "../types";

// Governance and cost (controls.md §9; SOP 003 §1.2, §4, §6, §10, 004 §1).

function accountOffender(context: AccountContext, detail: string): Offender {
  return { kind: "account", id: context.account.accountNumber, detail };
}

// ---------- GOV-1: budget alert ----------

const BUDGET_ALERT_CALLS = ["DescribeNotificationsForBudget", "DescribeSubscribersForNotification"];

const evaluateBudgetAlert: ControlRule = (context) => {
  const slot = context.evidence.get("budgets", GLOBAL_SCOPE_LABEL);
  const gap = missingEvidence(slot, "budgets", GLOBAL_SCOPE_LABEL);
  if (gap || slot.state !== "COLLECTED") return gap!;
  const { budgets } = slot.data;
  for (const budget of budgets) {
    const notification = budget.notifications.find((candidate) => candidate.subscribers.length > 0);
    if (!notification) continue;
    const threshold =
      notification.threshold === null
        ? "its threshold"
        : `${notification.threshold}${notification.thresholdType === "ABSOLUTE_VALUE" ? ` ${budget.limitUnit ?? ""}`.trimEnd() : "%"}`;
    return pass(
      `Budget ${budget.budgetName} alerts ${listForReason(notification.subscribers.map((subscriber) => subscriber.address))} at ${threshold}.`,
    );
  }
  // No budget is known to alert anyone: when some budget's notifications or subscribers could not be
  // read, that is not known either way (a known pass above beats the gap; the gap beats a FAIL here).
  const unread = failedCallsFor(slot.failedCalls, BUDGET_ALERT_CALLS);
  if (unread.length > 0) return unknown(gapOfCalls(unread));
  if (budgets.length === 0) {
    return fail("No AWS budget exists: create one with an alert threshold and at least one subscriber.", [
      accountOffender(context, "no budget"),
    ]);
  }
  const offenders: Offender[] = budgets.map((budget) => ({
    kind: "budget",
    id: budget.budgetName,
    detail: budget.notifications.length === 0 ? "no alert notification" : "alert notifications have no subscriber",
  }));
  return fail(
    `No budget has an alert with a subscriber: ${listForReason(offenders.map((offender) => `${offender.id} (${offender.detail})`))}.`,
    offenders,
  );
};

// ---------- GOV-2: required tags ----------

interface TaggableResource {
  kind: string;
  id: string;
  region: string;
  tags: Record<string, string>;
  /** Set when read from the tagging API because the service's own inventory could not be read. */
  source?: string;
}

type InventoryCollector = "ec2" | "rds" | "elastic-load-balancing-v2" | "s3";

const INVENTORY_LABELS: Record<InventoryCollector, string> = {
  ec2: "EC2",
  rds: "RDS",
  "elastic-load-balancing-v2": "ELBv2",
  s3: "S3",
};

/** Resources of GOV-2's kinds as the tagging API names them (ARN formats, Service Authorization Reference). */
const TAGGING_API_ARNS: { collector: InventoryCollector; kind: string; pattern: RegExp }[] = [
  { collector: "ec2", kind: "ec2-instance", pattern: /^arn:[^:]+:ec2:[^:]*:[^:]*:instance\/(.+)$/ },
  { collector: "ec2", kind: "ebs-volume", pattern: /^arn:[^:]+:ec2:[^:]*:[^:]*:volume\/(.+)$/ },
  { collector: "rds", kind: "db-instance", pattern: /^arn:[^:]+:rds:[^:]*:[^:]*:db:(.+)$/ },
  {
    collector: "elastic-load-balancing-v2",
    kind: "load-balancer",
    pattern: /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:loadbalancer\/(?:app|net|gwy)\/([^/]+)\/[^/]+$/,
  },
  { collector: "s3", kind: "s3-bucket", pattern: /^arn:[^:]+:s3:::([^/]+)$/ },
];

/**
 * When a service's inventory could not be read, the tagging API still lists its resources that carry (or once
 * carried) tags: enough to prove a missing tag (a known failure beats a gap), never enough to pass, since
 * never-tagged resources are absent from it.
 */
function fromTaggingApi(
  context: AccountContext,
  collector: InventoryCollector,
  regions: readonly string[],
): TaggableResource[] {
  const patterns = TAGGING_API_ARNS.filter((entry) => entry.collector === collector);
  return regions.flatMap((region) => {
    const slot = context.evidence.get("resource-groups-tagging-api", region);
    if (slot.state !== "COLLECTED") return [];
    return slot.data.resources.flatMap((resource) =>
      patterns.flatMap(({ kind, pattern }) => {
        const match = pattern.exec(resource.resourceArn);
        return match
          ? [
              {
                kind,
                id: match[1],
                region,
                tags: resource.tags,
                source: `${INVENTORY_LABELS[collector]} inventory unread`,
              },
            ]
          : [];
      }),
    );
  });
}

// Resources on their way out can no longer be tagged (CreateTags rejects terminated instances).
const GONE_INSTANCE_STATES = new Set(["terminated", "shutting-down"]);
const GONE_VOLUME_STATES = new Set(["deleting", "deleted"]);
const GONE_DB_STATES = new Set(["deleting"]);

function ec2Resources(ec2: Ec2Evidence, region: string): TaggableResource[] {
  return [
    ...ec2.instances
      .filter((instance) => !GONE_INSTANCE_STATES.has(instance.state ?? ""))
      .map((instance) => ({ kind: "ec2-instance", id: instance.instanceId, region, tags: instance.tags })),
    ...ec2.volumes
      .filter((volume) => !GONE_VOLUME_STATES.has(volume.state ?? ""))
      .map((volume) => ({ kind: "ebs-volume", id: volume.volumeId, region, tags: volume.tags })),
  ];
}

function rdsResources(rds: RdsEvidence, region: string): TaggableResource[] {
  return rds.dbInstances
    .filter((instance) => !GONE_DB_STATES.has(instance.status ?? ""))
    .map((instance) => ({ kind: "db-instance", id: instance.dbInstanceIdentifier, region, tags: instance.tags }));
}

function loadBalancerResources(elb: ElasticLoadBalancingV2Evidence, region: string): TaggableResource[] {
  return elb.loadBalancers.map((loadBalancer) => ({
    kind: "load-balancer",
    id: loadBalancer.loadBalancerName,
    region,
    tags: loadBalancer.tags,
  }));
}

/** S3 is one global inventory; each bucket carries its own region. */
function bucketResources(s3: S3Evidence): TaggableResource[] {
  return s3.buckets.map((bucket) => ({ kind: "s3-bucket", id: bucket.name, region: bucket.region, tags: bucket.tags }));
}

const evaluateRequiredTags: ControlRule = (context) => {
  const required = context.params.requiredTagKeys;
  if (required.length === 0) return notApplicable("No required tag keys are configured for this customer.");
  const resources: TaggableResource[] = [];
  const fallbackResources: TaggableResource[] = [];
  const outcomes: ControlOutcome[] = [];
  const read = <K extends InventoryCollector>(
    collector: K,
    region: string,
    fallbackRegions: readonly string[],
    take: (data: EvidenceOf<K>) => TaggableResource[],
  ) => {
    const slot = context.evidence.get(collector, region);
    const gap = missingEvidence(slot, collector, region);
    if (gap) {
      outcomes.push(gap);
      fallbackResources.push(...fromTaggingApi(context, collector, fallbackRegions));
    } else if (slot.state === "COLLECTED") {
      resources.push(...take(slot.data));
    }
  };
  for (const region of context.account.regions) {
    read("ec2", region, [region], (data) => ec2Resources(data, region));
    read("rds", region, [region], (data) => rdsResources(data, region));
    read("elastic-load-balancing-v2", region, [region], (data) => loadBalancerResources(data, region));
  }
  read("s3", GLOBAL_SCOPE_LABEL, context.account.regions, bucketResources);

  // Tag keys are case-sensitive in AWS, and an empty value is still a tag (controls.md GOV-2).
  const offenders: Offender[] = [...resources, ...fallbackResources].flatMap((resource) => {
    const missing = required.filter((key) => !Object.hasOwn(resource.tags, key));
    if (missing.length === 0) return [];
    return [
      {
        kind: resource.kind,
        id: resource.id,
        region: resource.region,
        detail: `missing ${missing.join(", ")}${resource.source ? ` (from the tagging API: ${resource.source})` : ""}`,
      },
    ];
  });
  const keys = listForReason(required, required.length);
  if (offenders.length > 0) {
    outcomes.push(
      fail(
        `${offenders.length} resource${offenders.length === 1 ? " lacks" : "s lack"} required tags (${keys}): ${listForReason(
          offenders.map((offender) => `${offender.id} in ${offender.region} (${offender.detail})`),
        )}.`,
        offenders,
      ),
    );
  } else if (resources.length > 0) {
    outcomes.push(
      pass(`All ${resources.length} resource${resources.length === 1 ? " carries" : "s carry"} the tags ${keys}.`),
    );
  } else {
    outcomes.push(notApplicable("No EC2 instance, EBS volume, S3 bucket, DB instance or load balancer exists."));
  }
  return combineOutcomes(outcomes, "No region is configured for this account.");
};

// ---------- GOV-3: AWS Organizations ----------

const ORGANIZATION_TREE_CALLS = [
  "ListRoots",
  "ListOrganizationalUnitsForParent",
  "ListChildren",
  "ListAccounts",
  "ListPoliciesForTarget",
  "ListPolicies",
  "DescribePolicy",
];

const evaluateOrganizationMembership: ControlRule = (context) => {
  const slot = context.evidence.get("organizations", GLOBAL_SCOPE_LABEL);
  const gap = missingEvidence(slot, "organizations", GLOBAL_SCOPE_LABEL);
  if (gap || slot.state !== "COLLECTED") return gap!;
  const organization = slot.data;
  if (organization.isManagementAccount) {
    return notApplicable(
      `This is the management account of organization ${organization.organizationId ?? "(unknown id)"}; SCPs never apply to it.`,
    );
  }
  if (!organization.inOrganization) {
    return fail("The account is not a member of an AWS Organization: invite it into the customer's organization.", [
      accountOffender(context, "not in an AWS Organization"),
    ]);
  }
  const name = organization.organizationId ?? "the organization";
  if (organization.featureSet?.toUpperCase() !== "ALL") {
    return fail(
      `Organization ${name} has ${organization.featureSet === null ? "no reported feature set" : `feature set ${organization.featureSet}`}: enable all features so that SCPs can apply.`,
      [accountOffender(context, `organization ${name} feature set ${organization.featureSet ?? "not reported"}`)],
    );
  }
  const view = context.organization;
  if (!view) {
    return pass(
      `The account is a member of organization ${name} with all features enabled; SCPs were not checked because the management account is not connected to Rampart.`,
    );
  }
  // controls.md GOV-3: with the management account connected, the account's OU path must carry an SCP
  // other than FullAWSAccess (which allows everything, so it restricts nothing).
  const treeGap = missingEvidence(view.slot, "organizations", GLOBAL_SCOPE_LABEL);
  if (treeGap || view.slot.state !== "COLLECTED") {
    return {
      ...treeGap!,
      reason: `The organization's SCPs could not be read from account ${view.collectedBy}: ${treeGap!.reason}`,
    };
  }
  // Per-call evidence: a tree read in part (some of its calls failed) cannot show the SCPs along a path.
  const treeCalls = failedCallsFor(view.slot.failedCalls, ORGANIZATION_TREE_CALLS);
  if (treeCalls.length > 0) {
    const outcome = unknown(gapOfCalls(treeCalls));
    return {
      ...outcome,
      reason: `The organization's SCPs could not be read from account ${view.collectedBy}: ${outcome.reason}`,
    };
  }
  const structure = view.slot.data.structure;
  const path = structure ? organizationPathOf(structure, context.account.accountNumber) : null;
  if (!structure || !path) {
    return {
      status: "UNKNOWN",
      reason: `Account ${view.collectedBy} did not list this account in organization ${name} when it was last collected; sync it to check the SCPs.`,
      offenders: [],
    };
  }
  const where = formatOrganizationPath(path);
  const restricting = policiesAlongPath(structure, context.account.accountNumber).filter(
    (policy) => policy.policyId !== FULL_AWS_ACCESS_POLICY_ID,
  );
  if (restricting.length === 0) {
    return fail(
      `No SCP other than FullAWSAccess applies to this account along ${where} in organization ${name}: attach a guardrail SCP to its OU or to the account.`,
      [accountOffender(context, `OU path ${where} carries only FullAWSAccess`)],
    );
  }
  const names = [...new Set(restricting.map((policy) => `${policy.policyName} (on ${policy.targetName})`))];
  return pass(
    `The account is a member of organization ${name} with all features enabled; along ${where} it is governed by ${listForReason(names, 4)}.`,
  );
};

// ---------- GOV-4: account alias ----------

const evaluateAccountAlias: ControlRule = (context) => {
  const pattern = context.params.accountAliasPattern;
  if (pattern === null) return notApplicable("No account alias naming pattern is set for this customer.");
  let convention: RegExp;
  try {
    // A naming convention describes the whole alias, so the pattern must match all of it.
    convention = new RegExp(`^(?:${pattern})$`);
  } catch {
    return fail(`The account alias pattern /${pattern}/ is not a valid regular expression: an admin must correct it.`, [
      { kind: "parameter", id: "accountAliasPattern", detail: `invalid regular expression /${pattern}/` },
    ]);
  }
  const slot = context.evidence.get("iam", GLOBAL_SCOPE_LABEL);
  const gap = missingEvidence(slot, "iam", GLOBAL_SCOPE_LABEL);
  if (gap || slot.state !== "COLLECTED") return gap!;
  const aliases = slot.data.accountAliases;
  if (aliases.length === 0) {
    return fail(`The account has no alias: set one that matches /${pattern}/.`, [
      accountOffender(context, "no account alias"),
    ]);
  }
  const mismatched = aliases.filter((alias) => !convention.test(alias));
  if (mismatched.length > 0) {
    return fail(
      `The account alias ${listForReason(mismatched)} does not match the naming pattern /${pattern}/: rename it.`,
      mismatched.map((alias) => ({ kind: "account-alias", id: alias, detail: `does not match /${pattern}/` })),
    );
  }
  return pass(`The account alias ${listForReason(aliases)} matches the naming pattern /${pattern}/.`);
};

// ---------- GOV-5: alert review ----------

const evaluateAlertReview: ControlRule = (context) => {
  const cadenceDays = context.params.alertReviewCadenceDays;
  const { lastAlertReviewAt, openCriticalOrHighAlertsPastSla: overdue } = context.records;
  const phrases: string[] = [];
  const offenders: Offender[] = [];
  if (!lastAlertReviewAt) {
    phrases.push("no alert review has been recorded");
    offenders.push({ kind: "alert-review", id: "alert review", detail: "never recorded" });
  } else if (!isWithinDays(lastAlertReviewAt, context.evaluatedAt, cadenceDays)) {
    const age = ageInDays(lastAlertReviewAt, context.evaluatedAt);
    phrases.push(
      `the last alert review was on ${isoDay(lastAlertReviewAt)}, ${age} days ago (cadence ${cadenceDays} days)`,
    );
    offenders.push({
      kind: "alert-review",
      id: "alert review",
      detail: `last recorded ${isoDay(lastAlertReviewAt)}, ${age} days ago`,
    });
  }
  if (overdue.length > 0) {
    const describeAlert = (alert: (typeof overdue)[number]) =>
      `"${alert.title}" (${alert.severity}, due ${isoDay(alert.dueAt)})`;
    phrases.push(
      `${overdue.length} open critical or high alert${overdue.length === 1 ? " is" : "s are"} past the SLA: ${listForReason(overdue.map(describeAlert))}`,
    );
    for (const alert of overdue) {
      offenders.push({
        kind: "alert",
        id: alert.id,
        detail: `${alert.severity} "${alert.title}" past its SLA since ${isoDay(alert.dueAt)}`,
      });
    }
  }
  if (offenders.length > 0) {
    const sentence = phrases.join("; and ");
    return fail(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`, offenders);
  }
  return pass(
    `The last alert review was on ${isoDay(lastAlertReviewAt!)}, within the ${cadenceDays}-day cadence, and no open critical or high alert is past its SLA.`,
  );
};

export const GOVERNANCE_RULES: Record<string, ControlRule> = {
  "GOV-1": evaluateBudgetAlert,
  "GOV-2": evaluateRequiredTags,
  "GOV-3": evaluateOrganizationMembership,
  "GOV-4": evaluateAccountAlias,
  "GOV-5": evaluateAlertReview,
};
