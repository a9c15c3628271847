import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: pure unit tests, and integration tests on a real PostgreSQL and the AWS simulator.
// The integration global setup boots PostgreSQL once and migrates a template database; each test
// file clones its own database from it (see test/setup/).
export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "test/stubs/server-only.ts") },
  },
  test: {
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI machine. The
    // integration files mostly wait on PostgreSQL and the simulator, so two at a time cut that stage
    // from ~380 s to ~240 s there (measured); the unit files gain too.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: {
      LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
      // Two-step sign-in secrets are sealed under a key derived from it (ADR 015); tests only.
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "vitest-only-secret-0123456789abcdef0123456789abcdef",
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**", "e2e/**", ".next/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["node_modules/**", "e2e/**", ".next/**"],
          environment: "node",
          globalSetup: ["./test/setup/global-setup.ts"],
          setupFiles: ["./test/setup/per-file-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
    ],
  },
});
