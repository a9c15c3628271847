import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { GenerateCredentialReportCommand, IAMClient } from "@aws-sdk/client-iam";
import { type AwsClientPackage, READ_ONLY_OPERATIONS } from "../../lib/aws/read-only-operations";
import { BOTOCORE_SERVICE_NAMES } from "../models/service-names";
import type { SimulatorHandle } from "../server";
import { assumeAuditRole, baseCredentials, clientOptions, type TemporaryCredentials } from "../test-support";

// The AWS CLI as an independent client of the simulator: botocore's own serializers and parsers,
// not our SDK's. Commands run through the CLI's driver inside one Python process per worker
// (aws-cli-driver.py), because a fresh `aws` process costs several seconds on a busy machine.

const DRIVER = path.join(import.meta.dirname, "aws-cli-driver.py");
const VALIDATOR = path.join(import.meta.dirname, "validate-output.py");
const ACCOUNT = "314159265358";
const MANAGEMENT = "314159265300";
const EXTERNAL_ID = "bluefin-7c1e2a9d4b";
export const CLI_REGION = "us-east-1";

/** The estates the operation cases need: Bluefin's production account and its organization's management account. */
export const CLI_ESTATES = [
  "simulator/estates/demo/bluefin-prod.yaml",
  "simulator/estates/demo/bluefin-management.yaml",
];

const CLI_SERVICE_NAMES: Record<string, string> = {
  "cloudwatch-logs": "logs",
  s3: "s3api",
  "s3-control": "s3control",
  "config-service": "configservice",
  "elastic-load-balancing-v2": "elbv2",
  "resource-groups-tagging-api": "resourcegroupstaggingapi",
};

export interface CliCommand {
  id: string;
  env: Record<string, string>;
  args: string[];
}

export interface CliResult {
  id: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The code in the CLI's "An error occurred (<code>) when calling …" line. */
  errorCode: string | null;
}

/** One read-only operation as an AWS CLI command against the simulator. */
export interface OperationCase {
  service: AwsClientPackage;
  operation: string;
  env: Record<string, string>;
  args: string[];
}

/** botocore's xform_name: ListVirtualMFADevices → list-virtual-mfa-devices. */
export function cliOperationName(operation: string): string {
  return operation
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/([a-z\d])([A-Z])/g, "$1-$2")
    .toLowerCase();
}

export async function isAwsCliAvailable(): Promise<boolean> {
  try {
    await promisify(execFile)("python3", ["-c", "import awscli.clidriver"]);
    return true;
  } catch {
    return false;
  }
}

/** One aws-cli-driver.py process, kept running between batches (its CLI drivers stay warm). */
class CliWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = "";
  private readonly waiting = new Map<string, (result: CliResult) => void>();

  constructor() {
    this.child = spawn("python3", [DRIVER], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.setEncoding("utf8");
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => process.stderr.write(chunk));
    this.child.stdout.on("data", (chunk: string) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf("\n");
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (line.trim() !== "") {
          const result = JSON.parse(line) as CliResult;
          this.waiting.get(result.id)?.(result);
          this.waiting.delete(result.id);
        }
        newline = this.buffer.indexOf("\n");
      }
    });
    this.child.on("close", (code) => {
      for (const [id, resolve] of this.waiting) {
        resolve({ id, exitCode: -1, stdout: "", stderr: `aws-cli-driver.py exited with ${code}`, errorCode: null });
      }
      this.waiting.clear();
    });
  }

  run(command: CliCommand): Promise<CliResult> {
    return new Promise((resolve) => {
      this.waiting.set(command.id, resolve);
      this.child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("close", () => resolve());
      this.child.stdin.end();
    });
  }
}

/**
 * A few CLI worker processes (the machine is small: two by default). Commands of one environment go
 * to the same worker, in order, so each worker builds few CLI sessions.
 */
export class CliPool {
  private readonly workers: CliWorker[];
  private readonly assignment = new Map<string, CliWorker>();
  private readonly load = new Map<CliWorker, number>();

  constructor(size = 2) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new CliWorker());
    for (const worker of this.workers) this.load.set(worker, 0);
  }

  private workerFor(command: CliCommand, share: number): CliWorker {
    const key = JSON.stringify(command.env);
    let worker = this.assignment.get(key);
    if (!worker || (this.load.get(worker) ?? 0) >= share) {
      worker = this.workers.reduce((best, candidate) =>
        (this.load.get(candidate) ?? 0) < (this.load.get(best) ?? 0) ? candidate : best,
      );
      this.assignment.set(key, worker);
    }
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    return worker;
  }

  async run(commands: CliCommand[]): Promise<Map<string, CliResult>> {
    for (const worker of this.workers) this.load.set(worker, 0);
    const share = Math.ceil(commands.length / this.workers.length);
    const results = await Promise.all(commands.map((command) => this.workerFor(command, share).run(command)));
    return new Map(results.map((result) => [result.id, result]));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}

function cliEnvironment(simulator: SimulatorHandle, credentials: Record<string, string>): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: simulator.url,
    AWS_DEFAULT_REGION: CLI_REGION,
    AWS_MAX_ATTEMPTS: "1",
    AWS_RETRY_MODE: "standard",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    ...credentials,
  };
}

function sessionVariables(credentials: TemporaryCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
  };
}

/**
 * Every operation of READ_ONLY_OPERATIONS as a CLI command with the arguments and identity it needs
 * against CLI_ESTATES (organizations' tree from the management account, STS from the base identity).
 */
export async function buildOperationCases(simulator: SimulatorHandle): Promise<OperationCase[]> {
  const base = baseCredentials(simulator);
  const baseEnvironment = cliEnvironment(simulator, {
    AWS_ACCESS_KEY_ID: base.accessKeyId,
    AWS_SECRET_ACCESS_KEY: base.secretAccessKey,
  });
  const member = await assumeAuditRole(simulator, ACCOUNT, EXTERNAL_ID);
  const management = await assumeAuditRole(simulator, MANAGEMENT, EXTERNAL_ID);
  const sessionEnvironment = cliEnvironment(simulator, sessionVariables(member));
  const managementEnvironment = cliEnvironment(simulator, sessionVariables(management));
  // The report must exist before GetCredentialReport: STARTED, then COMPLETE on the next call.
  const iam = new IAMClient(clientOptions(simulator, member));
  await iam.send(new GenerateCredentialReportCommand({}));
  await iam.send(new GenerateCredentialReportCommand({}));

  const index = simulator.estate(ACCOUNT)?.index;
  if (!index) throw new Error("bluefin-prod estate missing");
  const plan = index.backupPlans[0].id;
  const bucket = ["--bucket", "bluefin-prod-assets"];
  const argumentsFor: Record<string, string[]> = {
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
    "cloudtrail.GetTrailStatus": ["--name", `arn:aws:cloudtrail:${CLI_REGION}:${ACCOUNT}:trail/bluefin-management`],
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
      index.detectors.find((detector) => detector.region === CLI_REGION)?.id ?? "",
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

  return Object.entries(READ_ONLY_OPERATIONS).flatMap(([serviceName, names]) =>
    names.map((operation): OperationCase => {
      const service = serviceName as AwsClientPackage;
      // S3 Control prefixes the account id to the endpoint host ({AccountId}.127.0.0.1), which cannot
      // resolve; sending it through the simulator as an HTTP proxy delivers it unchanged.
      let env =
        service === "s3-control"
          ? { ...sessionEnvironment, HTTP_PROXY: simulator.url, http_proxy: simulator.url }
          : sessionEnvironment;
      // AssumeRole from an assumed-role session is role chaining, which the audit role's trust does not allow.
      if (service === "sts") env = baseEnvironment;
      if (service === "organizations" && operation !== "DescribeOrganization") env = managementEnvironment;
      // awscli 1.x's rds customization (update_endpoint_url) ignores AWS_ENDPOINT_URL; it needs --endpoint-url.
      const endpointFlag = service === "rds" ? ["--endpoint-url", simulator.url] : [];
      return {
        service,
        operation,
        env,
        args: [
          CLI_SERVICE_NAMES[service] ?? service,
          cliOperationName(operation),
          ...(argumentsFor[`${service}.${operation}`] ?? []),
          ...endpointFlag,
          "--output",
          "json",
        ],
      };
    }),
  );
}

export interface OutputToValidate {
  id: string;
  /** lib/aws module name (the simulator's service key). */
  service: AwsClientPackage;
  operation: string;
  output: unknown;
}

/**
 * Problems of each output against botocore's output shape (validate-output.py): missing required
 * members, unknown members, wrong types, values outside an enum. Keyed by id; no entry = none.
 */
export async function validateOutputs(outputs: OutputToValidate[]): Promise<Map<string, string[]>> {
  const input = outputs
    .map((item) => JSON.stringify({ ...item, service: BOTOCORE_SERVICE_NAMES[item.service] }))
    .join("\n");
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    const child = execFile("python3", [VALIDATOR], { maxBuffer: 64 * 1024 * 1024 }, (error, out) =>
      error ? reject(error) : resolve({ stdout: out }),
    );
    child.stdin?.end(input);
  });
  const problems = new Map<string, string[]>();
  for (const line of stdout.split("\n")) {
    if (line.trim() === "") continue;
    const result = JSON.parse(line) as { id: string; problems: string[] };
    if (result.problems.length > 0) problems.set(result.id, result.problems);
  }
  return problems;
}
