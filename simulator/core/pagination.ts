import { GenericAwsError } from "./errors";

// Opaque page tokens, as AWS's are: base64 of the next offset plus a fingerprint of the query, so a
// token from one listing is refused by another. A truncatedPage fault hands out a token that the
// next call refuses, the way an expired AWS token is refused.

const BROKEN_TOKEN_PREFIX = "c2ltLWJyb2tlbi";

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PageRequest {
  token?: string;
  pageSize: number;
  /** Distinguishes listings (operation + filters) so tokens are not interchangeable. */
  scope: string;
  /** truncatedPage fault: claim more results and hand out a token that will fail. */
  truncate?: boolean;
}

function fingerprint(scope: string): string {
  let hash = 0;
  for (let index = 0; index < scope.length; index++) hash = (Math.imul(hash, 31) + scope.charCodeAt(index)) | 0;
  return (hash >>> 0).toString(36);
}

function decodeOffset(token: string, scope: string): number {
  if (token.startsWith(BROKEN_TOKEN_PREFIX)) {
    throw new GenericAwsError("invalidPaginationToken", "The pagination token is invalid or has expired.");
  }
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; f?: unknown };
    if (typeof decoded.o === "number" && decoded.f === fingerprint(scope) && decoded.o >= 0) return decoded.o;
  } catch {
    // fall through to the error below
  }
  throw new GenericAwsError("invalidPaginationToken", "The pagination token is invalid.");
}

export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const offset = request.token ? decodeOffset(request.token, request.scope) : 0;
  const pageSize = Math.max(1, request.pageSize);
  if (request.truncate) {
    const cut = Math.min(items.length - offset, Math.max(0, Math.ceil(Math.min(pageSize, items.length - offset) / 2)));
    return {
      items: items.slice(offset, offset + cut),
      nextToken: `${BROKEN_TOKEN_PREFIX}${Buffer.from(String(Date.now())).toString("base64url")}`,
    };
  }
  const end = offset + pageSize;
  const nextToken =
    end < items.length
      ? Buffer.from(JSON.stringify({ o: end, f: fingerprint(request.scope) })).toString("base64url")
      : undefined;
  return { items: items.slice(offset, end), nextToken };
}

/** Page size from a request parameter: the service default when absent, a validation error outside its range. */
export function pageSize(
  requested: unknown,
  limits: { defaultSize: number; maximum: number; minimum?: number; parameter: string },
): number {
  if (requested === undefined || requested === null || requested === "") return limits.defaultSize;
  const value = Number(requested);
  const minimum = limits.minimum ?? 1;
  if (!Number.isInteger(value) || value < minimum || value > limits.maximum) {
    throw new GenericAwsError(
      "validation",
      `1 validation error detected: Value '${String(requested)}' at '${limits.parameter}' failed to satisfy constraint: Member must have value between ${minimum} and ${limits.maximum}`,
    );
  }
  return value;
}
