import { describe, expect, it } from "vitest";
import { COLLECTOR_KEYS, type CollectorKey, EVIDENCE_CONTRACT } from "../evidence/contract";
import { COLLECTORS, createAccountLimiter, planCollectorRuns } from "./collectors";
import { READ_ONLY_OPERATIONS } from "./read-only-operations";

describe("COLLECTORS", () => {
  it("has unique keys and attributes each to a service on the allowlist", () => {
    const keys = COLLECTORS.map((collector) => collector.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(19);
    for (const collector of COLLECTORS) expect(Object.keys(READ_ONLY_OPERATIONS)).toContain(collector.service);
  });

  it("implements the evidence contract: one collector per key, in its order, with its scope", () => {
    expect(COLLECTORS.map((collector) => collector.key)).toEqual(COLLECTOR_KEYS);
    for (const collector of COLLECTORS) {
      expect(collector.scope, collector.key).toBe(EVIDENCE_CONTRACT[collector.key as CollectorKey].scope);
    }
  });

  it("plans global collectors once and regional ones per region", () => {
    const runs = planCollectorRuns(["us-east-1", "eu-west-1"]);
    const iamRuns = runs.filter((run) => run.collector.key === "iam");
    const ec2Runs = runs.filter((run) => run.collector.key === "ec2");
    expect(iamRuns.map((run) => run.region)).toEqual(["global"]);
    expect(ec2Runs.map((run) => run.region)).toEqual(["us-east-1", "eu-west-1"]);
  });
});

describe("createAccountLimiter", () => {
  it("never runs more than the per-region and per-account limits at once", async () => {
    const limiter = createAccountLimiter({ perAccount: 3, perRegion: 2 });
    const running = new Map<string, number>();
    let total = 0;
    let maxTotal = 0;
    const maxPerRegion = new Map<string, number>();
    const task = (region: string) => async () => {
      total++;
      running.set(region, (running.get(region) ?? 0) + 1);
      maxTotal = Math.max(maxTotal, total);
      maxPerRegion.set(region, Math.max(maxPerRegion.get(region) ?? 0, running.get(region) ?? 0));
      await new Promise((resolve) => setImmediate(resolve));
      total--;
      running.set(region, (running.get(region) ?? 0) - 1);
    };
    const regions = ["a", "a", "a", "a", "b", "b", "b", "c", "c"];
    await Promise.all(regions.map((region) => limiter.run(region, task(region))));
    expect(maxTotal).toBe(3);
    expect(Math.max(...maxPerRegion.values())).toBe(2);
  });
});
