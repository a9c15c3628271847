import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit files that replace modules (vi.mock) or re-import them (vi.resetModules): a module graph shared
// with other files would serve them, or leak to them, the wrong module. Any new such file goes here.
const UNIT_FILES_NEEDING_ISOLATION = ["lib/http/with-actor.test.ts", "lib/auth/options.test.ts"];

// Projects: pure unit tests (the few that replace modules apart), and integration tests on a real PostgreSQL
// and the AWS simulator.
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
