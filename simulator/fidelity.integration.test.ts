import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOperationCases,
  CLI_ESTATES,
  CliPool,
  isAwsCliAvailable,
  type OperationCase,
  validateOutputs,
} from "./conformance/aws-cli";
import { runFaultMatrix } from "./conformance/fault-matrix";
import type { SimulatorHandle } from "./server";
import { startTestSimulator } from "./test-support";

// Fidelity: the official AWS CLI (botocore's own parsers, independent of our SDK) must run every
// operation in READ_ONLY_OPERATIONS against the simulator, exit 0 and print parseable JSON; and under
// each fault kind it must parse the error code the fault means. The full fault matrix (every
// operation × every fault variant) is `npm run sim:conformance`; this suite runs its first round:
// every operation under one variant, the variants rotating over the operations.

/**
 * Where the simulator answers as AWS does rather than as botocore's model says (ADR 017), each with
 * the AWS behaviour it keeps:
 * - the root user's virtual MFA device names the root by UserId and Arn only (no Path, no UserName),
 *   though the model's User shape requires them;
 * - Config reports a recorder's lastStatus in capitals (SUCCESS, FAILURE, PENDING), not as the
 *   RecorderStatus enum spells them (Success, …);
 * - ACM spells key algorithms with a hyphen (RSA-2048, EC-prime256v1), not as the KeyAlgorithm enum
 *   does (RSA_2048).
 */
const KNOWN_DIVERGENCES = [
  /^ListVirtualMFADevices\.VirtualMFADevices\[\d+\]\.User\.(Path|UserName): required by User but missing$/,
  /^DescribeConfigurationRecorderStatus\.ConfigurationRecordersStatus\[\d+\]\.lastStatus: '(SUCCESS|FAILURE|PENDING)' is not one of RecorderStatus's values$/,
  /^(ListCertificates\.CertificateSummaryList\[\d+\]|DescribeCertificate\.Certificate)\.KeyAlgorithm: '(RSA|EC)-[\w]+' is not one of KeyAlgorithm's values$/,
];

const available = await isAwsCliAvailable();
if (!available) console.warn("Skipping the CLI fidelity test: python3 cannot import awscli (the AWS CLI).");

describe.skipIf(!available)("AWS CLI fidelity for every read-only operation", () => {
  let simulator: SimulatorHandle;
  let cases: OperationCase[];
  let pool: CliPool;

  beforeAll(async () => {
    simulator = await startTestSimulator({ estates: CLI_ESTATES, seed: 1 });
    cases = await buildOperationCases(simulator);
    pool = new CliPool(2);
  });

  afterAll(async () => {
    await pool?.close();
    await simulator?.close();
  });

  it("answers every operation through the AWS CLI", async () => {
    const results = await pool.run(
      cases.map((operationCase, position) => ({
        id: String(position),
        env: operationCase.env,
        args: operationCase.args,
      })),
    );
    const failures: string[] = [];
    cases.forEach(({ service, operation }, position) => {
      const result = results.get(String(position));
      const label = `${service}.${operation}`;
      if (result?.exitCode !== 0) {
        failures.push(`${label}: ${(result?.stderr ?? "no result").trim().split("\n").slice(-2).join(" ")}`);
        return;
      }
      try {
        if (result.stdout.trim() !== "") JSON.parse(result.stdout);
      } catch {
        failures.push(`${label}: output is not JSON`);
      }
    });
    expect(failures, failures.join("\n")).toEqual([]);

    // Every answer as botocore's output shape has it (validate-output.py reads service-2.json).
    const problems = await validateOutputs(
      cases.map(({ service, operation }, position) => ({
        id: `${service}.${operation}`,
        service,
        operation,
        output: JSON.parse(results.get(String(position))?.stdout.trim() || "{}"),
      })),
    );
    const unexpected = [...problems.entries()].flatMap(([label, list]) =>
      list
        .filter((problem) => !KNOWN_DIVERGENCES.some((pattern) => pattern.test(problem)))
        .map((problem) => `${label}: ${problem}`),
    );
    expect(unexpected, unexpected.join("\n")).toEqual([]);

    const served = new Set(
      simulator
        .requests()
        .filter((entry) => entry.status === 200)
        .map((entry) => `${entry.service}.${entry.operation}`),
    );
    const unserved = cases
      .map(({ service, operation }) => `${service}.${operation}`)
      .filter((label) => !served.has(label));
    expect(unserved, `operations that never answered 200: ${unserved.join(", ")}`).toEqual([]);
  }, 180_000);

  it("makes the CLI parse the error code each fault kind means (every operation under one variant, all variants used)", async () => {
    const report = await runFaultMatrix(simulator, cases, pool, [0]);
    expect(report.cells).toBe(cases.length);
    const mismatches = report.mismatches.map(
      (cell) => `${cell.variant} ${cell.service}.${cell.operation}: ${cell.expected}`,
    );
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  }, 240_000);

  it("answers requests it does not serve with an error code the CLI parses, in the request's protocol", async () => {
    const environment = cases.find((operationCase) => operationCase.service === "ec2")?.env ?? {};
    const unserved: [string[], string][] = [
      [["elb", "describe-load-balancers"], "InvalidAction"], // classic ELB (2012-06-01) on ELBv2's signing name
      [["sns", "list-topics"], "InvalidAction"], // awsQuery
      [["dynamodb", "list-tables"], "UnknownOperationException"], // awsJson
      [["lambda", "list-functions"], "UnknownOperationException"], // restJson
      [["route53", "list-hosted-zones"], "NotImplemented"], // restXml
    ];
    const results = await pool.run(
      unserved.map(([args], position) => ({
        id: `unserved:${position}`,
        env: environment,
        args: [...args, "--output", "json"],
      })),
    );
    const parsed = unserved.map(([args], position) => [args.join(" "), results.get(`unserved:${position}`)?.errorCode]);
    expect(parsed).toEqual(unserved.map(([args, code]) => [args.join(" "), code]));
  }, 120_000);
});
