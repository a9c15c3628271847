import pLimit from "p-limit";
import { describeDenial, parseAccessDeniedMessage } from "@/lib/aws/access-denied";
import { type AwsClientOptions, GLOBAL_REGION, GLOBAL_SCOPE_LABEL } from "@/lib/aws/clients";
import { COLLECTORS } from "@/lib/aws/collectors";
import { CONNECTION_PROBES, DESCRIBE_REGIONS_PROBE, type RegionOptIn } from "@/lib/aws/connection-probes";
import { type AwsCallError, toAwsCallError } from "@/lib/aws/errors";
import { type AssumeAuditRoleOptions, AssumeRoleError, assumeAuditRole, getCallerIdentity } from "@/lib/aws/sts";
import type { AccountSession, CollectorDefinition } from "@/lib/aws/types";
import type { CollectorKey } from "@/lib/evidence/contract";

// The connection test: assume the audit role with the customer's ExternalId, then one cheap read per
// collector and region (CONNECTION_PROBES, keyed by the collector registry), so a consultant sees every
// missing permission before the first sync instead of after it. Pure orchestration over lib/aws: no
// database. Bounded: a few calls at once, short timeouts and few retries per call, and a total budget,
// so an unreachable endpoint ends with an error within the 30 s the checklist promises.

export const CHECK_STATUSES = ["OK", "DENIED", "THROTTLED", "REGION_NOT_ENABLED", "ERROR"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface ConnectionCheck {
  /** Stable within a result: "assume-role", "regions", "<collector>@<region>", "region@<region>". */
  id: string;
  label: string;
  status: CheckStatus;
  service?: string;
  operation?: string;
  /** "global" for global services. */
  region?: string;
  /** DENIED: the IAM action to add (or that an explicit deny blocks). */
  iamAction?: string;
  /** DENIED: an explicit Deny (SCP, identity policy, boundary…) is the cause; an Allow cannot fix it. */
  explicitDeny?: boolean;
  denialCause?: string;
  awsErrorCode?: string;
  httpStatusCode?: number;
  /** What happened and what to do, in plain words (never an ExternalId or credential). */
  detail: string;
}

export type ConnectionOutcome = "PASSED" | "WARNINGS" | "FAILED";

export interface ConnectionTestResult {
  accountNumber: string;
  roleArn: string;
  regions: string[];
  startedAt: string;
  durationMs: number;
  /** The role could be assumed (with `externalIdUsed`). */
  assumed: boolean;
  /** Which ExternalId the role accepted: the one asked for, the fallback (rotation pending), or none. */
  externalIdUsed: "requested" | "fallback" | null;
  /** PASSED = every check OK; WARNINGS = assumed but some checks are not OK; FAILED = not assumed. */
  outcome: ConnectionOutcome;
  checks: ConnectionCheck[];
}

export interface ConnectionTestInput {
  accountNumber: string;
  roleArn: string;
  /** The ExternalId to test (during a rotation: the new, pending one). Never logged or returned. */
  externalId: string;
  /** During a rotation: the current ExternalId, tried when the role refuses `externalId`. */
  fallbackExternalId?: string;
  regions: string[];
}

export interface ConnectionTestOptions {
  baseCredentials?: AssumeAuditRoleOptions["baseCredentials"];
  /** Per-call settings; defaults keep each call short (few attempts, short timeouts). */
  clientOptions?: AwsClientOptions;
  /** Probes at once (AWS throttles per account and region: keep it small). */
  concurrency?: number;
  /** Hard limit on any one call, retries included. */
  callTimeoutMs?: number;
  /** The whole test; probes not started within it are reported as ERROR, never left pending. */
  budgetMs?: number;
  /** Only these collectors (tests); default: every collector of the registry. */
  collectors?: readonly CollectorDefinition[];
}

export const CONNECTION_TEST_DEFAULTS = {
  clientOptions: { maxAttempts: 2, requestTimeoutMs: 5_000, connectionTimeoutMs: 3_000 },
  concurrency: 6,
  callTimeoutMs: 8_000,
  budgetMs: 25_000,
} as const;

// AWS answers a call into an opt-in region the account has not enabled with an invalid-token error
// (its STS tokens are not valid there): UnrecognizedClientException / InvalidClientTokenId / AuthFailure.
const REGION_DISABLED_CODES = new Set([
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "AuthFailure",
  "RegionDisabledException",
]);

class DeadlineError extends Error {
  readonly code = "TimeoutError";
  readonly name = "TimeoutError";
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`No answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function outcomeOf(assumed: boolean, checks: readonly ConnectionCheck[]): ConnectionOutcome {
  if (!assumed) return "FAILED";
  return checks.every((check) => check.status === "OK") ? "PASSED" : "WARNINGS";
}

/** An AWS failure as a checklist item: DENIED names the action and the kind of policy; ERROR everything AWS said. */
export function checkFromError(
  base: Pick<ConnectionCheck, "id" | "label" | "service" | "operation" | "region">,
  error: AwsCallError,
  iamAction: string,
  regionStatus?: string | null,
): ConnectionCheck {
  const wire = { awsErrorCode: error.awsErrorCode, httpStatusCode: error.httpStatusCode };
  const where = `${base.service}:${base.operation} in ${base.region}`;
  if (error.kind === "access-denied") {
    const denial = parseAccessDeniedMessage(error.awsMessage);
    const action = denial.action ?? iamAction;
    return {
      ...base,
      ...wire,
      status: "DENIED",
      iamAction: action,
      explicitDeny: denial.explicitDeny,
      denialCause: denial.cause,
      detail: describeDenial(action, denial),
    };
  }
  if (error.kind === "throttled") {
    return {
      ...base,
      ...wire,
      status: "THROTTLED",
      detail: `AWS throttled ${where} (${error.awsErrorCode}${error.attempts ? ` after ${error.attempts} attempts` : ""}). The permission was not refused; syncs retry with backoff. Test again later.`,
    };
  }
  if (REGION_DISABLED_CODES.has(error.awsErrorCode) && regionStatus !== "opt-in-not-required") {
    return {
      ...base,
      ...wire,
      status: "REGION_NOT_ENABLED",
      detail: `AWS refused the session's token in ${base.region} (${error.awsErrorCode}), as it does in an opt-in region the account has not enabled. Enable the region (Account settings → AWS Regions) or remove it from the account's regions.`,
    };
  }
  const status = error.httpStatusCode ? `, HTTP ${error.httpStatusCode}` : "";
  return {
    ...base,
    ...wire,
    status: "ERROR",
    detail: `${where} failed: ${error.awsErrorCode}${status}${error.awsMessage ? ` — ${error.awsMessage}` : ""}`,
  };
}

async function assumeWith(
  input: ConnectionTestInput,
  externalId: string,
  options: ConnectionTestOptions,
  clientOptions: AwsClientOptions,
  callTimeoutMs: number,
): Promise<AccountSession> {
  return withDeadline(
    assumeAuditRole(
      {
        accountNumber: input.accountNumber,
        roleArn: input.roleArn,
        externalId,
        region: input.regions[0] ?? GLOBAL_REGION,
        regions: input.regions,
      },
      { baseCredentials: options.baseCredentials, clientOptions },
    ),
    callTimeoutMs,
  );
}

function assumeFailureCheck(input: ConnectionTestInput, error: unknown, principalArn: string | null): ConnectionCheck {
  const region = input.regions[0] ?? GLOBAL_REGION;
  const base = {
    id: "assume-role",
    label: "Assume the audit role with the ExternalId",
    service: "sts",
    operation: "AssumeRole",
    region,
  };
  if (error instanceof AssumeRoleError) {
    const causes = error.likelyCauses.join(" ");
    const principal = principalArn ? ` Rampart's principal is ${principalArn}.` : "";
    return {
      ...base,
      status: error.kind === "access-denied" ? "DENIED" : "ERROR",
      iamAction: error.kind === "access-denied" ? "sts:AssumeRole" : undefined,
      awsErrorCode: error.awsErrorCode,
      httpStatusCode: error.httpStatusCode,
      detail: `Rampart could not assume ${input.roleArn} (${error.awsErrorCode}${error.httpStatusCode ? `, HTTP ${error.httpStatusCode}` : ""}). ${causes}${principal}`,
    };
  }
  const callError = toAwsCallError(error, { service: "sts", operation: "AssumeRole", region });
  return {
    ...base,
    status: "ERROR",
    awsErrorCode: callError.awsErrorCode,
    httpStatusCode: callError.httpStatusCode,
    detail: `Rampart could not reach STS to assume ${input.roleArn}: ${callError.awsErrorCode}${callError.awsMessage ? ` — ${callError.awsMessage}` : ""}`,
  };
}

/** Runs the connection test for one account. Never throws for AWS failures: they are checklist items. */
export async function testConnection(
  input: ConnectionTestInput,
  options: ConnectionTestOptions = {},
): Promise<ConnectionTestResult> {
  const started = Date.now();
  const clientOptions = { ...CONNECTION_TEST_DEFAULTS.clientOptions, ...options.clientOptions };
  const callTimeoutMs = options.callTimeoutMs ?? CONNECTION_TEST_DEFAULTS.callTimeoutMs;
  const budgetMs = options.budgetMs ?? CONNECTION_TEST_DEFAULTS.budgetMs;
  const deadline = started + budgetMs;
  const checks: ConnectionCheck[] = [];
  const finish = (assumed: boolean, externalIdUsed: ConnectionTestResult["externalIdUsed"]): ConnectionTestResult => ({
    accountNumber: input.accountNumber,
    roleArn: input.roleArn,
    regions: input.regions,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    assumed,
    externalIdUsed,
    outcome: outcomeOf(assumed, checks),
    checks,
  });

  // 1. AssumeRole with the requested ExternalId; during a rotation, the current one as a fallback.
  let session: AccountSession | undefined;
  let externalIdUsed: ConnectionTestResult["externalIdUsed"] = null;
  let firstError: unknown;
  try {
    session = await assumeWith(input, input.externalId, options, clientOptions, callTimeoutMs);
    externalIdUsed = "requested";
  } catch (error) {
    firstError = error;
  }
  if (
    !session &&
    input.fallbackExternalId &&
    firstError instanceof AssumeRoleError &&
    firstError.kind === "access-denied"
  ) {
    try {
      session = await assumeWith(input, input.fallbackExternalId, options, clientOptions, callTimeoutMs);
      externalIdUsed = "fallback";
    } catch {
      // Refused with both: the first error explains it.
    }
  }
  if (!session) {
    const principalArn =
      firstError instanceof AssumeRoleError && firstError.kind === "access-denied"
        ? await withDeadline(getCallerIdentity(options.baseCredentials, undefined, clientOptions), callTimeoutMs).then(
            (identity) => identity.arn,
            () => null,
          )
        : null;
    checks.push(assumeFailureCheck(input, firstError, principalArn));
    return finish(false, null);
  }
  if (externalIdUsed === "fallback") {
    checks.push({
      id: "assume-role",
      label: "Assume the audit role with the new ExternalId",
      status: "DENIED",
      service: "sts",
      operation: "AssumeRole",
      region: input.regions[0],
      iamAction: "sts:AssumeRole",
      detail:
        "The role refuses the new ExternalId but still accepts the current one: update the sts:ExternalId condition of its trust policy to the new ExternalId (the template in Settings has it). Syncs keep using the current one meanwhile.",
    });
  } else {
    checks.push({
      id: "assume-role",
      label: "Assume the audit role with the ExternalId",
      status: "OK",
      service: "sts",
      operation: "AssumeRole",
      region: input.regions[0],
      detail: `Assumed ${input.roleArn}.`,
    });
  }

  // 2. Which configured regions exist and are enabled (EC2 DescribeRegions AllRegions, OptInStatus).
  const regionStatus = new Map<string, string | null>();
  const regionsBase = {
    id: "regions",
    label: "Read the account's regions and their opt-in status",
    service: "ec2",
    operation: DESCRIBE_REGIONS_PROBE.operation,
    region: GLOBAL_REGION,
  };
  try {
    const regions: RegionOptIn[] = await withDeadline(
      DESCRIBE_REGIONS_PROBE.call(session, GLOBAL_REGION, clientOptions),
      callTimeoutMs,
    );
    for (const region of regions) regionStatus.set(region.regionName, region.optInStatus);
    checks.push({ ...regionsBase, status: "OK", detail: `${regions.length} regions listed.` });
  } catch (error) {
    const callError = toAwsCallError(error, regionsBase);
    checks.push(checkFromError(regionsBase, callError, DESCRIBE_REGIONS_PROBE.iamAction));
  }
  const probedRegions: string[] = [];
  for (const region of input.regions) {
    const known = regionStatus.size > 0;
    if (known && !regionStatus.has(region)) {
      checks.push({
        id: `region@${region}`,
        label: `Region ${region}`,
        region,
        status: "ERROR",
        detail: `${region} is not a region of this account's partition: remove it from the account's regions.`,
      });
    } else if (regionStatus.get(region) === "not-opted-in") {
      checks.push({
        id: `region@${region}`,
        label: `Region ${region}`,
        region,
        status: "REGION_NOT_ENABLED",
        detail: `${region} is an opt-in region this account has not enabled (DescribeRegions: not-opted-in). Enable it (Account settings → AWS Regions) or remove it from the account's regions.`,
      });
    } else {
      probedRegions.push(region);
    }
  }

  // 3. One cheap read per collector and region, a few at a time, each bounded.
  const collectors = options.collectors ?? COLLECTORS;
  const units = collectors.flatMap((collector) =>
    collector.scope === "global"
      ? [{ collector, region: GLOBAL_SCOPE_LABEL }]
      : probedRegions.map((region) => ({ collector, region })),
  );
  const limit = pLimit(options.concurrency ?? CONNECTION_TEST_DEFAULTS.concurrency);
  const activeSession = session;
  const probeChecks = await Promise.all(
    units.map(({ collector, region }) =>
      limit(async (): Promise<ConnectionCheck> => {
        const probe = CONNECTION_PROBES[collector.key as CollectorKey];
        const base = {
          id: `${collector.key}@${region}`,
          label: `${probe.iamAction}${region === GLOBAL_SCOPE_LABEL ? "" : ` in ${region}`}`,
          service: probe.service,
          operation: probe.operation,
          region,
        };
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          return {
            ...base,
            status: "ERROR",
            detail: `Not tested: the ${Math.round(budgetMs / 1000)}-second budget of the connection test ran out (AWS answered too slowly).`,
          };
        }
        try {
          await withDeadline(probe.call(activeSession, region, clientOptions), Math.min(callTimeoutMs, remaining));
          return { ...base, status: "OK", detail: `${probe.service}:${probe.operation} answered.` };
        } catch (error) {
          const callError = toAwsCallError(error, { service: probe.service, operation: probe.operation, region });
          return checkFromError(base, callError, probe.iamAction, regionStatus.get(region));
        }
      }),
    ),
  );
  checks.push(...probeChecks);
  return finish(true, externalIdUsed);
}

/** One line per check, for the command line and logs (no secrets in any check). */
export function formatChecklist(result: ConnectionTestResult): string[] {
  return result.checks.map((check) => {
    const mark = check.status === "OK" ? "✓" : "✗";
    return `${mark} ${check.status.padEnd(18)} ${check.label}${check.status === "OK" ? "" : ` — ${check.detail}`}`;
  });
}
