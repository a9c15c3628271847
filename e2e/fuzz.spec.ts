import { createPrismaClient } from "../lib/db/client";
import { demoIdentities } from "../scripts/fuzz/identities";
import { paramValuesFrom } from "../scripts/fuzz/param-values";
import { formatReport, runFuzz } from "../scripts/fuzz/run";
import { discoverTargets } from "../scripts/fuzz/targets";
import { e2eContext } from "./fixtures/e2e-context";
import { expect, test } from "./fixtures/test";

// `npm test`'s share of `npm run fuzz`: 1,000 seeded hostile requests over every page, route handler,
// next-auth endpoint and server action, as an anonymous visitor and as every demo role. Not one may
// answer 5xx. (`npm run fuzz` runs the same generator with 10,000 or more.)
test("1,000 hostile requests get no 5xx", async ({ baseURL }) => {
  test.setTimeout(400_000);
  const targets = discoverTargets();
  const client = createPrismaClient(e2eContext().databaseUrl);
  const paramValues = await paramValuesFrom(client);
  await client.$disconnect();
  const report = await runFuzz({
    baseUrl: baseURL!,
    targets,
    paramValues,
    identities: await demoIdentities(baseURL!),
    requests: 1000,
    seed: Number(process.env.FUZZ_SEED ?? 16),
    // Two at a time: the other Playwright worker's specs share this server and must not time out.
    concurrency: 2,
    maxSeconds: 300,
  });
  console.log(formatReport(report));
  expect(report.serverErrors, formatReport(report)).toEqual([]);
  expect(report.sent, "the time bound cut the run short").toBe(report.planned);
  // Coverage: every page and route handler and every server action was hit at least once.
  expect(report.targetsCovered).toBeGreaterThanOrEqual(targets.routes.length + targets.actions.length);
});
