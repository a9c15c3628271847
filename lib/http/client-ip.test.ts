import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClientIp, rewriteClientIp } from "./client-ip";

describe("resolveClientIp", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8, 192.168.1.10, fd00::/8");

  it("believes the socket, not a header, from an untrusted peer", () => {
    expect(resolveClientIp("203.0.113.9", "1.2.3.4", trusted)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:203.0.113.9", undefined, trusted)).toBe("203.0.113.9");
  });

  it("walks X-Forwarded-For from the right past trusted proxies only", () => {
    expect(resolveClientIp("10.1.1.1", "198.51.100.7", trusted)).toBe("198.51.100.7");
    // The client wrote "1.2.3.4" itself; the trusted proxy appended the address it saw.
    expect(resolveClientIp("10.1.1.1", "1.2.3.4, 198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(resolveClientIp("10.1.1.1", "198.51.100.7, 192.168.1.10", trusted)).toBe("198.51.100.7");
    expect(resolveClientIp("fd00::1", "garbage, 198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(resolveClientIp("10.1.1.1", "not-an-ip", trusted)).toBe("10.1.1.1");
  });

  it("refuses a malformed setting", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/CIDR/);
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/CIDR/);
  });
});

describe("rewriteClientIp on a real HTTP server", () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  async function seenForwardedFor(trustedSetting: string, forwardedFor: string): Promise<string> {
    const trusted = parseTrustedProxies(trustedSetting);
    server = http.createServer((request, response) => {
      rewriteClientIp(request, trusted);
      response.end(String(request.headers["x-forwarded-for"]));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { "x-forwarded-for": forwardedFor, "x-real-ip": "6.6.6.6" },
    });
    return response.text();
  }

  it("a client cannot choose its own address", async () => {
    expect(await seenForwardedFor("", "6.6.6.6")).toBe("127.0.0.1");
  });

  it("a trusted proxy's X-Forwarded-For is believed", async () => {
    expect(await seenForwardedFor("127.0.0.1/32", "6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
  });
});
