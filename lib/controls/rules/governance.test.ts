import { describe, expect, it } from "vitest";
import type { ControlParams } from "../params";
import type { RampartRecords } from "../types";
import { GOVERNANCE_RULES } from "./governance";
import {
  AS_OF,
  bucket,
  budget,
  budgetNotification,
  budgetsEvidence,
  buildContext,
  dateDaysBefore,
  dbInstance,
  ec2Evidence,
  elbEvidence,
  emptyInventories,
  FakeEvidence,
  FULL_TAGS,
  GLOBAL,
  iamEvidence,
  instance,
  loadBalancer,
  organizationsEvidence,
  REGIONS,
  rdsEvidence,
  s3Evidence,
  taggingEvidence,
  volume,
} from "./testing/detection-evidence";

const [EU, US] = REGIONS;

function evaluate(
  controlId: string,
  evidence: FakeEvidence,
  options: { params?: Partial<ControlParams>; records?: Partial<RampartRecords>; evaluatedAt?: Date } = {},
) {
  return GOVERNANCE_RULES[controlId](buildContext(evidence, options));
}

describe("GOV-1 budget alert", () => {
  it("passes on a budget whose notification has a subscriber", () => {
    const evidence = new FakeEvidence().collected("budgets", GLOBAL, budgetsEvidence([budget()]));
    const outcome = evaluate("GOV-1", evidence);
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toBe("Budget monthly-cost alerts finance@acme.example at 80%.");
  });

  it("fails with no budget", () => {
    const outcome = evaluate("GOV-1", new FakeEvidence().collected("budgets", GLOBAL, budgetsEvidence([])));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("No AWS budget exists");
    expect(outcome.offenders).toEqual([{ kind: "account", id: "111122223333", detail: "no budget" }]);
  });

  it("fails naming budgets without a subscribed notification", () => {
    const evidence = new FakeEvidence().collected(
      "budgets",
      GLOBAL,
      budgetsEvidence([
        budget({ budgetName: "silent", notifications: [] }),
        budget({ budgetName: "unheard", notifications: [budgetNotification({ subscribers: [] })] }),
      ]),
    );
    const outcome = evaluate("GOV-1", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      { kind: "budget", id: "silent", detail: "no alert notification" },
      { kind: "budget", id: "unheard", detail: "alert notifications have no subscriber" },
    ]);
  });

  it("is UNKNOWN when budgets could not be read", () => {
    const outcome = evaluate("GOV-1", new FakeEvidence().failed("budgets", GLOBAL, "DescribeBudgets"));
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("budgets:DescribeBudgets in global");
  });
});

describe("GOV-2 required tags", () => {
  const untagged = { Environment: "prod" };

  it("passes when every resource carries every required key, an empty value included", () => {
    const evidence = emptyInventories(new FakeEvidence())
      .collected("ec2", EU, ec2Evidence(EU, { instances: [instance()], volumes: [volume()] }))
      .collected("rds", US, rdsEvidence(US, [dbInstance({ tags: { ...FULL_TAGS, Project: "" } })]))
      .collected("elastic-load-balancing-v2", EU, elbEvidence(EU, [loadBalancer()]))
      .collected("s3", GLOBAL, s3Evidence([bucket()]));
    const outcome = evaluate("GOV-2", evidence);
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toBe("All 5 resources carry the tags Environment, Department and Project.");
  });

  it("fails naming every resource and its missing keys, compared case-sensitively", () => {
    const evidence = emptyInventories(new FakeEvidence())
      .collected("ec2", EU, ec2Evidence(EU, { instances: [instance({ tags: untagged })], volumes: [volume()] }))
      .collected(
        "elastic-load-balancing-v2",
        US,
        elbEvidence(US, [loadBalancer({ tags: { environment: "prod", Department: "x", Project: "y" } })]),
      )
      .collected("s3", GLOBAL, s3Evidence([bucket({ name: "logs", region: "ap-south-1", tags: {} })]))
      .collected("rds", US, rdsEvidence(US, [dbInstance({ tags: { Environment: "", Department: "", Project: "" } })]));
    const outcome = evaluate("GOV-2", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      { kind: "ec2-instance", id: "i-0aaa", region: EU, detail: "missing Department, Project" },
      { kind: "load-balancer", id: "web", region: US, detail: "missing Environment" },
      { kind: "s3-bucket", id: "logs", region: "ap-south-1", detail: "missing Environment, Department, Project" },
    ]);
    expect(outcome.reason).toMatch(
      /^3 resources lack required tags \(Environment, Department and Project\): i-0aaa in eu-west-1/,
    );
  });

  it("reads the required keys from the parameter", () => {
    const evidence = emptyInventories(new FakeEvidence()).collected(
      "ec2",
      EU,
      ec2Evidence(EU, { instances: [instance({ tags: { Owner: "ops" } })] }),
    );
    expect(evaluate("GOV-2", evidence, { params: { requiredTagKeys: ["Owner"] } }).status).toBe("PASS");
    expect(evaluate("GOV-2", evidence, { params: { requiredTagKeys: ["owner"] } }).status).toBe("FAIL");
  });

  it("does not judge terminated instances or deleted volumes", () => {
    const evidence = emptyInventories(new FakeEvidence()).collected(
      "ec2",
      EU,
      ec2Evidence(EU, {
        instances: [instance({ state: "terminated", tags: {} }), instance({ instanceId: "i-live" })],
        volumes: [volume({ state: "deleted", tags: {} })],
      }),
    );
    expect(evaluate("GOV-2", evidence).status).toBe("PASS");
  });

  it("is NOT_APPLICABLE with none of the resources", () => {
    const outcome = evaluate("GOV-2", emptyInventories(new FakeEvidence()));
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("No EC2 instance, EBS volume, S3 bucket, DB instance or load balancer exists.");
  });

  it("is NOT_APPLICABLE when no tag key is required", () => {
    const evidence = emptyInventories(new FakeEvidence()).collected(
      "ec2",
      EU,
      ec2Evidence(EU, { instances: [instance({ tags: {} })] }),
    );
    expect(evaluate("GOV-2", evidence, { params: { requiredTagKeys: [] } }).status).toBe("NOT_APPLICABLE");
  });

  it("is UNKNOWN when an inventory could not be read and nothing else fails", () => {
    const evidence = emptyInventories(new FakeEvidence())
      .collected("ec2", EU, ec2Evidence(EU, { instances: [instance()] }))
      .failed("rds", US, "DescribeDBInstances");
    const outcome = evaluate("GOV-2", evidence);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("rds:DescribeDBInstances in us-east-1");
  });

  it("fails from the tagging API when the inventory could not be read but a listed resource lacks a tag", () => {
    const evidence = emptyInventories(new FakeEvidence())
      .failed("ec2", EU, "DescribeInstances")
      .failed("s3", GLOBAL, "ListBuckets")
      .collected(
        "resource-groups-tagging-api",
        EU,
        taggingEvidence(EU, [
          { resourceArn: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0bbb", tags: untagged },
          { resourceArn: "arn:aws:ec2:eu-west-1:111122223333:volume/vol-0ok", tags: FULL_TAGS },
          { resourceArn: "arn:aws:s3:::acme-logs", tags: untagged },
          { resourceArn: "arn:aws:sns:eu-west-1:111122223333:alerts", tags: {} },
        ]),
      )
      .collected(
        "resource-groups-tagging-api",
        US,
        taggingEvidence(US, [{ resourceArn: "arn:aws:ec2:us-east-1:111122223333:instance/i-0ccc", tags: {} }]),
      );
    const outcome = evaluate("GOV-2", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      {
        kind: "ec2-instance",
        id: "i-0bbb",
        region: EU,
        detail: "missing Department, Project (from the tagging API: EC2 inventory unread)",
      },
      {
        kind: "s3-bucket",
        id: "acme-logs",
        region: EU,
        detail: "missing Department, Project (from the tagging API: S3 inventory unread)",
      },
    ]);
  });

  it("stays UNKNOWN when the tagging API shows only well-tagged resources for an unread inventory", () => {
    const evidence = emptyInventories(new FakeEvidence())
      .failed("elastic-load-balancing-v2", EU, "DescribeLoadBalancers")
      .collected(
        "resource-groups-tagging-api",
        EU,
        taggingEvidence(EU, [
          {
            resourceArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188",
            tags: FULL_TAGS,
          },
        ]),
      );
    expect(evaluate("GOV-2", evidence).status).toBe("UNKNOWN");
  });
});

describe("GOV-3 AWS Organizations", () => {
  it("passes a member of an organization with all features, saying SCPs were not checked", () => {
    const outcome = evaluate("GOV-3", new FakeEvidence().collected("organizations", GLOBAL, organizationsEvidence()));
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain("o-abc123");
    expect(outcome.reason).toContain("SCPs were not checked because the management account is not connected");
  });

  it("is NOT_APPLICABLE for the management account", () => {
    const evidence = new FakeEvidence().collected(
      "organizations",
      GLOBAL,
      organizationsEvidence({ isManagementAccount: true, managementAccountId: "111122223333" }),
    );
    const outcome = evaluate("GOV-3", evidence);
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("SCPs never apply to it");
  });

  it("fails an account in no organization", () => {
    const evidence = new FakeEvidence().collected(
      "organizations",
      GLOBAL,
      organizationsEvidence({
        inOrganization: false,
        organizationId: null,
        organizationArn: null,
        featureSet: null,
        managementAccountId: null,
      }),
    );
    const outcome = evaluate("GOV-3", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([{ kind: "account", id: "111122223333", detail: "not in an AWS Organization" }]);
  });

  it("fails an organization with consolidated billing only", () => {
    const evidence = new FakeEvidence().collected(
      "organizations",
      GLOBAL,
      organizationsEvidence({ featureSet: "CONSOLIDATED_BILLING" }),
    );
    const outcome = evaluate("GOV-3", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("feature set CONSOLIDATED_BILLING");
  });

  it("is UNKNOWN when DescribeOrganization failed", () => {
    const outcome = evaluate("GOV-3", new FakeEvidence().failed("organizations", GLOBAL, "DescribeOrganization"));
    expect(outcome.status).toBe("UNKNOWN");
  });
  describe("with the management account connected (its tree and the SCPs along the account's OU path)", () => {
    const member = "111122223333";
    const tree = (attachments: Record<string, string[]>, accountIds = [member]) =>
      organizationsEvidence({
        isManagementAccount: true,
        structure: {
          rootId: "r-ab12",
          organizationalUnits: [
            { id: "ou-ab12-workload1", name: "Workloads", parentId: "r-ab12" },
            { id: "ou-ab12-producti1", name: "Production", parentId: "ou-ab12-workload1" },
          ],
          accounts: accountIds.map((accountId) => ({
            accountId,
            name: "prod",
            email: null,
            status: "ACTIVE",
            joinedMethod: "INVITED",
            joinedAt: null,
            parentId: "ou-ab12-producti1",
          })),
          attachments,
          policies: [
            { id: "p-FullAWSAccess", name: "FullAWSAccess", awsManaged: true, content: null },
            { id: "p-guardrails01", name: "guardrails", awsManaged: false, content: "{}" },
          ],
        },
      });
    const full = ["p-FullAWSAccess"];
    const view = (data: ReturnType<typeof tree> | "failed" | "missing") => {
      const evidence = new FakeEvidence();
      if (data === "failed")
        evidence.failed("organizations", GLOBAL, "ListPoliciesForTarget", "TooManyRequestsException");
      else if (data !== "missing") evidence.collected("organizations", GLOBAL, data);
      return { collectedBy: "999988887777", slot: evidence.get("organizations", GLOBAL) };
    };
    const memberEvidence = () => new FakeEvidence().collected("organizations", GLOBAL, organizationsEvidence());

    it.each([
      [
        "an SCP on a parent OU",
        { "r-ab12": full, "ou-ab12-workload1": [...full, "p-guardrails01"], "ou-ab12-producti1": full, [member]: full },
        "PASS",
      ],
      [
        "an SCP on the root",
        { "r-ab12": [...full, "p-guardrails01"], "ou-ab12-workload1": full, "ou-ab12-producti1": full, [member]: full },
        "PASS",
      ],
      [
        "an SCP on the account itself",
        { "r-ab12": full, "ou-ab12-workload1": full, "ou-ab12-producti1": full, [member]: ["p-guardrails01"] },
        "PASS",
      ],
      [
        "FullAWSAccess only",
        { "r-ab12": full, "ou-ab12-workload1": full, "ou-ab12-producti1": full, [member]: full },
        "FAIL",
      ],
      ["no SCP at all (not enabled)", {}, "FAIL"],
    ])("%s → %s", (_case, attachments, status) => {
      const outcome = GOVERNANCE_RULES["GOV-3"](
        buildContext(memberEvidence(), { organization: view(tree(attachments)) }),
      );
      expect(outcome.status).toBe(status);
    });

    it("names the path and the guardrail when it passes", () => {
      const attachments = { "r-ab12": full, "ou-ab12-workload1": [...full, "p-guardrails01"], [member]: full };
      const outcome = GOVERNANCE_RULES["GOV-3"](
        buildContext(memberEvidence(), { organization: view(tree(attachments)) }),
      );
      expect(outcome.reason).toBe(
        "The account is a member of organization o-abc123 with all features enabled; along Root / Workloads / Production it is governed by guardrails (on Workloads).",
      );
    });

    it("names the path and the account when only FullAWSAccess applies", () => {
      const outcome = GOVERNANCE_RULES["GOV-3"](
        buildContext(memberEvidence(), { organization: view(tree({ "r-ab12": full, [member]: full })) }),
      );
      expect(outcome.reason).toContain(
        "No SCP other than FullAWSAccess applies to this account along Root / Workloads / Production",
      );
      expect(outcome.offenders).toEqual([
        { kind: "account", id: member, detail: "OU path Root / Workloads / Production carries only FullAWSAccess" },
      ]);
    });

    it("is UNKNOWN when the management account's tree could not be read in its latest sync", () => {
      const outcome = GOVERNANCE_RULES["GOV-3"](buildContext(memberEvidence(), { organization: view("failed") }));
      expect(outcome.status).toBe("UNKNOWN");
      expect(outcome.reason).toContain("could not be read from account 999988887777");
      expect(outcome.reason).toContain("TooManyRequestsException");
    });

    it("is UNKNOWN when the tree does not list the account (it joined since)", () => {
      const outcome = GOVERNANCE_RULES["GOV-3"](
        buildContext(memberEvidence(), { organization: view(tree({}, ["444455556666"])) }),
      );
      expect(outcome.status).toBe("UNKNOWN");
      expect(outcome.reason).toContain("did not list this account");
    });

    it("still fails an account outside any organization, whatever the tree says", () => {
      const evidence = new FakeEvidence().collected(
        "organizations",
        GLOBAL,
        organizationsEvidence({ inOrganization: false, organizationId: null, featureSet: null }),
      );
      const outcome = GOVERNANCE_RULES["GOV-3"](buildContext(evidence, { organization: view(tree({})) }));
      expect(outcome.status).toBe("FAIL");
    });

    it("is UNKNOWN (no data) when the member's own DescribeOrganization was never collected", () => {
      const outcome = GOVERNANCE_RULES["GOV-3"](buildContext(new FakeEvidence(), { organization: view(tree({})) }));
      expect(outcome.status).toBe("UNKNOWN");
    });
  });
});

describe("GOV-4 account alias", () => {
  const pattern = "acme-(prod|dev|staging)";
  const withAlias = (...aliases: string[]) => new FakeEvidence().collected("iam", GLOBAL, iamEvidence(aliases));

  it("is NOT_APPLICABLE without a pattern, even when IAM could not be read", () => {
    const outcome = evaluate("GOV-4", new FakeEvidence().failed("iam", GLOBAL, "ListAccountAliases"));
    expect(outcome.status).toBe("NOT_APPLICABLE");
  });

  it.each([
    ["acme-prod", "PASS"],
    ["acme-staging", "PASS"],
    ["acme-prod-old", "FAIL"],
    ["old-acme-prod", "FAIL"],
    ["ACME-prod", "FAIL"],
  ])("alias %s → %s (the whole alias must match)", (alias, status) => {
    expect(evaluate("GOV-4", withAlias(alias), { params: { accountAliasPattern: pattern } }).status).toBe(status);
  });

  it("names the alias that does not match", () => {
    const outcome = evaluate("GOV-4", withAlias("prod-account"), { params: { accountAliasPattern: pattern } });
    expect(outcome.reason).toBe(
      "The account alias prod-account does not match the naming pattern /acme-(prod|dev|staging)/: rename it.",
    );
    expect(outcome.offenders).toEqual([
      { kind: "account-alias", id: "prod-account", detail: "does not match /acme-(prod|dev|staging)/" },
    ]);
  });

  it("fails an account without an alias", () => {
    const outcome = evaluate("GOV-4", withAlias(), { params: { accountAliasPattern: pattern } });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([{ kind: "account", id: "111122223333", detail: "no account alias" }]);
  });

  it("fails, naming the parameter, when the pattern is not a valid regular expression", () => {
    const outcome = evaluate("GOV-4", withAlias("acme-prod"), { params: { accountAliasPattern: "acme-(" } });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([expect.objectContaining({ kind: "parameter", id: "accountAliasPattern" })]);
  });

  it("is UNKNOWN when the aliases could not be read", () => {
    const evidence = new FakeEvidence().failed("iam", GLOBAL, "ListAccountAliases");
    expect(evaluate("GOV-4", evidence, { params: { accountAliasPattern: pattern } }).status).toBe("UNKNOWN");
  });
});

describe("GOV-5 alert review", () => {
  const evidence = new FakeEvidence();
  const overdueAlert = {
    id: "alert-7",
    title: "Root user signed in",
    severity: "CRITICAL" as const,
    dueAt: dateDaysBefore(2),
  };

  it("passes with a recent review and nothing overdue", () => {
    const outcome = evaluate("GOV-5", evidence, { records: { lastAlertReviewAt: dateDaysBefore(30) } });
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain("within the 92-day cadence");
  });

  it.each([
    [91.99, "PASS"],
    [92, "FAIL"],
  ])("a review %f days before the evaluation → %s", (days, status) => {
    expect(evaluate("GOV-5", evidence, { records: { lastAlertReviewAt: dateDaysBefore(days) } }).status).toBe(status);
  });

  it("measures from the evaluation time and reads the cadence parameter", () => {
    const later = new Date(AS_OF.getTime() + 100 * 24 * 60 * 60 * 1000);
    const records = { lastAlertReviewAt: AS_OF };
    expect(evaluate("GOV-5", evidence, { records, evaluatedAt: later }).status).toBe("FAIL");
    expect(
      evaluate("GOV-5", evidence, { records, evaluatedAt: later, params: { alertReviewCadenceDays: 183 } }).status,
    ).toBe("PASS");
  });

  it("fails when no review was ever recorded", () => {
    const outcome = evaluate("GOV-5", evidence);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toBe("No alert review has been recorded.");
  });

  it("fails naming every open critical or high alert past its SLA", () => {
    const outcome = evaluate("GOV-5", evidence, {
      records: {
        lastAlertReviewAt: dateDaysBefore(10),
        openCriticalOrHighAlertsPastSla: [
          overdueAlert,
          { id: "alert-9", title: "GuardDuty finding", severity: "HIGH", dueAt: dateDaysBefore(1) },
        ],
      },
    });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toBe(
      '2 open critical or high alerts are past the SLA: "Root user signed in" (CRITICAL, due 2025-02-27) and "GuardDuty finding" (HIGH, due 2025-02-28).',
    );
    expect(outcome.offenders.map((offender) => offender.id)).toEqual(["alert-7", "alert-9"]);
  });

  it("names both a stale review and an overdue alert", () => {
    const outcome = evaluate("GOV-5", evidence, {
      records: { lastAlertReviewAt: dateDaysBefore(120), openCriticalOrHighAlertsPastSla: [overdueAlert] },
    });
    expect(outcome.reason).toMatch(
      /^The last alert review was on 2024-11-01, 120 days ago \(cadence 92 days\); and 1 open/,
    );
    expect(outcome.offenders.map((offender) => offender.kind)).toEqual(["alert-review", "alert"]);
  });
});
