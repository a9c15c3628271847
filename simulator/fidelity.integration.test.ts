import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READ_ONLY_OPERATIONS } from "../lib/aws/read-only-operations";
import type { SimulatorHandle } from "./server";
import { baseCredentials, startTestSimulator } from "./test-support";

// Fidelity: the official AWS CLI (botocore's own parsers, independent of our SDK) must run every
// operation in READ_ONLY_OPERATIONS against the simulator, exit 0 and print parseable JSON.

const run = promisify(execFile);
const ACCOUNT = "314159265358";
const MANAGEMENT = "314159265300";
const EXTERNAL_ID = "bluefin-7c1e2a9d4b";
const REGION = "us-east-1";

const CLI_SERVICE_NAMES: Record<string, string> = {
  "cloudwatch-logs": "logs",
  s3: "s3api",
  "s3-control": "s3control",
  "config-service": "configservice",
  "elastic-load-balancing-v2": "elbv2",
  "resource-groups-tagging-api": "resourcegroupstaggingapi",
};

/** botocore's xform_name: ListVirtualMFADevices → list-virtual-mfa-devices. */
function cliOperationName(operation: string): string {
  return operation
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/([a-z\d])([A-Z])/g, "$1-$2")
    .toLowerCase();
}

async function cliAvailable(): Promise<boolean> {
  try {
    await run("aws", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

const available = await cliAvailable();
if (!available)
  console.warn("Skipping the CLI fidelity test: `aws --version` failed, so the AWS CLI is not installed.");

describe.skipIf(!available)("AWS CLI fidelity for every read-only operation", () => {
  let simulator: SimulatorHandle;
  let sessionEnvironment: Record<string, string>;
  /** The organization's management account: only it (or a delegated administrator) may list the tree. */
  let managementEnvironment: Record<string, string>;
  let baseEnvironment: Record<string, string>;
  let argumentsFor: Record<string, string[]>;

  function environment(credentials: Record<string, string>): Record<string, string> {
    return {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      AWS_ENDPOINT_URL: simulator.url,
      AWS_DEFAULT_REGION: REGION,
      AWS_MAX_ATTEMPTS: "1",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
      ...credentials,
    };
  }

  async function aws(args: string[], env: Record<string, string>) {
    return run("aws", [...args, "--output", "json"], {
      env: env as NodeJS.ProcessEnv,
      timeout: 30_000,
      encoding: "utf8",
    });
  }

  beforeAll(async () => {
    simulator = await startTestSimulator({
      estates: ["simulator/estates/demo/bluefin-prod.yaml", "simulator/estates/demo/bluefin-management.yaml"],
    });
    const base = baseCredentials(simulator);
    baseEnvironment = environment({ AWS_ACCESS_KEY_ID: base.accessKeyId, AWS_SECRET_ACCESS_KEY: base.secretAccessKey });
    const assumed = await aws(
      [
        "sts",
        "assume-role",
        "--role-arn",
        `arn:aws:iam::${ACCOUNT}:role/RampartAudit`,
        "--role-session-name",
        "fidelity",
        "--external-id",
        EXTERNAL_ID,
      ],
      baseEnvironment,
    );
    const credentials = JSON.parse(assumed.stdout).Credentials;
    sessionEnvironment = environment({
      AWS_ACCESS_KEY_ID: credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: credentials.SessionToken,
    });
    const management = await aws(
      [
        "sts",
        "assume-role",
        "--role-arn",
        `arn:aws:iam::${MANAGEMENT}:role/RampartAudit`,
        "--role-session-name",
        "fidelity-management",
        "--external-id",
        EXTERNAL_ID,
      ],
      baseEnvironment,
    );
    const managementCredentials = JSON.parse(management.stdout).Credentials;
    managementEnvironment = environment({
      AWS_ACCESS_KEY_ID: managementCredentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: managementCredentials.SecretAccessKey,
      AWS_SESSION_TOKEN: managementCredentials.SessionToken,
    });
    // The report must exist before GetCredentialReport: STARTED, then COMPLETE on the next call.
    await aws(["iam", "generate-credential-report"], sessionEnvironment);
    await aws(["iam", "generate-credential-report"], sessionEnvironment);

    const index = simulator.estate(ACCOUNT)?.index;
    if (!index) throw new Error("bluefin-prod estate missing");
    const plan = index.backupPlans[0].id;
    const bucket = ["--bucket", "bluefin-prod-assets"];
    argumentsFor = {
      "sts.AssumeRole": [
        "--role-arn",
        `arn:aws:iam::${ACCOUNT}:role/RampartAudit`,
        "--role-session-name",
        "fidelity-2",
        "--external-id",
        EXTERNAL_ID,
      ],
      "iam.ListEntitiesForPolicy": ["--policy-arn", "arn:aws:iam::aws:policy/AWSSupportAccess"],
      "account.GetAlternateContact": ["--alternate-contact-type", "SECURITY"],
      "budgets.DescribeBudgets": ["--account-id", ACCOUNT],
      "budgets.DescribeNotificationsForBudget": ["--account-id", ACCOUNT, "--budget-name", "bluefin-prod-monthly"],
      "budgets.DescribeSubscribersForNotification": [
        "--account-id",
        ACCOUNT,
        "--budget-name",
        "bluefin-prod-monthly",
        "--notification",
        "NotificationType=ACTUAL,ComparisonOperator=GREATER_THAN,Threshold=80,ThresholdType=PERCENTAGE",
      ],
      "cloudtrail.GetTrailStatus": ["--name", `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/bluefin-management`],
      "cloudtrail.GetEventSelectors": ["--trail-name", "bluefin-management"],
      "s3.GetBucketLocation": bucket,
      "s3.GetBucketVersioning": bucket,
      "s3.GetBucketPolicyStatus": bucket,
      "s3.GetPublicAccessBlock": bucket,
      "s3.GetBucketLogging": bucket,
      "s3.GetBucketTagging": bucket,
      "s3.GetBucketEncryption": bucket,
      "s3-control.GetPublicAccessBlock": ["--account-id", ACCOUNT],
      "kms.DescribeKey": ["--key-id", "alias/bluefin-prod-data"],
      "kms.GetKeyRotationStatus": ["--key-id", "0f1e2d3c-4b5a-4697-8877-665544332211"],
      "config-service.GetComplianceDetailsByConfigRule": ["--config-rule-name", "restricted-ssh"],
      "guardduty.GetDetector": [
        "--detector-id",
        index.detectors.find((detector) => detector.region === REGION)?.id ?? "",
      ],
      "backup.GetBackupPlan": ["--backup-plan-id", plan],
      "backup.ListBackupSelections": ["--backup-plan-id", plan],
      "acm.DescribeCertificate": ["--certificate-arn", index.certificates[0].arn],
      "elastic-load-balancing-v2.DescribeTags": ["--resource-arns", index.loadBalancers[0].arn],
      "organizations.ListOrganizationalUnitsForParent": ["--parent-id", "r-b7c1"],
      "organizations.ListParents": ["--child-id", ACCOUNT],
      "organizations.ListChildren": ["--parent-id", "ou-b7c1-production", "--child-type", "ACCOUNT"],
      "organizations.ListPolicies": ["--filter", "SERVICE_CONTROL_POLICY"],
      "organizations.ListPoliciesForTarget": ["--target-id", "ou-b7c1-workloads", "--filter", "SERVICE_CONTROL_POLICY"],
      "organizations.DescribePolicy": ["--policy-id", "p-bluefinguard1"],
    };
  });

  afterAll(async () => {
    await simulator?.close();
  });

  it("answers every operation through the AWS CLI", async () => {
    const limit = pLimit(2);
    const operations = Object.entries(READ_ONLY_OPERATIONS).flatMap(([service, names]) =>
      names.map((name) => ({ service, name })),
    );
    const failures: string[] = [];
    await Promise.all(
      operations.map(({ service, name }) =>
        limit(async () => {
          const label = `${service}.${name}`;
          const cliService = CLI_SERVICE_NAMES[service] ?? service;
          // S3 Control prefixes the account id to the endpoint host ({AccountId}.127.0.0.1), which
          // cannot resolve; sending it through the simulator as an HTTP proxy delivers it unchanged.
          let env =
            service === "s3-control"
              ? { ...sessionEnvironment, HTTP_PROXY: simulator.url, http_proxy: simulator.url }
              : sessionEnvironment;
          // AssumeRole from an assumed-role session is role chaining, which the audit role's trust does not allow.
          if (service === "sts") env = baseEnvironment;
          if (service === "organizations" && name !== "DescribeOrganization") env = managementEnvironment;
          // awscli 1.x's rds customization (update_endpoint_url) ignores AWS_ENDPOINT_URL; it needs --endpoint-url.
          const endpointFlag = service === "rds" ? ["--endpoint-url", simulator.url] : [];
          try {
            const result = await aws(
              [cliService, cliOperationName(name), ...(argumentsFor[label] ?? []), ...endpointFlag],
              env,
            );
            const output = result.stdout.trim();
            if (output !== "") JSON.parse(output);
          } catch (error) {
            const failure = error as { stderr?: string; message: string };
            failures.push(`${label}: ${(failure.stderr ?? failure.message).trim().split("\n").slice(-2).join(" ")}`);
          }
        }),
      ),
    );
    expect(failures, failures.join("\n")).toEqual([]);
    const served = new Set(
      simulator
        .requests()
        .filter((entry) => entry.status === 200)
        .map((entry) => `${entry.service}.${entry.operation}`),
    );
    const unserved = operations.map(({ service, name }) => `${service}.${name}`).filter((label) => !served.has(label));
    expect(unserved, `operations that never answered 200: ${unserved.join(", ")}`).toEqual([]);
    // One CLI process per operation (about 70, each a second or more of Python start-up on a busy machine).
  }, 180_000);
});
