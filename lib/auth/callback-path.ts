/** The request header proxy.ts sets to the requested path and query, so pages can return there after sign-in. */
export const PATHNAME_HEADER = "x-rampart-pathname";

/** The home page sends each role on to its own start page. */
export const DEFAULT_SIGNED_IN_PATH = "/";

/**
 * Only a same-origin relative path survives; another origin, a protocol-relative `//host`, a
 * backslash trick or a scheme becomes the default. Guards the open redirect in `?callbackUrl=`.
 */
export function safeCallbackPath(value: unknown, fallback = DEFAULT_SIGNED_IN_PATH): string {
  if (typeof value !== "string" || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  try {
    const url = new URL(value, "http://rampart.invalid");
    if (url.origin !== "http://rampart.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
