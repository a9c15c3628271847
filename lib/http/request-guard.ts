import type { IncomingHttpHeaders } from "node:http";

// Requests refused before Next sees them, each with the status that names the problem, instead of
// whatever deep failure they used to cause (issue 16): a NUL or malformed %-escape in the URL (it
// reached PostgreSQL, or Next's own decoding, as a 500), methods Rampart does not serve (TRACE echoes
// the request, cookies included, on servers that implement it), multipart bodies without a usable
// boundary, server-action posts from a foreign or unparseable Origin, and bodies over the limit.

export interface GuardRefusal {
  status: 400 | 403 | 404 | 405 | 413;
  reason: string;
}

export const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST", "OPTIONS"]);
/** Next's default server-action body limit (serverActions.bodySizeLimit = 1 MB); nothing else takes more… */
export const MAX_BODY_BYTES = 1024 * 1024;
/** …except the one upload route of attestation files (issue 14 §4): 10 MB and its multipart framing. */
export const ATTACHMENT_UPLOAD_PATH = /^\/api\/customers\/[^/?]+\/attestations\/[^/?]+\/attachments$/;
export const MAX_UPLOAD_BODY_BYTES = 10 * 1024 * 1024 + 64 * 1024;

/** The largest body a POST to this path may carry. */
export function maxBodyBytesFor(pathname: string): number {
  return ATTACHMENT_UPLOAD_PATH.test(pathname) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}

// RFC 3986 §2.1: "%" must be followed by two hex digits.
const BAD_PERCENT = /%(?![0-9a-fA-F]{2})/;
// NUL and the other C0 controls and DEL, raw or escaped: none belongs in a URL Rampart serves.
const CONTROL_ESCAPE = /%(?:[01][0-9a-fA-F]|7[fF])/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point.
const RAW_CONTROL = /[\u0000-\u001f\u007f]/;

function decodes(part: string): boolean {
  try {
    decodeURIComponent(part.replace(/\+/g, " "));
    return true;
  } catch {
    return false;
  }
}

export function guardRequest(
  method: string | undefined,
  rawUrl: string | undefined,
  headers: IncomingHttpHeaders,
): GuardRefusal | null {
  const verb = (method ?? "").toUpperCase();
  if (!ALLOWED_METHODS.has(verb)) return { status: 405, reason: "method not allowed" };
  const url = rawUrl ?? "/";
  if (url.length > 8192) return { status: 400, reason: "URL too long" };
  if (RAW_CONTROL.test(url) || CONTROL_ESCAPE.test(url)) return { status: 400, reason: "control character in URL" };
  if (BAD_PERCENT.test(url)) return { status: 400, reason: "malformed %-encoding in URL" };
  const [pathname = "", query = ""] = url.split(/\?(.*)/s, 2);
  if (!decodes(pathname) || !query.split("&").every((pair) => pair.split("=").every(decodes))) {
    return { status: 400, reason: "URL does not decode as UTF-8" };
  }
  if (verb !== "POST") return null;

  const length = Number(headers["content-length"] ?? 0);
  if (Number.isFinite(length) && length > maxBodyBytesFor(pathname)) {
    return { status: 413, reason: "request body too large" };
  }
  const contentType = (headers["content-type"] ?? "").toLowerCase();
  if (
    contentType.startsWith("multipart/form-data") &&
    !/;\s*boundary=(?:"[^"]{1,70}"|[^";\s]{1,70})\s*(?:;|$)/i.test(contentType)
  ) {
    return { status: 400, reason: "multipart body without a valid boundary" };
  }
  const action = headers["next-action"];
  if (action !== undefined && !isSameOriginAction(headers)) {
    return { status: 403, reason: "server action from a foreign or missing Origin" };
  }
  // Next's action ids are hex digests; anything else names no action (Next itself throws on it).
  if (action !== undefined && !/^[0-9a-f]{40,128}$/i.test(String(action))) {
    return { status: 404, reason: "no such server action" };
  }
  return null;
}

/** A server action must come from this host: Origin parses and its host equals Host (Next's own rule, refused early). */
function isSameOriginAction(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  const host = headers["x-forwarded-host"] ?? headers.host;
  if (!origin || !host || origin === "null") return false;
  try {
    return new URL(origin).host === String(host).split(",")[0]!.trim();
  } catch {
    return false;
  }
}

/** For logs: the path without its query, control characters escaped, bounded (no raw request bytes). */
export function safePath(rawUrl: string | undefined): string {
  const path = (rawUrl ?? "").split("?")[0] ?? "";
  return escapeControls(path).slice(0, 200);
}

export function escapeControls(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point.
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
