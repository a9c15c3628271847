import { AppError } from "@/lib/errors";

/** Where an AWS call happened: every failure names the service, operation and region it came from. */
export interface AwsCallContext {
  /** The SDK package suffix, e.g. "iam", "config-service" (the keys of READ_ONLY_OPERATIONS). */
  service: string;
  /** The API operation, e.g. "ListBuckets". */
  operation: string;
  /** The region the client was built for ("us-east-1" for global services). */
  region: string;
}

/**
 * Why a call failed, as the controls catalogue needs it: UNKNOWN results carry the reason
 * (AccessDenied, throttled out, timeout, 5xx) — controls.md "Evaluation rules".
 */
export type AwsFailureKind =
  | "access-denied"
  | "throttled"
  | "timeout"
  | "server-error"
  | "network"
  | "credentials"
  | "not-found"
  | "client-error";

// AWS SDK retry rules: these codes are throttling (api-map §7); the SDK already retried them.
const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "SlowDown",
  "LimitExceededException",
  "LimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "ProvisionedThroughputExceededException",
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "PriorRequestNotComplete",
  "TransactionInProgressException",
]);

// EC2 says UnauthorizedOperation, GuardDuty/Inspector AccessDeniedException, S3/IAM/STS AccessDenied.
const ACCESS_DENIED_CODES = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedAccess",
  "AuthorizationError",
  "Forbidden",
]);

const CREDENTIAL_CODES = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "CredentialsProviderError",
  "AuthFailure",
]);

const TIMEOUT_CODES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "AbortError", "ETIMEDOUT"]);

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "EHOSTUNREACH"]);

/**
 * A failed AWS call, attributed: service, operation, region, AWS error code, HTTP status and message.
 * The message never contains credentials, session tokens or ExternalIds (see redactSecrets).
 */
export class AwsCallError extends AppError {
  readonly service: string;
  readonly operation: string;
  readonly region: string;
  /** The wire error code (`err.Code`, else `err.name`), e.g. "AccessDenied", "NoSuchEntity", "ThrottlingException". */
  readonly awsErrorCode: string;
  /** The SDK exception class name, e.g. "NoSuchEntityException" for wire code NoSuchEntity. */
  readonly awsErrorName: string;
  readonly httpStatusCode?: number;
  readonly requestId?: string;
  /** How many attempts the SDK made, retries included. */
  readonly attempts?: number;
  readonly kind: AwsFailureKind;
  /** The AWS message (redacted), without Rampart's attribution prefix. */
  readonly awsMessage: string;

  constructor(
    context: AwsCallContext,
    details: {
      awsErrorCode: string;
      awsErrorName: string;
      httpStatusCode?: number;
      requestId?: string;
      attempts?: number;
      kind: AwsFailureKind;
      awsMessage: string;
      message?: string;
    },
  ) {
    const status = details.httpStatusCode ? ` (HTTP ${details.httpStatusCode})` : "";
    const attempts = details.attempts && details.attempts > 1 ? ` after ${details.attempts} attempts` : "";
    super(
      details.kind === "throttled" ? "RATE_LIMITED" : "UPSTREAM",
      details.message ??
        `${context.service}:${context.operation} in ${context.region} failed${attempts}: ${details.awsErrorCode}${status}${details.awsMessage ? ` — ${details.awsMessage}` : ""}`,
    );
    this.name = "AwsCallError";
    this.service = context.service;
    this.operation = context.operation;
    this.region = context.region;
    this.awsErrorCode = details.awsErrorCode;
    this.awsErrorName = details.awsErrorName;
    this.httpStatusCode = details.httpStatusCode;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
    this.kind = details.kind;
    this.awsMessage = details.awsMessage;
  }

  /** A plain JSON summary for SyncStep rows and logs (no stack, no cause). */
  toJSON(): Record<string, unknown> {
    return {
      service: this.service,
      operation: this.operation,
      region: this.region,
      awsErrorCode: this.awsErrorCode,
      httpStatusCode: this.httpStatusCode,
      kind: this.kind,
      attempts: this.attempts,
      requestId: this.requestId,
      message: this.message,
    };
  }
}

interface SdkErrorShape {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { statusCode?: number };
}

/** The wire error code of an SDK error: modeled errors keep it in `Code`, unmodeled ones in `name`. */
export function awsErrorCodeOf(error: unknown): string | undefined {
  if (error instanceof AwsCallError) return error.awsErrorCode;
  if (typeof error !== "object" || error === null) return undefined;
  const shape = error as SdkErrorShape;
  if (typeof shape.Code === "string" && shape.Code) return shape.Code;
  if (typeof shape.code === "string" && shape.code) return shape.code;
  if (typeof shape.name === "string" && shape.name) return shape.name;
  return undefined;
}

/** True when the error carries one of the codes, matched on both the wire code and the SDK class name. */
export function hasAwsErrorCode(error: unknown, ...codes: string[]): boolean {
  if (typeof error !== "object" || error === null) return false;
  const names = new Set<string>();
  const wireCode = awsErrorCodeOf(error);
  if (wireCode) names.add(wireCode);
  if (error instanceof AwsCallError) names.add(error.awsErrorName);
  else if (typeof (error as SdkErrorShape).name === "string") names.add((error as SdkErrorShape).name as string);
  // A modeled error's class is often the wire code plus "Exception" (NoSuchEntity → NoSuchEntityException).
  return codes.some((code) => names.has(code) || names.has(`${code}Exception`));
}

function classifyFailure(code: string, name: string, httpStatusCode: number | undefined): AwsFailureKind {
  if (THROTTLING_CODES.has(code) || THROTTLING_CODES.has(name) || httpStatusCode === 429) return "throttled";
  if (TIMEOUT_CODES.has(code) || TIMEOUT_CODES.has(name)) return "timeout";
  if (ACCESS_DENIED_CODES.has(code) || ACCESS_DENIED_CODES.has(name)) return "access-denied";
  if (CREDENTIAL_CODES.has(code) || CREDENTIAL_CODES.has(name)) return "credentials";
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name)) return "network";
  if (httpStatusCode !== undefined && httpStatusCode >= 500) return "server-error";
  if (httpStatusCode === 403) return "access-denied";
  if (httpStatusCode === 404 || code === "NotFound") return "not-found";
  return "client-error";
}

// Access key ids (AKIA/ASIA…), and long base64 runs such as session tokens or secret keys.
const ACCESS_KEY_ID_PATTERN = /\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g;
const LONG_SECRET_PATTERN = /[A-Za-z0-9+/=]{40,}/g;

/** Removes anything credential-like, and the given secrets (ExternalIds), from text bound for messages or logs. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let redacted = text.replace(ACCESS_KEY_ID_PATTERN, "[redacted]").replace(LONG_SECRET_PATTERN, (match) =>
    // ARNs and hostnames have ':' or '.', never 40 base64 characters in a row; a token does.
    /[+/=]/.test(match) || /\d/.test(match) ? "[redacted]" : match,
  );
  for (const secret of secrets) {
    if (secret.length >= 2) redacted = redacted.split(secret).join("[redacted]");
  }
  return redacted;
}

/** Builds an attributed AwsCallError from whatever the SDK threw (service exception, timeout, socket error). */
export function toAwsCallError(error: unknown, context: AwsCallContext, secrets: readonly string[] = []): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const shape = (typeof error === "object" && error !== null ? error : { message: String(error) }) as SdkErrorShape;
  const rawMessage = typeof shape.message === "string" ? shape.message : "";
  // The SDK throws a bare Error when it cannot parse a response body; name that plainly.
  const unparsable = shape.name === "Error" && rawMessage.includes("Deserialization error");
  const awsErrorName = unparsable
    ? "DeserializationError"
    : typeof shape.name === "string" && shape.name
      ? shape.name
      : "UnknownError";
  const awsErrorCode = unparsable ? awsErrorName : (awsErrorCodeOf(error) ?? awsErrorName);
  const httpStatusCode = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  const awsError = new AwsCallError(context, {
    awsErrorCode,
    awsErrorName,
    httpStatusCode,
    requestId: shape.$metadata?.requestId,
    attempts: shape.$metadata?.attempts,
    kind: classifyFailure(awsErrorCode, awsErrorName, httpStatusCode),
    // The first line only: deserialization errors append a hint about hidden fields.
    awsMessage: redactSecrets(rawMessage.split("\n")[0], secrets),
  });
  return awsError;
}

/** Runs one AWS call (or a whole paginated listing) and rethrows any failure as an attributed AwsCallError. */
export async function callAws<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAwsCallError(error, context);
  }
}

/**
 * Like callAws, but the listed "absent configuration" codes (NoSuchBucketPolicy, NoSuchEntity…) are
 * evidence, not failures: they resolve to `undefined`.
 */
export async function callAwsAllowingAbsent<T>(
  context: AwsCallContext,
  absentCodes: readonly string[],
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (hasAwsErrorCode(error, ...absentCodes)) return undefined;
    throw toAwsCallError(error, context);
  }
}

/**
 * An answer that cannot be read as the operation's result (an HTML page, another operation's document)
 * is an error with the HTTP status it came with, never a default value (issue 12 item 3).
 */
export function unreadableResponse(
  context: AwsCallContext,
  httpStatusCode: number | undefined,
  what: string,
): AwsCallError {
  return new AwsCallError(context, {
    awsErrorCode: "UnreadableResponse",
    awsErrorName: "UnreadableResponse",
    httpStatusCode,
    kind: "server-error",
    awsMessage: `the answer did not contain ${what}`,
  });
}

/** Throws unreadableResponse unless `readable` holds for a received answer. */
export function requireReadable<T extends { $metadata?: { httpStatusCode?: number } }>(
  context: AwsCallContext,
  response: T | undefined,
  readable: (response: T) => boolean,
  what: string,
): void {
  if (response !== undefined && !readable(response))
    throw unreadableResponse(context, response.$metadata?.httpStatusCode, what);
}
