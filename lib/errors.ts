// The one error type of Rampart's domain code and its one mapping to HTTP status and user-safe text.
export type AppErrorCode =
  | "BAD_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "TOO_LARGE"
  | "UPSTREAM"
  | "INTERNAL";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
  UPSTREAM: 502,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field-level problems for forms: path → message. */
  readonly fieldErrors?: Record<string, string>;

  constructor(
    code: AppErrorCode,
    message: string,
    options?: { fieldErrors?: Record<string, string>; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export function notFound(what = "Not found"): AppError {
  return new AppError("NOT_FOUND", what);
}

/** What a browser may see of any error: AppErrors keep their message, anything else is generic. */
export function toPublicError(error: unknown): {
  status: number;
  code: AppErrorCode;
  message: string;
  fieldErrors?: Record<string, string>;
} {
  if (error instanceof AppError) {
    return { status: error.httpStatus, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  return { status: 500, code: "INTERNAL", message: "Something went wrong on our side. It has been logged." };
}
