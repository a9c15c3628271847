import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

// Which address is the client: the socket's peer, unless that peer is a proxy configured as trusted
// (RAMPART_TRUSTED_PROXIES, CIDRs), in which case X-Forwarded-For is walked from the right past every
// trusted hop and the first untrusted address is the client. Anything a client writes into
// X-Forwarded-For itself is therefore ignored unless it came through a trusted proxy
// (OWASP: "Do not trust X-Forwarded-For"; MDN X-Forwarded-For, "Selecting an IP address").

export type TrustedProxies = BlockList;

const CIDR = /^([^/\s]+)(?:\/(\d{1,3}))?$/;

/** Parses "10.0.0.0/8, 192.168.1.10, fd00::/8"; throws on the first entry that is not a CIDR or address. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  for (const entry of (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = CIDR.exec(entry);
    const address = match ? normalizeAddress(match[1]!) : "";
    const family = isIP(address);
    const prefix = match?.[2] === undefined ? (family === 6 ? 128 : 32) : Number(match[2]);
    if (!family || prefix > (family === 6 ? 128 : 32)) throw new Error(`"${entry}" is not an IP address or CIDR`);
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

/** "::ffff:10.1.2.3" (an IPv4 client on a dual-stack socket) → "10.1.2.3"; strips brackets and ports of IPv6. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[([^\]]+)\](?::\d+)?$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address for a request that arrived from `socketAddress` with this X-Forwarded-For. */
export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string | undefined {
  const peer = socketAddress ? normalizeAddress(socketAddress) : undefined;
  if (!peer || !isTrusted(peer, trusted)) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => normalizeAddress(hop))
    .filter(Boolean);
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    if (!isIP(hop)) break;
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return client;
}

/**
 * For the HTTP server in front of Next (scripts/serve.ts): replaces whatever X-Forwarded-For and
 * X-Real-IP the request carries with the one resolved client address, which is all the app reads
 * (lib/audit/request-context.ts). Next only fills X-Forwarded-For when it is absent, so without this
 * a client could choose its own address.
 */
export function rewriteClientIp(request: IncomingMessage, trusted: TrustedProxies): void {
  const peer = request.socket.remoteAddress ? normalizeAddress(request.socket.remoteAddress) : undefined;
  const client = resolveClientIp(peer, request.headers["x-forwarded-for"], trusted);
  delete request.headers["x-real-ip"];
  // Host and scheme as a proxy saw them are only a trusted proxy's to say.
  if (!peer || !isTrusted(peer, trusted)) {
    delete request.headers["x-forwarded-host"];
    delete request.headers["x-forwarded-proto"];
    delete request.headers["x-forwarded-port"];
  }
  if (client) request.headers["x-forwarded-for"] = client;
  else delete request.headers["x-forwarded-for"];
}
