// `npm test`: typecheck, lint, unit + integration tests (real PostgreSQL, the AWS simulator), then the
// production build and the Playwright end-to-end tests in Chromium. Stops at the first failing stage.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { FINGERPRINT_FILE, isBuildCurrent, sourceFingerprint } from "./build-fingerprint";

const bin = (name: string) => path.resolve("node_modules", ".bin", name);

interface Stage {
  name: string;
  command: string;
  args: string[];
  /** Run after `command` succeeds, as part of the same stage. */
  andThen?: { command: string; args: string[] };
  env?: NodeJS.ProcessEnv;
  skip?: () => boolean;
  after?: () => void;
}

const only = process.argv.slice(2);
const stages: Stage[] = [
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  // Biome, then the layers (dependency-cruiser) and unused code (knip): `npm run lint`.
  { name: "lint", command: "npm", args: ["run", "--silent", "lint"] },
  // The unit and integration files share their workers' module graphs (vitest.config.ts); the few that replace
  // modules run apart, after them.
  {
    name: "unit",
    command: bin("vitest"),
    args: ["run", "--project", "unit", "--no-isolate"],
    andThen: { command: bin("vitest"), args: ["run", "--project", "unit-isolated"] },
  },
  {
    name: "integration",
    command: bin("vitest"),
    args: ["run", "--project", "integration", "--no-isolate"],
    andThen: { command: bin("vitest"), args: ["run", "--project", "integration-isolated"] },
  },
  {
    name: "build",
    command: bin("next"),
    args: ["build"],
    env: { NODE_ENV: "production" },
    skip: isBuildCurrent,
    after: () => writeFileSync(FINGERPRINT_FILE, sourceFingerprint()),
  },
  { name: "e2e", command: bin("playwright"), args: ["test"] },
];

const started = Date.now();
for (const stage of stages) {
  if (only.length > 0 && !only.includes(stage.name)) continue;
  if (stage.skip?.()) {
    console.log(`\n▶ ${stage.name}: up to date, skipped`);
    continue;
  }
  console.log(`\n▶ ${stage.name}: ${path.basename(stage.command)} ${stage.args.join(" ")}`);
  const stageStarted = Date.now();
  const env = { ...process.env, ...stage.env };
  let result = spawnSync(stage.command, stage.args, { stdio: "inherit", env });
  if (result.status === 0 && stage.andThen) {
    console.log(`\n▶ ${stage.name}, then: ${path.basename(stage.andThen.command)} ${stage.andThen.args.join(" ")}`);
    result = spawnSync(stage.andThen.command, stage.andThen.args, { stdio: "inherit", env });
  }
  if (result.status !== 0) {
    console.error(`\n✗ ${stage.name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  stage.after?.();
  console.log(`✓ ${stage.name} (${Math.round((Date.now() - stageStarted) / 1000)} s)`);
}
console.log(`\nAll stages passed in ${Math.round((Date.now() - started) / 1000)} s.`);
