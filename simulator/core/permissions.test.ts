import { describe, expect, it } from "vitest";
import { auditRoleFromTemplate } from "../estate/deploy-template";
import { parseEstate } from "../estate/schema";
import { accessDeniedText, evaluateAuditRolePermission } from "./permissions";

const ACCOUNT = "123456789012";
const allowAll = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

function estate(auditRole: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return parseEstate(
    {
      accountId: ACCOUNT,
      regions: ["eu-west-1"],
      auditRole: { name: "RampartAudit", trustedPrincipals: ["*"], ...auditRole },
      ...extra,
    },
    "test",
  );
}

describe("evaluateAuditRolePermission", () => {
  it("keeps hand-written estates as they were: everything but deniedActions", () => {
    const legacy = estate({ deniedActions: ["backup:*"] });
    expect(evaluateAuditRolePermission(legacy, "backup:ListBackupPlans")).toEqual({
      allowed: false,
      reason: "implicit",
    });
    expect(evaluateAuditRolePermission(legacy, "budgets:ViewBudget")).toEqual({ allowed: true });
  });

  it("with evaluatePolicies, allows what SecurityAudit or an inline policy allows, and nothing else", () => {
    const role = estate({
      evaluatePolicies: true,
      inlinePolicies: [
        { name: "gaps", document: { Statement: [{ Effect: "Allow", Action: ["budgets:ViewBudget"], Resource: "*" }] } },
      ],
    });
    expect(evaluateAuditRolePermission(role, "iam:GetAccountSummary")).toEqual({ allowed: true });
    expect(evaluateAuditRolePermission(role, "budgets:ViewBudget")).toEqual({ allowed: true });
    expect(evaluateAuditRolePermission(role, "backup:ListBackupPlans")).toEqual({ allowed: false, reason: "implicit" });
    expect(
      evaluateAuditRolePermission(estate({ evaluatePolicies: true, attachedPolicies: [] }), "iam:GetAccountSummary"),
    ).toEqual({ allowed: false, reason: "implicit" });
  });

  it("resolves customer-managed policies from the estate's iam.policies", () => {
    const role = estate(
      { evaluatePolicies: true, attachedPolicies: [`arn:aws:iam::${ACCOUNT}:policy/Backups`] },
      {
        iam: {
          policies: [
            { name: "Backups", document: JSON.stringify({ Statement: { Effect: "Allow", Action: "backup:List*" } }) },
          ],
        },
      },
    );
    expect(evaluateAuditRolePermission(role, "backup:ListBackupJobs")).toEqual({ allowed: true });
    expect(evaluateAuditRolePermission(role, "iam:GetAccountSummary").allowed).toBe(false);
  });

  it("an explicit Deny wins: in an SCP first, then in an identity-based policy", () => {
    const denyBackup = { Statement: [{ Effect: "Deny", Action: "backup:*", Resource: "*" }] };
    const withScp = estate(
      { inlinePolicies: [{ name: "deny", document: denyBackup }] },
      {
        serviceControlPolicies: [
          { name: "FullAWSAccess", document: allowAll },
          { name: "NoBackup", document: denyBackup },
        ],
      },
    );
    expect(evaluateAuditRolePermission(withScp, "backup:ListBackupPlans")).toEqual({
      allowed: false,
      reason: "scpExplicitDeny",
    });
    const identityOnly = estate({ inlinePolicies: [{ name: "deny", document: denyBackup }] });
    expect(evaluateAuditRolePermission(identityOnly, "backup:ListBackupPlans")).toEqual({
      allowed: false,
      reason: "identityExplicitDeny",
    });
    expect(evaluateAuditRolePermission(identityOnly, "kms:ListKeys")).toEqual({ allowed: true });
  });

  it("SCPs that allow only some services deny the rest implicitly", () => {
    const onlyIam = estate(
      {},
      { serviceControlPolicies: [{ name: "OnlyIam", document: { Statement: { Effect: "Allow", Action: "iam:*" } } }] },
    );
    expect(evaluateAuditRolePermission(onlyIam, "iam:GetAccountSummary")).toEqual({ allowed: true });
    expect(evaluateAuditRolePermission(onlyIam, "ec2:DescribeRegions")).toEqual({
      allowed: false,
      reason: "scpImplicit",
    });
  });
});

describe("accessDeniedText", () => {
  const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/RampartAudit/rampart`;
  it.each([
    ["implicit", "because no identity-based policy allows the backup:ListBackupPlans action"],
    ["scpExplicitDeny", "with an explicit deny in a service control policy"],
    ["identityExplicitDeny", "with an explicit deny in an identity-based policy"],
    ["scpImplicit", "because no service control policy allows the backup:ListBackupPlans action"],
  ] as const)("%s", (reason, tail) => {
    expect(accessDeniedText(arn, "backup:ListBackupPlans", reason)).toBe(
      `User: ${arn} is not authorized to perform: backup:ListBackupPlans ${tail}`,
    );
  });
});

describe("auditRoleFromTemplate", () => {
  const template = `
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  RoleName: { Type: String, Default: RampartAudit }
Resources:
  AuditRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref RoleName
      MaxSessionDuration: 7200
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::999999999999:role/rampart" }
            Action: sts:AssumeRole
            Condition: { StringEquals: { "sts:ExternalId": "ext-123" } }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/SecurityAudit]
      Policies:
        - PolicyName: Gaps
          PolicyDocument: { Statement: [{ Effect: Allow, Action: [budgets:ViewBudget], Resource: "*" }] }
      Tags: [{ Key: ManagedBy, Value: Rampart }]
`;

  it("reads the role, its trust, policies and tags (short-form intrinsics resolved)", () => {
    const role = auditRoleFromTemplate(template, { accountId: ACCOUNT, parameters: { RoleName: "Audit2" } });
    expect(role).toMatchObject({
      name: "Audit2",
      trustedPrincipals: ["arn:aws:iam::999999999999:role/rampart"],
      externalId: "ext-123",
      maxSessionDuration: 7200,
      attachedPolicies: ["arn:aws:iam::aws:policy/SecurityAudit"],
      evaluatePolicies: true,
      tags: { ManagedBy: "Rampart" },
    });
    expect(role.inlinePolicies?.[0]?.name).toBe("Gaps");
  });

  it("refuses what it cannot deploy, saying why", () => {
    expect(() => auditRoleFromTemplate("Resources: {}", { accountId: ACCOUNT })).toThrow(/exactly one AWS::IAM::Role/);
    expect(() => auditRoleFromTemplate(template, { accountId: ACCOUNT, parameters: { Nope: "x" } })).toThrow(
      /Parameter Nope is not declared/,
    );
    expect(() => auditRoleFromTemplate("{", { accountId: ACCOUNT })).toThrow(/not valid YAML/);
  });
});
