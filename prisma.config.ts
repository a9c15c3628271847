import path from "node:path";
import { defineConfig } from "prisma/config";
import { createCliAdapter } from "./prisma/cli-adapter";

// Prisma 6.19 on its WebAssembly engine through adapter-pg: the only path that works offline
// (native engines cannot be downloaded here). See docs/decisions/001-offline-prisma-engine.md.
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set. Use `npm run db:migrate` (it boots the embedded PostgreSQL).");
    }
    return createCliAdapter(url);
  },
});
