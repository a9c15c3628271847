import { SERVICE_MODELS } from "../models";
import { modelledErrorStatus, resolveErrorCode, serverErrorCode } from "../protocols/generic-errors";
import type { FaultRuleInput, SimulatorHandle } from "../server";
import { SERVICES } from "../services";
import type { CliPool, CliResult, OperationCase } from "./aws-cli";

// Every served operation under every fault kind, through the AWS CLI: the CLI must report the error
// code the simulator means for that fault (in the service's own protocol and spelling, valid at
// that HTTP status by the service's botocore model), or succeed where the fault leaves the answer
// readable, or fail on the connection where the fault breaks it.

export interface FaultVariant {
  name: string;
  rule: FaultRuleInput;
}

export const FAULT_VARIANTS: FaultVariant[] = [
  { name: "throttle", rule: { kind: "throttle" } },
  { name: "accessDenied", rule: { kind: "accessDenied" } },
  { name: "serverError 500", rule: { kind: "serverError", status: 500 } },
  { name: "serverError 502", rule: { kind: "serverError", status: 502 } },
  { name: "serverError 503", rule: { kind: "serverError", status: 503 } },
  { name: "serverError 504", rule: { kind: "serverError", status: 504 } },
  { name: "latency", rule: { kind: "latency", latencyMs: 5 } },
  { name: "connectionReset", rule: { kind: "connectionReset" } },
  { name: "truncatedPage badToken", rule: { kind: "truncatedPage", mode: "badToken" } },
  { name: "truncatedPage cutBody", rule: { kind: "truncatedPage", mode: "cutBody" } },
];

/** What botocore says when the connection drops or the body ends early (no AWS error code then). */
const BROKEN_CONNECTION =
  /Connection was closed|Failed to connect to proxy|Connection reset|Connection aborted|RemoteDisconnected|IncompleteRead|ConnectionClosedError|Could not connect/i;

export interface MatrixCell {
  variant: string;
  service: string;
  operation: string;
  expected: string;
  actual: string;
}

function serviceDefinition(key: string) {
  const service = SERVICES.find((candidate) => candidate.key === key);
  if (!service) throw new Error(`no simulator service ${key}`);
  return service;
}

/** The error code the simulator answers for a fault, and the status it answers it with. */
export function expectedFaultError(
  serviceKey: string,
  rule: FaultRuleInput,
): { code: string; status: number } | undefined {
  const service = serviceDefinition(serviceKey);
  const model = SERVICE_MODELS[service.key];
  if (rule.kind === "throttle") return resolveErrorCode(service.protocol, "throttle", service.errorCodes);
  if (rule.kind === "accessDenied") return resolveErrorCode(service.protocol, "accessDenied", service.errorCodes);
  if (rule.kind === "serverError") {
    const status = rule.status ?? 500;
    return { code: serverErrorCode(service, model, status), status };
  }
  return undefined;
}

function outcomeText(result: CliResult | undefined): string {
  if (!result) return "no result";
  if (result.exitCode === 0) return "success";
  if (result.errorCode) return `error ${result.errorCode}`;
  const lastLine = result.stderr.trim().split("\n").at(-1) ?? "";
  return `failure without a code: ${lastLine.slice(0, 160)}`;
}

function judge(
  variant: FaultVariant,
  operationCase: OperationCase,
  result: CliResult | undefined,
  followedToken: boolean,
): string | undefined {
  const actual = outcomeText(result);
  const { rule } = variant;
  const expectedError = expectedFaultError(operationCase.service, rule);
  if (expectedError) {
    const model = SERVICE_MODELS[serviceDefinition(operationCase.service).key];
    const pinned = modelledErrorStatus(model, expectedError.code);
    if (pinned !== undefined && pinned !== expectedError.status)
      return `expected code ${expectedError.code} is modelled at HTTP ${pinned}, served at ${expectedError.status}`;
    return actual === `error ${expectedError.code}` ? undefined : `expected error ${expectedError.code}, got ${actual}`;
  }
  if (rule.kind === "latency") return actual === "success" ? undefined : `expected success, got ${actual}`;
  if (rule.kind === "connectionReset" || (rule.kind === "truncatedPage" && rule.mode === "cutBody")) {
    const broken = result && result.exitCode !== 0 && !result.errorCode && BROKEN_CONNECTION.test(result.stderr);
    return broken ? undefined : `expected a broken connection, got ${actual}`;
  }
  // truncatedPage badToken: a listing hands out a token the next call refuses. When the CLI followed
  // it (its paginator), it must report the service's invalid-token code; otherwise the page is readable.
  const service = serviceDefinition(operationCase.service);
  const tokenCode = resolveErrorCode(service.protocol, "invalidPaginationToken", service.errorCodes).code;
  const wanted = followedToken ? `error ${tokenCode}` : "success";
  return actual === wanted ? undefined : `expected ${wanted}, got ${actual}`;
}

export interface MatrixReport {
  cells: number;
  mismatches: MatrixCell[];
  durationMs: number;
}

/**
 * Runs rounds of the matrix: in round r, operation i runs under variant (i + r) mod V, each fault
 * rule aimed at its one operation, so a round is one batch of CLI calls. All V rounds are the full
 * matrix (every operation under every variant); round 0 alone is a sample touching every variant.
 */
export async function runFaultMatrix(
  simulator: SimulatorHandle,
  cases: OperationCase[],
  pool: CliPool,
  rounds: number[] = FAULT_VARIANTS.map((_, round) => round),
): Promise<MatrixReport> {
  const started = Date.now();
  const mismatches: MatrixCell[] = [];
  let cells = 0;
  // A rule's service matches a module name or an IAM prefix, and S3 Control's prefix is "s3", so an
  // S3 rule would reach S3 Control's operation of the same name: such services run in a batch of their own.
  const sharesAPrefix = (key: string) =>
    SERVICES.some((other) => other.key !== key && other.key === serviceDefinition(key).actionPrefix);
  const batches = [
    cases
      .map((operationCase, position) => ({ operationCase, position }))
      .filter(({ operationCase }) => !sharesAPrefix(operationCase.service)),
    cases
      .map((operationCase, position) => ({ operationCase, position }))
      .filter(({ operationCase }) => sharesAPrefix(operationCase.service)),
  ].filter((batch) => batch.length > 0);
  for (const round of rounds) {
    for (const batch of batches) {
      const variantOf = (position: number) => FAULT_VARIANTS[(position + round) % FAULT_VARIANTS.length];
      simulator.setFaults(
        batch.map(({ operationCase, position }) => ({
          ...variantOf(position).rule,
          service: operationCase.service,
          operation: operationCase.operation,
        })),
        1,
      );
      const before = simulator.requests().at(-1)?.sequence ?? 0;
      const results = await pool.run(
        batch.map(({ operationCase, position }) => ({
          id: `${round}:${position}`,
          env: operationCase.env,
          args: operationCase.args,
        })),
      );
      simulator.clearFaults();
      const calls = simulator.requests({ since: before });
      for (const { operationCase, position } of batch) {
        cells++;
        const variant = variantOf(position);
        const result = results.get(`${round}:${position}`);
        const followedToken =
          calls.filter(
            (entry) => entry.service === operationCase.service && entry.operation === operationCase.operation,
          ).length > 1;
        const problem = judge(variant, operationCase, result, followedToken);
        if (problem) {
          mismatches.push({
            variant: variant.name,
            service: operationCase.service,
            operation: operationCase.operation,
            expected: problem,
            actual: outcomeText(result),
          });
        }
      }
    }
  }
  return { cells, mismatches, durationMs: Date.now() - started };
}
