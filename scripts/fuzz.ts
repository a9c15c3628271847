// `npm run fuzz`: hostile requests against a built app, over every page, route handler, next-auth
// endpoint and server action (discovered from app/ and the build's server-action manifest), as an
// anonymous visitor and as every demo role. Prints counts by status and exits 1 on any response ≥ 500.
//
//   npm run fuzz [-- --requests 10000 --seed 1 --concurrency 4 --max-seconds 1500]
//   npm run fuzz -- --base-url http://127.0.0.1:3000 [--database-url postgres://…]   (a running demo)
//
// Without --base-url it boots the same environment as the browser tests (fresh database, demo synced
// against the simulator, `next start` on E2E_PORT) and stops it afterwards; run `next build` first.
import { parseArgs } from "node:util";
import { createPrismaClient } from "../lib/db/client";
import { demoIdentities } from "./fuzz/identities";
import { paramValuesFrom } from "./fuzz/param-values";
import { formatReport, runFuzz } from "./fuzz/run";
import { discoverTargets } from "./fuzz/targets";

async function main() {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "10000" },
      seed: { type: "string", default: "1" },
      concurrency: { type: "string", default: "4" },
      "max-seconds": { type: "string", default: "1800" },
      "base-url": { type: "string" },
      "database-url": { type: "string" },
    },
  });
  const targets = discoverTargets();
  let baseUrl = values["base-url"];
  let databaseUrl = values["database-url"];
  let teardown: (() => Promise<void>) | undefined;
  if (!baseUrl) {
    // The fuzzer varies X-Forwarded-For per request; this server trusts it from the loopback address only.
    process.env.RAMPART_TRUSTED_PROXIES ??= "127.0.0.1/32,::1/128";
    process.env.LOG_LEVEL ??= "error";
    const { default: globalSetup } = await import("../e2e/fixtures/global-setup");
    const { e2eContext } = await import("../e2e/fixtures/e2e-context");
    teardown = await globalSetup();
    ({ baseUrl, databaseUrl } = e2eContext());
  }
  try {
    let paramValues: Record<string, string[]> = {};
    if (databaseUrl) {
      const client = createPrismaClient(databaseUrl);
      paramValues = await paramValuesFrom(client);
      await client.$disconnect();
    }
    const identities = await demoIdentities(baseUrl!);
    console.log(
      `Fuzzing ${baseUrl}: ${targets.routes.length} pages and route handlers, ${targets.actions.length} server actions, next-auth; ${identities.length} identities`,
    );
    let lastPrinted = 0;
    const report = await runFuzz({
      baseUrl: baseUrl!,
      targets,
      paramValues,
      identities,
      requests: Number(values.requests),
      seed: Number(values.seed),
      concurrency: Number(values.concurrency),
      maxSeconds: Number(values["max-seconds"]),
      onProgress: (done, total) => {
        if (done - lastPrinted >= 1000 || done === total) {
          lastPrinted = done;
          console.log(`  ${done}/${total}`);
        }
      },
    });
    console.log(formatReport(report));
    process.exitCode = report.serverErrors.length > 0 ? 1 : 0;
  } finally {
    await teardown?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
