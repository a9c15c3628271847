import { callerArn } from "../auth/identities";
import { AwsError } from "../core/errors";
import type { OperationInput, Output, ServiceDefinition, StsContext } from "../core/service";
import { trustPolicyAllows } from "./trust-policy";

// STS: AssumeRole into an estate's roles and GetCallerIdentity (aws-api-map.md §2).

const ROLE_ARN_PATTERN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
const CHAINED_SESSION_LIMIT_SECONDS = 3600;

function validationError(message: string): AwsError {
  return new AwsError("ValidationError", message, 400);
}

function assumeRole(input: OperationInput, context: StsContext): Output {
  const roleArn = String(input.RoleArn ?? "");
  const sessionName = String(input.RoleSessionName ?? "");
  const externalId = input.ExternalId === undefined ? undefined : String(input.ExternalId);
  const durationSeconds = input.DurationSeconds === undefined ? 3600 : Number(input.DurationSeconds);
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw validationError(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${sessionName.length < 2 ? "greater than or equal to 2" : "less than or equal to 64"}`,
    );
  }
  if (!SESSION_NAME_PATTERN.test(sessionName)) {
    throw validationError(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (externalId !== undefined && !EXTERNAL_ID_PATTERN.test(externalId)) {
    throw validationError(
      `1 validation error detected: Value '${externalId}' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*`,
    );
  }
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200) {
    throw validationError(
      `1 validation error detected: Value '${input.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${durationSeconds < 900 ? "greater than or equal to 900" : "less than or equal to 43200"}`,
    );
  }

  // AWS answers the same AccessDenied for a missing role, an untrusted caller and a wrong ExternalId.
  const denied = new AwsError(
    "AccessDenied",
    `User: ${callerArn(context.caller)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
  const match = ROLE_ARN_PATTERN.exec(roleArn);
  if (!match) throw validationError(`${roleArn} is invalid`);
  const [, accountId, roleName] = match;
  const record = context.runtime.estates.get(accountId);
  const role = record?.index.roles.find((entry) => entry.role.name === roleName && entry.arn === roleArn);
  if (!record || !role || !trustPolicyAllows(role.role.trustPolicy, context.caller, externalId)) throw denied;

  if (context.caller.kind === "session" && durationSeconds > CHAINED_SESSION_LIMIT_SECONDS) {
    throw validationError(
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  if (durationSeconds > role.role.maxSessionDuration) {
    throw validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  const assumedRoleArn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
  const session = context.runtime.sessions.create(
    {
      accountId,
      roleName,
      roleArn: role.arn,
      roleId: role.id,
      sessionName,
      assumedRoleArn,
      sourceArn: callerArn(context.caller),
    },
    durationSeconds,
  );
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAtWallMs),
    },
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: assumedRoleArn },
  };
}

function getCallerIdentity(_input: OperationInput, context: StsContext): Output {
  const { caller } = context;
  if (caller.kind === "base") {
    return { UserId: caller.identity.userId, Account: caller.identity.accountId, Arn: caller.identity.arn };
  }
  const { session } = caller;
  return {
    UserId: `${session.roleId}:${session.sessionName}`,
    Account: session.accountId,
    Arn: session.assumedRoleArn,
  };
}

export const STS_OPERATIONS: Record<string, (input: OperationInput, context: StsContext) => Output> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};

export const stsService: ServiceDefinition = {
  key: "sts",
  protocol: "query",
  signingName: "sts",
  actionPrefix: "sts",
  global: false,
  operations: {},
};
