import { createAccountLimiter, planCollectorRuns } from "../aws/collectors";
import type { CollectorDefinition } from "../aws/types";
import { type AssumeRoleTarget, attributeError, type SyncDependencies } from "../collectors/sync-account";
import type { CollectedStep, InMemoryCollection } from "../evaluation/collected-evidence";

// One account collected the way syncAccount collects it (the same plan, session, limits, collectors and
// error attribution), but kept in memory: nothing is written, so the live evidence, findings and runs
// stay exactly as today's sync left them. The demo's history replay evaluates these collections.

export async function collectAccountInMemory(
  target: AssumeRoleTarget,
  deps: Pick<SyncDependencies, "collectors" | "openSession" | "limits">,
  /** The instant the evidence describes (the simulator's clock for a replayed day). */
  collectedAt: Date,
): Promise<InMemoryCollection> {
  const planned = planCollectorRuns(target.regions, collectorsAsOf(deps.collectors, collectedAt));
  let session: Awaited<ReturnType<SyncDependencies["openSession"]>>;
  try {
    session = await deps.openSession(target);
  } catch (error) {
    const runFailure = attributeError(error, {
      service: "sts",
      operation: "AssumeRole",
      region: target.regions[0] ?? "us-east-1",
    });
    return {
      collectedAt,
      runFailure,
      steps: planned.map((step) => ({ collector: step.collector.key, region: step.region })),
    };
  }
  const limiter = createAccountLimiter(deps.limits);
  const steps = await Promise.all(
    planned.map((step) =>
      limiter.run(step.region, async (): Promise<CollectedStep> => {
        try {
          return {
            collector: step.collector.key,
            region: step.region,
            output: await step.collector.collect(session, step.region),
          };
        } catch (error) {
          return {
            collector: step.collector.key,
            region: step.region,
            error: attributeError(error, { service: step.collector.service, operation: null, region: step.region }),
          };
        }
      }),
    ),
  );
  return { collectedAt, runFailure: null, steps };
}

/**
 * The collectors as a sync on `collectedAt` would run them: every collector reads the session's one
 * clock (AccountSession.now), so on a replayed day job lookback windows start from that day.
 */
export function collectorsAsOf(
  collectors: readonly CollectorDefinition[],
  collectedAt: Date,
): readonly CollectorDefinition[] {
  return collectors.map((collector) => ({
    ...collector,
    collect: (session, region) => collector.collect({ ...session, now: () => collectedAt }, region),
  }));
}
