import type { GenericErrorKind } from "../core/errors";
import type { ServiceModel } from "../models";
import type { ErrorCode, ErrorCodeTable, ProtocolName } from "./types";

// How each protocol spells the same failure (aws-api-map.md §7). Services override single entries
// (Tagging says ThrottledException, Organizations TooManyRequestsException, …).
export const PROTOCOL_ERROR_CODES: Record<ProtocolName, ErrorCodeTable> = {
  query: {
    accessDenied: { code: "AccessDenied", status: 403 },
    throttle: { code: "Throttling", status: 400 },
    serverError: { code: "InternalFailure", status: 500 },
    invalidClientToken: { code: "InvalidClientTokenId", status: 403 },
    expiredToken: { code: "ExpiredToken", status: 403 },
    signatureMismatch: { code: "SignatureDoesNotMatch", status: 403 },
    missingAuthentication: { code: "MissingAuthenticationToken", status: 403 },
    invalidPaginationToken: { code: "ValidationError", status: 400 },
    validation: { code: "ValidationError", status: 400 },
  },
  ec2: {
    accessDenied: { code: "UnauthorizedOperation", status: 403 },
    throttle: { code: "RequestLimitExceeded", status: 503 },
    serverError: { code: "InternalError", status: 500 },
    invalidClientToken: { code: "AuthFailure", status: 401 },
    expiredToken: { code: "RequestExpired", status: 400 },
    signatureMismatch: { code: "SignatureDoesNotMatch", status: 403 },
    missingAuthentication: { code: "MissingAuthenticationToken", status: 401 },
    invalidPaginationToken: { code: "InvalidPaginationToken", status: 400 },
    validation: { code: "InvalidParameterValue", status: 400 },
  },
  json: {
    accessDenied: { code: "AccessDeniedException", status: 400 },
    throttle: { code: "ThrottlingException", status: 400 },
    serverError: { code: "InternalFailure", status: 500 },
    invalidClientToken: { code: "UnrecognizedClientException", status: 400 },
    expiredToken: { code: "ExpiredTokenException", status: 400 },
    signatureMismatch: { code: "InvalidSignatureException", status: 400 },
    missingAuthentication: { code: "MissingAuthenticationTokenException", status: 400 },
    invalidPaginationToken: { code: "InvalidNextTokenException", status: 400 },
    validation: { code: "ValidationException", status: 400 },
  },
  restJson: {
    accessDenied: { code: "AccessDeniedException", status: 403 },
    throttle: { code: "ThrottlingException", status: 429 },
    serverError: { code: "InternalServerException", status: 500 },
    invalidClientToken: { code: "UnrecognizedClientException", status: 403 },
    expiredToken: { code: "ExpiredTokenException", status: 403 },
    signatureMismatch: { code: "InvalidSignatureException", status: 403 },
    missingAuthentication: { code: "MissingAuthenticationTokenException", status: 403 },
    invalidPaginationToken: { code: "ValidationException", status: 400 },
    validation: { code: "ValidationException", status: 400 },
  },
  restXml: {
    accessDenied: { code: "AccessDenied", status: 403 },
    throttle: { code: "SlowDown", status: 503 },
    serverError: { code: "InternalError", status: 500 },
    invalidClientToken: { code: "InvalidAccessKeyId", status: 403 },
    expiredToken: { code: "ExpiredToken", status: 400 },
    signatureMismatch: { code: "SignatureDoesNotMatch", status: 403 },
    missingAuthentication: { code: "AccessDenied", status: 403 },
    invalidPaginationToken: { code: "InvalidArgument", status: 400 },
    validation: { code: "InvalidArgument", status: 400 },
  },
};

export function resolveErrorCode(
  protocol: ProtocolName,
  kind: GenericErrorKind,
  overrides: Partial<ErrorCodeTable> | undefined,
): ErrorCode {
  return overrides?.[kind] ?? PROTOCOL_ERROR_CODES[protocol][kind];
}

/** Codes for a 5xx the service's model does not pin: AWS's common ServiceUnavailable at 503, InternalFailure otherwise. */
const UNPINNED_SERVER_ERRORS: Record<ProtocolName, { unavailable: string; other: string }> = {
  query: { unavailable: "ServiceUnavailable", other: "InternalFailure" },
  ec2: { unavailable: "Unavailable", other: "InternalError" },
  json: { unavailable: "ServiceUnavailableException", other: "InternalFailure" },
  restJson: { unavailable: "ServiceUnavailableException", other: "InternalFailure" },
  restXml: { unavailable: "ServiceUnavailable", other: "InternalError" },
};

/** The HTTP status a service's model pins an error code to, if any (`error.httpStatusCode` of its shape). */
export function modelledErrorStatus(model: ServiceModel, code: string): number | undefined {
  for (const [name, shape] of Object.entries(model.shapes)) {
    if (!shape.exception) continue;
    if ((shape.error?.code ?? name) === code) return shape.error?.httpStatusCode;
  }
  return undefined;
}

/**
 * The error code of an injected 5xx: the service's own server-error code when its model allows it at
 * that status, else the protocol's unpinned code (Inspector2's InternalServerException is modelled
 * at 500 only, so a 503 answers ServiceUnavailableException).
 */
export function serverErrorCode(
  service: { protocol: ProtocolName; errorCodes?: Partial<ErrorCodeTable> },
  model: ServiceModel,
  status: number,
): string {
  const preferred = resolveErrorCode(service.protocol, "serverError", service.errorCodes).code;
  const pinned = modelledErrorStatus(model, preferred);
  if (pinned === undefined || pinned === status) return preferred;
  const fallback = UNPINNED_SERVER_ERRORS[service.protocol];
  return status === 503 ? fallback.unavailable : fallback.other;
}
