import type { GenericErrorKind } from "../core/errors";
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
