import { headers } from "next/headers";

export interface RequestContext {
  ip?: string;
  userAgent?: string;
}

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function readHeader(source: HeaderSource, name: string): string | undefined {
  if (typeof (source as { get?: unknown }).get === "function") {
    return (source as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const value = (source as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * IP and user agent of a request, from a Headers object or next-auth's plain header record.
 * The IP is the right-most X-Forwarded-For entry: the one added by the nearest proxy (or by Next
 * itself from the socket), which the client cannot choose when a proxy is in front.
 */
export function requestContextFrom(source: HeaderSource): RequestContext {
  const forwarded = readHeader(source, "x-forwarded-for");
  const hops = forwarded
    ?.split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const ip = hops?.at(-1) ?? readHeader(source, "x-real-ip") ?? undefined;
  const userAgent = readHeader(source, "user-agent");
  return { ip: ip?.slice(0, 64), userAgent: userAgent?.slice(0, 512) };
}

/** The current request's IP and user agent; empty outside a request (scripts, tests). */
export async function requestContext(): Promise<RequestContext> {
  try {
    return requestContextFrom(await headers());
  } catch {
    return {};
  }
}
