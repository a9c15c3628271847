// One error type for everything a handler or the pipeline can answer with. The protocol codec
// decides the envelope (XML ErrorResponse, EC2 Response/Errors, JSON __type, S3 <Error>); the
// handler only names the AWS code, the HTTP status and the message AWS would send.
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** Error families whose code differs per protocol or per service (see aws-api-map.md §7). */
export type GenericErrorKind =
  | "accessDenied"
  | "throttle"
  | "serverError"
  | "invalidClientToken"
  | "expiredToken"
  | "signatureMismatch"
  | "missingAuthentication"
  | "invalidPaginationToken"
  | "validation";

export class GenericAwsError extends Error {
  constructor(
    readonly kind: GenericErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
