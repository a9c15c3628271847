import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { db } from "@/lib/db/client";
import { iamActionName } from "@/lib/onboarding/iam-actions";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { inlinePolicyActions } from "./audit-role-policy";

// The generated template grants exactly what the collectors call: the customer's CloudFormation
// template, written by `npm run onboarding:template`, is deployed into the simulator (role, trust with
// the ExternalId, SecurityAudit + inline policy, evaluated as IAM does); a real sync with the real
// collectors through the SDK meets no AccessDenied; without one inline action, exactly that action is denied.

const ACCOUNT = "420000000011";
let simulator: SimulatorHandle;
let outDirectory: string;
let accountId: string;
let slug: string;
let templateText: string;

function runTemplateCli(args: string[]) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/onboarding-template.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, RAMPART_PRINCIPAL_ARN: simulator.baseIdentity.arn, LOG_LEVEL: "silent" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function sync() {
  simulator.clearRequests();
  const { runId } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
  const outcome = await syncAccount(db(), runId, defaultSyncDependencies());
  const requests = simulator.requests({ accountId: ACCOUNT });
  // A member account may not read its organization's tree: AWS answers the Organizations List* calls with
  // AccessDeniedException whatever the role's policies say, and the collector takes that as "not the
  // management account" (lib/aws/organizations.ts). Those are not permission gaps of the template.
  const organizationTreeRefusals = (request: (typeof requests)[number]) =>
    request.service === "organizations" && request.operation !== "DescribeOrganization";
  return {
    outcome,
    requests,
    denied: requests.filter(
      (request) => request.errorCode?.startsWith("AccessDenied") && !organizationTreeRefusals(request),
    ),
  };
}

beforeAll(async () => {
  // The account's resources come from the full estate; its audit role will come from the template.
  simulator = await startSimulatorForAws([
    fullEstate(ACCOUNT, { auditRole: { name: "Placeholder", trustedPrincipals: ["*"] } }),
  ]);
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "1";
  const customer = await createCustomer(db(), { name: "Template Deploy Ltd" });
  slug = customer.slug;
  accountId = (
    await createAwsAccount(db(), customer.id, {
      accountNumber: ACCOUNT,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/RampartAudit`,
      regions: ["us-east-1", "eu-west-1"],
    })
  ).id;
  outDirectory = mkdtempSync(path.join(tmpdir(), "rampart-onboarding-"));
  const { status, output } = runTemplateCli(["--customer", slug, "--format", "cloudformation", "--out", outDirectory]);
  expect(output).toContain("aws cloudformation deploy");
  expect(status).toBe(0);
  templateText = readFileSync(path.join(outDirectory, `rampart-audit-role-${slug}.yaml`), "utf8");
  expect(templateText).toContain(customer.externalId);
});

afterAll(async () => {
  await simulator?.close();
  rmSync(outDirectory, { recursive: true, force: true });
});

describe("a generated template deployed into the simulator", () => {
  it("creates the role with its trust, ExternalId and policies, and a real sync meets no AccessDenied", async () => {
    // Through the admin endpoint, as a deployment from outside the test process would.
    const response = await fetch(`${simulator.url}/_sim/stacks/${ACCOUNT}?RoleName=RampartAudit`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: templateText,
    });
    expect(await response.json()).toMatchObject({ roleArn: `arn:aws:iam::${ACCOUNT}:role/RampartAudit` });
    expect(response.status).toBe(201);
    const role = simulator.estate(ACCOUNT)?.estate.auditRole;
    if (!role) throw new Error("no estate");
    expect(role.name).toBe("RampartAudit");
    expect(role.trustedPrincipals).toEqual([simulator.baseIdentity.arn]);
    expect(role.evaluatePolicies).toBe(true);
    expect(role.attachedPolicies).toEqual(["arn:aws:iam::aws:policy/SecurityAudit"]);

    const { outcome, requests, denied } = await sync();
    expect(denied).toEqual([]);
    expect(outcome.errors).toEqual([]);
    expect(outcome.status).toBe("SUCCEEDED");
    // The sync did call the actions only the inline policy grants (so the test exercises it).
    const called = new Set(requests.map((request) => iamActionName(request.service, request.operation)));
    for (const action of inlinePolicyActions()) expect(called, action).toContain(action);
  });

  it("refuses the role when the ExternalId in the template is not the customer's", async () => {
    simulator.deployTemplate(templateText.replace(/sts:ExternalId: .*/, "sts:ExternalId: someone-elses-id"), {
      accountId: ACCOUNT,
    });
    const { outcome } = await sync();
    expect(outcome.status).toBe("FAILED");
    expect(outcome.errors[0]?.code).toBe("AccessDenied");
    expect(outcome.errors[0]?.message).toContain("sts:AssumeRole");
  });

  it("without one inline action, exactly that action answers AccessDenied, with AWS's message", async () => {
    const removed = "backup:ListBackupJobs";
    const template = YAML.parse(templateText);
    const statement = template.Resources.AuditRole.Properties.Policies[0].PolicyDocument.Statement[0];
    statement.Action = statement.Action.filter((action: string) => action !== removed);
    simulator.deployTemplate(YAML.stringify(template), { accountId: ACCOUNT });

    const { outcome, denied } = await sync();
    expect(denied.length).toBeGreaterThan(0);
    expect(new Set(denied.map((request) => iamActionName(request.service, request.operation)))).toEqual(
      new Set([removed]),
    );
    expect(outcome.status).toBe("PARTIAL");
    expect(outcome.errors.length).toBeGreaterThan(0);
    for (const error of outcome.errors) {
      expect(error.service).toBe("backup");
      expect(error.code).toBe("AccessDeniedException");
      expect(error.message).toMatch(
        new RegExp(
          `— User: arn:aws:sts::${ACCOUNT}:assumed-role/RampartAudit/[^ ]+ is not authorized to perform: ${removed} because no identity-based policy allows the ${removed} action$`,
        ),
      );
    }
  });

  it("an SCP's explicit deny answers AccessDenied saying so", async () => {
    simulator.deployTemplate(templateText, { accountId: ACCOUNT });
    simulator.patchEstate(ACCOUNT, {
      serviceControlPolicies: [
        { name: "FullAWSAccess", document: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
        { name: "NoBudgets", document: { Statement: [{ Effect: "Deny", Action: "budgets:*", Resource: "*" }] } },
      ],
    });
    const { outcome, denied } = await sync();
    expect(new Set(denied.map((request) => request.service))).toEqual(new Set(["budgets"]));
    expect(outcome.errors.map((error) => error.service)).toEqual(["budgets"]);
    expect(outcome.errors[0]?.message).toContain(
      "is not authorized to perform: budgets:ViewBudget with an explicit deny in a service control policy",
    );
  });
});
