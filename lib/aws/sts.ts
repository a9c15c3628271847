import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type AwsClientOptions, createAwsClient, GLOBAL_REGION } from "./clients";
import { AwsCallError, toAwsCallError } from "./errors";
import type { AccountSession } from "./types";

export const accountNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{12}$/, "An AWS account ID is exactly 12 digits, e.g. 123456789012");

// IAM role names and path segments: [\w+=,.@-] (IAM API reference, CreateRole).
export const roleArnSchema = z
  .string()
  .trim()
  .regex(
    /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
    "A role ARN looks like arn:aws:iam::123456789012:role/RampartAudit (an optional path may precede the name)",
  );

// STS AssumeRole model: ExternalId 2-1224 characters of [\w+=,.@:/-] (api-map §2).
export const externalIdSchema = z
  .string()
  .regex(/^[\w+=,.@:/-]{2,1224}$/, "An ExternalId is 2 to 1224 characters: letters, digits and + = , . @ : / - _");

export const regionSchema = z
  .string()
  .regex(/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/, "An AWS region looks like us-east-1 or eu-west-1");

const SESSION_DURATION_SECONDS = { min: 900, max: 3600, default: 3600 };

export const assumeAuditRoleInputSchema = z
  .object({
    accountNumber: accountNumberSchema,
    roleArn: roleArnSchema,
    externalId: externalIdSchema,
    region: regionSchema,
    /** Rampart's policy is at most 1 h: a chained role is capped at 1 h anyway (api-map §2). */
    durationSeconds: z
      .number()
      .int()
      .min(SESSION_DURATION_SECONDS.min, "Sessions last at least 900 seconds")
      .max(SESSION_DURATION_SECONDS.max, "Sessions last at most 3600 seconds")
      .default(SESSION_DURATION_SECONDS.default),
    regions: z.array(regionSchema).optional(),
  })
  .refine((input) => input.roleArn.split(":")[4] === input.accountNumber, {
    message: "The role ARN must belong to the account being connected (its 5th field is the account ID)",
    path: ["roleArn"],
  });

export type AssumeAuditRoleInput = z.input<typeof assumeAuditRoleInputSchema>;

export interface AssumeAuditRoleOptions {
  /** Rampart's own identity; defaults to the SDK default chain (env, SSO, container, instance role). */
  baseCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  clientOptions?: AwsClientOptions;
  /** Re-assume this long before the temporary credentials expire. */
  refreshMarginSeconds?: number;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/**
 * An assume-role failure the consultant can act on. AWS answers AccessDenied for a wrong ExternalId,
 * a missing role and a trust policy that does not name Rampart alike, so the message lists all three.
 */
export class AssumeRoleError extends AwsCallError {
  readonly accountNumber: string;
  readonly likelyCauses: string[];

  constructor(cause: AwsCallError, accountNumber: string, roleArn: string, likelyCauses: string[]) {
    super(
      { service: cause.service, operation: cause.operation, region: cause.region },
      {
        awsErrorCode: cause.awsErrorCode,
        awsErrorName: cause.awsErrorName,
        httpStatusCode: cause.httpStatusCode,
        requestId: cause.requestId,
        attempts: cause.attempts,
        kind: cause.kind,
        awsMessage: cause.awsMessage,
        message: `Rampart could not assume ${roleArn} in account ${accountNumber} (${cause.awsErrorCode}, region ${cause.region}). ${likelyCauses.join(" ")}`,
      },
    );
    this.name = "AssumeRoleError";
    this.accountNumber = accountNumber;
    this.likelyCauses = likelyCauses;
  }
}

/** The actionable causes for an assume-role failure, by AWS error code (api-map §2 error table). */
export function describeAssumeRoleFailure(error: AwsCallError, roleArn: string): string[] {
  const callerArn = /User: (arn:\S+) is not authorized/.exec(error.awsMessage)?.[1];
  const principal = callerArn ? `Rampart's principal (${callerArn})` : "Rampart's principal";
  switch (error.kind) {
    case "access-denied": {
      const [, accountNumber = "?", roleName = "?"] =
        /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn) ?? [];
      const getRole = `aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument`;
      return [
        "AWS returns the same AccessDenied for each of these, so check them in order:",
        `(1) the ExternalId stored in Rampart differs from the sts:ExternalId condition in the role's trust policy (in account ${accountNumber}, run \`${getRole}\` and compare its sts:ExternalId with the one Settings shows);`,
        `(2) the role ${roleArn} does not exist in that account (check the ARN, including any path: the same command answers NoSuchEntity when the role name is wrong);`,
        `(3) the account id ${accountNumber} is not the account the role was created in (run \`aws sts get-caller-identity\` there and compare the 12 digits);`,
        `(4) the role's trust policy does not name ${principal} as a principal allowed to call sts:AssumeRole (its Principal.AWS in the output of the command above).`,
      ];
    }
    case "credentials":
      return ["Rampart's own AWS credentials are invalid or expired; this is not a problem in the customer account."];
    case "throttled":
    case "server-error":
    case "timeout":
    case "network":
      return ["STS did not answer in time or is throttling; the sync will try again later."];
    default:
      if (error.awsErrorCode === "RegionDisabledException") {
        return ["STS is deactivated in this region for the account: activate it under IAM account settings."];
      }
      if (error.awsErrorCode === "ValidationError") {
        return ["The requested session duration exceeds the role's maximum session duration (raise it to 1 hour)."];
      }
      return ["Check the role ARN and its trust policy."];
  }
}

function parseInput(input: AssumeAuditRoleInput): z.output<typeof assumeAuditRoleInputSchema> {
  const parsed = assumeAuditRoleInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  throw new AppError("BAD_INPUT", `Invalid AWS account connection: ${Object.values(fieldErrors).join("; ")}`, {
    fieldErrors,
  });
}

export function roleSessionName(accountNumber: string, now: Date = new Date()): string {
  // RoleSessionName: 2-64 of [\w+=,.@-]; "rampart-<12 digits>-<13 digits>" is 34 characters.
  return `rampart-${accountNumber}-${now.getTime()}`;
}

/**
 * Assumes the customer's audit role once (so a misconfigured account fails fast with an actionable
 * message), then returns a session whose credential provider re-assumes before expiry. Credentials
 * live only in this closure: never persisted, never logged.
 */
export async function assumeAuditRole(
  input: AssumeAuditRoleInput,
  options: AssumeAuditRoleOptions = {},
): Promise<AccountSession> {
  const { accountNumber, roleArn, externalId, region, durationSeconds, regions } = parseInput(input);
  const refreshMarginMs = (options.refreshMarginSeconds ?? 300) * 1000;
  const stsClient = createAwsClient(
    STSClient,
    { credentials: options.baseCredentials ?? fromNodeProviderChain(), region },
    options.clientOptions,
  );

  const assumeOnce = async (): Promise<AwsCredentialIdentity> => {
    try {
      const response = await stsClient.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: roleSessionName(accountNumber),
          ExternalId: externalId,
          DurationSeconds: durationSeconds,
        }),
      );
      const credentials = response.Credentials;
      if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
        throw new AppError("UPSTREAM", `STS AssumeRole for account ${accountNumber} returned no credentials`);
      }
      return {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
        expiration: credentials.Expiration,
        accountId: accountNumber,
      };
    } catch (error) {
      if (error instanceof AppError) throw error;
      const callError = toAwsCallError(error, { service: "sts", operation: "AssumeRole", region }, [externalId]);
      throw new AssumeRoleError(callError, accountNumber, roleArn, describeAssumeRoleFailure(callError, roleArn));
    }
  };

  let current = await assumeOnce();
  let refreshing: Promise<AwsCredentialIdentity> | undefined;

  const credentials: AwsCredentialIdentityProvider = async () => {
    const expiresAt = current.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
    if (expiresAt - Date.now() > refreshMarginMs) return current;
    // One refresh in flight, shared by every concurrent caller.
    refreshing ??= assumeOnce().finally(() => {
      refreshing = undefined;
    });
    current = await refreshing;
    return current;
  };

  return { accountNumber, credentials, regions: regions ?? [region], clientOptions: options.clientOptions };
}

/** Who Rampart is (base identity by default). sts:GetCallerIdentity needs no permission. */
export async function getCallerIdentity(
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = fromNodeProviderChain(),
  region: string = GLOBAL_REGION,
  clientOptions?: AwsClientOptions,
): Promise<CallerIdentity> {
  const client = createAwsClient(STSClient, { credentials, region }, clientOptions);
  try {
    const response = await client.send(new GetCallerIdentityCommand({}));
    return { account: response.Account ?? "", arn: response.Arn ?? "", userId: response.UserId ?? "" };
  } catch (error) {
    throw toAwsCallError(error, { service: "sts", operation: "GetCallerIdentity", region });
  } finally {
    client.destroy();
  }
}
