import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import {
  INLINE_POLICY_NAME,
  inlinePolicyActions,
  isGrantedBySecurityAudit,
  SECURITY_AUDIT_POLICY_ARN,
  securityAuditPolicy,
} from "./audit-role-policy";
import { collectorIamActions, type PolicyDocument, policyEffectFor } from "./iam-actions";
import { type AuditRoleTemplateInput, cloudShellCommand, stackSetTemplate, templateFiles } from "./templates";
import specAdditions from "./testing/cfn-lint-spec-additions.json";

const require = createRequire(import.meta.url);
// npm's cfn-lint still calls util.isUndefined, which Node 23 removed: give it back before loading it
// (without it every property check under Node 24 reports "util.isUndefined is not a function").
const nodeUtil = require("node:util") as { isUndefined?: (value: unknown) => boolean };
nodeUtil.isUndefined ??= (value) => value === undefined;
// The npm cfn-lint (offline) with its 2019 resource specification extended by the two resource types
// this code uses that are newer than it (testing/cfn-lint-spec-additions.json says where they come from).
const cfnLint = require("cfn-lint") as {
  validateFile: (file: string, options?: object) => { templateValid: boolean; errors: Record<string, unknown[]> };
};
(require("cfn-lint/lib/resourcesSpec") as { extendSpecification: (spec: object) => void }).extendSpecification(
  specAdditions,
);

const input: AuditRoleTemplateInput = {
  customerName: "Bluefin Ltd",
  customerSlug: "bluefin",
  externalId: "rampart-Ab3dEf9hIjKlMnOpQrStUv",
  principalArn: "arn:aws:iam::999999999999:role/rampart-collector",
};

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "rampart-templates-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(directory, name.replaceAll("/", "__"));
  writeFileSync(file, content);
  return file;
}

function lint(file: string) {
  const result = cfnLint.validateFile(file, { guessParameters: ["OrganizationalUnitIds"] });
  return { valid: result.templateValid, crit: result.errors.crit, warn: result.errors.warn };
}

/** The template's inline policy as deployed: the Action list of every inline policy statement. */
function inlineActionsOf(template: Record<string, unknown>): string[] {
  const role = (template.Resources as Record<string, { Properties: Record<string, unknown> }>).AuditRole;
  const policies = (role.Properties.Policies ?? []) as { PolicyDocument: PolicyDocument }[];
  return policies.flatMap((policy) =>
    [policy.PolicyDocument.Statement].flat().flatMap((statement) => [statement.Action ?? []].flat()),
  );
}

/** Collector actions granted neither by SecurityAudit nor by the given inline actions. */
function ungrantedCollectorActions(inline: readonly string[]): string[] {
  const inlinePolicy: PolicyDocument = { Statement: [{ Effect: "Allow", Action: [...inline], Resource: "*" }] };
  return collectorIamActions()
    .map((entry) => entry.action)
    .filter((action) => !isGrantedBySecurityAudit(action) && policyEffectFor(inlinePolicy, action) !== "Allow");
}

describe("audit-role permissions", () => {
  const cloudFormation = YAML.parse(templateFiles(input, "cloudformation")[0].content) as Record<string, unknown>;

  it("grants every collector action through SecurityAudit or the generated inline policy", () => {
    expect(ungrantedCollectorActions(inlineActionsOf(cloudFormation))).toEqual([]);
  });

  it("notices a collector action that neither policy grants", () => {
    const withoutOne = inlineActionsOf(cloudFormation).filter((action) => action !== "backup:ListBackupPlans");
    expect(ungrantedCollectorActions(withoutOne)).toEqual(["backup:ListBackupPlans"]);
  });

  it("puts nothing in the inline policy that SecurityAudit already grants", () => {
    const inline = inlineActionsOf(cloudFormation);
    expect(inline.length).toBeGreaterThan(0);
    expect(inline.filter(isGrantedBySecurityAudit)).toEqual([]);
    expect(inline).toEqual(inlinePolicyActions());
  });

  it("matches SecurityAudit's wildcards as IAM does (case-insensitive, * and ?)", () => {
    expect(isGrantedBySecurityAudit("iam:GetAccountSummary")).toBe(true); // iam:Get*
    expect(isGrantedBySecurityAudit("EC2:describeregions")).toBe(true); // ec2:Describe*
    expect(isGrantedBySecurityAudit("s3:GetBucketPublicAccessBlock")).toBe(true); // s3:GetBucket*
    expect(isGrantedBySecurityAudit("backup:ListBackupPlans")).toBe(false);
    expect(isGrantedBySecurityAudit("budgets:ViewBudget")).toBe(false);
    expect(isGrantedBySecurityAudit("iam:CreateUser")).toBe(false);
  });

  it("keeps the AWS document with its statements and no write action", () => {
    const statements = [securityAuditPolicy.Statement].flat();
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((statement) => statement.Effect === "Allow")).toBe(true);
    for (const action of ["iam:CreateRole", "s3:PutObject", "ec2:RunInstances", "kms:Decrypt"]) {
      expect(isGrantedBySecurityAudit(action), action).toBe(false);
    }
  });
});

describe("CloudFormation templates", () => {
  it("single account: role, trust with the ExternalId, SecurityAudit, inline policy, tags, output", () => {
    const [file] = templateFiles(input, "cloudformation");
    expect(file.name).toBe("rampart-audit-role-bluefin.yaml");
    const result = lint(write(file.name, file.content));
    expect(result.crit).toEqual([]);
    expect(result.valid).toBe(true);
    const template = YAML.parse(file.content);
    expect(template.Parameters.RoleName.Default).toBe("RampartAudit");
    const role = template.Resources.AuditRole;
    expect(role.Type).toBe("AWS::IAM::Role");
    expect(role.Properties.RoleName).toEqual({ Ref: "RoleName" });
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    expect(role.Properties.ManagedPolicyArns).toEqual([SECURITY_AUDIT_POLICY_ARN]);
    expect(role.Properties.Policies[0].PolicyName).toBe(INLINE_POLICY_NAME);
    expect(role.Properties.Tags).toContainEqual({ Key: "ManagedBy", Value: "Rampart" });
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { AWS: input.principalArn },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": input.externalId } },
      },
    ]);
    expect(template.Outputs.RoleArn.Value).toEqual({ "Fn::GetAtt": ["AuditRole", "Arn"] });
  });

  it("fails cfn-lint when the template is broken (the lint is not a no-op)", () => {
    const [file] = templateFiles(input, "cloudformation");
    const broken = file.content.replace("MaxSessionDuration:", "MaxSessionDurationSeconds:");
    expect(lint(write("broken.yaml", broken)).valid).toBe(false);
  });

  it("StackSet: service-managed, auto-deployed to the OUs, with the member template embedded", () => {
    const content = stackSetTemplate(input);
    const result = lint(write("stackset.yaml", content));
    expect(result.crit).toEqual([]);
    expect(result.valid).toBe(true);
    const template = YAML.parse(content);
    const stackSet = template.Resources.AuditRoleStackSet;
    expect(stackSet.Type).toBe("AWS::CloudFormation::StackSet");
    expect(stackSet.Properties.PermissionModel).toBe("SERVICE_MANAGED");
    expect(stackSet.Properties.AutoDeployment.Enabled).toBe(true);
    expect(stackSet.Properties.Capabilities).toEqual(["CAPABILITY_NAMED_IAM"]);
    expect(stackSet.Properties.StackInstancesGroup[0].DeploymentTargets.OrganizationalUnitIds).toEqual({
      Ref: "OrganizationalUnitIds",
    });
    expect(stackSet.Properties.TemplateBody).toBe(templateFiles(input, "cloudformation")[0].content);
    expect(lint(write("member.yaml", stackSet.Properties.TemplateBody)).valid).toBe(true);
  });

  it("CloudShell command deploys the single-account template with named-IAM capability", () => {
    const command = cloudShellCommand(input);
    expect(command).toContain("aws cloudformation deploy");
    expect(command).toContain("--template-file rampart-audit-role-bluefin.yaml");
    expect(command).toContain("--capabilities CAPABILITY_NAMED_IAM");
    expect(command).toContain("--parameter-overrides RoleName=RampartAudit");
    expect(command).not.toContain(input.externalId);
  });
});

/** hcl2json renders an expression as an interpolation string: "${expression}". */
const interpolation = (expression: string) => `$\{${expression}}`;

describe("Terraform module", () => {
  const files = templateFiles(input, "terraform");

  it("has main.tf, variables.tf and outputs.tf, and passes terraform fmt -check", () => {
    expect(files.map((file) => file.name)).toEqual([
      "rampart-audit-role-bluefin-terraform/main.tf",
      "rampart-audit-role-bluefin-terraform/variables.tf",
      "rampart-audit-role-bluefin-terraform/outputs.tf",
    ]);
    const module = mkdtempSync(path.join(directory, "module-"));
    for (const file of files) writeFileSync(path.join(module, path.basename(file.name)), file.content);
    // Terraform 1.11 is in the machine image; providers cannot be downloaded here, so no validate.
    expect(() => execFileSync("terraform", ["fmt", "-check", "-diff", module], { stdio: "pipe" })).not.toThrow();
    writeFileSync(path.join(module, "main.tf"), files[0].content.replace("name                 =", "name ="));
    expect(() => execFileSync("terraform", ["fmt", "-check", module], { stdio: "pipe" })).toThrow();
  });

  it("parses as HCL with the variables, output and policies Rampart needs", async () => {
    const [main, variables, outputs] = await Promise.all(
      // biome-ignore lint/suspicious/noExplicitAny: hcl2json returns untyped JSON; the assertions check its shape
      files.map((file) => parseHcl(path.basename(file.name), file.content) as Promise<Record<string, any>>),
    );
    expect(Object.keys(variables.variable).sort()).toEqual(["external_id", "principal_arn", "role_name"]);
    expect(variables.variable.external_id[0].sensitive).toBe(true);
    expect(variables.variable.external_id[0].default).toBe(input.externalId);
    expect(variables.variable.role_name[0].default).toBe("RampartAudit");
    expect(outputs.output.role_arn[0].value).toBe(interpolation("aws_iam_role.audit.arn"));
    expect(main.resource.aws_iam_role_policy_attachment.security_audit[0].policy_arn).toBe(SECURITY_AUDIT_POLICY_ARN);
    const role = main.resource.aws_iam_role.audit[0];
    expect(role.name).toBe(interpolation("var.role_name"));
    expect(role.assume_role_policy).toContain("var.external_id");
    expect(role.assume_role_policy).toContain("var.principal_arn");
    const inline = main.resource.aws_iam_role_policy.collector_gaps[0].policy as string;
    for (const action of inlinePolicyActions()) expect(inline).toContain(`"${action}"`);
  });
});
