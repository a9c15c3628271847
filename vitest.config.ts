import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig, type ViteUserConfig } from "vitest/config";
import { INTEGRATION_FILES_NEEDING_ISOLATION, UNIT_FILES_NEEDING_ISOLATION } from "./test/setup/module-isolation";

// Projects: pure unit tests and integration tests on a real PostgreSQL and the AWS simulator, each with the few
// files that replace modules apart (test/setup/module-isolation.ts).
// The integration global setup boots PostgreSQL once and migrates a template database; each test
// file clones its own database from it, and acts as the session test/setup/test-session.ts holds.
const INTEGRATION: NonNullable<ViteUserConfig["test"]> = {
  environment: "node",
  globalSetup: ["./test/setup/global-setup.ts"],
  setupFiles: ["./test/setup/per-file-database.ts", "./test/setup/signed-in-as.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: "forks",
};

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
          // Pure functions: `npm test` runs these with --no-isolate, so the files share each worker's module
          // graph instead of importing it afresh, a third of the CPU time (ADR 008, "CI time"). Vitest 3 takes
          // isolation for the forks pool from the run, not the project: hence the flag and the second project.
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [
            ...UNIT_FILES_NEEDING_ISOLATION,
            "**/*.integration.test.ts",
            "node_modules/**",
            "e2e/**",
            ".next/**",
          ],
          environment: "node",
          setupFiles: ["./test/setup/yield-to-runner.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "unit-isolated",
          include: UNIT_FILES_NEEDING_ISOLATION,
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          // Like the unit files, `npm test` runs these with --no-isolate (ADR 008): importing Prisma's client,
          // the AWS SDK and the action client afresh for each file was a third of the stage's CPU time. Each
          // file still gets its own database (per-file-database.ts resets the client), and the session is
          // replaced alike for all of them (signed-in-as.ts).
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: [...INTEGRATION_FILES_NEEDING_ISOLATION, "node_modules/**", "e2e/**", ".next/**"],
          ...INTEGRATION,
        },
      },
      {
        extends: true,
        test: { name: "integration-isolated", include: INTEGRATION_FILES_NEEDING_ISOLATION, ...INTEGRATION },
      },
    ],
  },
});
