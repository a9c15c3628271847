import { describe, expect, it } from "vitest";
import { faultSchema } from "../estate/schema";
import { FaultInjector } from "./faults";

const target = {
  accountId: "111111111111",
  service: "ec2",
  actionPrefix: "ec2",
  operation: "DescribeInstances",
  region: "us-east-1",
};
const throttle30 = faultSchema.parse({ kind: "throttle", service: "ec2", rate: 0.3 });

function decisions(seed: number, count: number) {
  const injector = new FaultInjector(seed);
  return Array.from({ length: count }, () => injector.decide([throttle30], target).fault?.kind ?? "ok");
}

describe("fault injection", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(decisions(7, 50)).toEqual(decisions(7, 50));
    expect(decisions(7, 50)).not.toEqual(decisions(8, 50));
  });

  it("fires at roughly the configured rate", () => {
    const fired = decisions(3, 2000).filter((kind) => kind === "throttle").length;
    expect(fired).toBeGreaterThan(480);
    expect(fired).toBeLessThan(720);
  });

  it("matches service, operation and region, by module name or IAM prefix", () => {
    const injector = new FaultInjector(1);
    const rule = faultSchema.parse({
      kind: "accessDenied",
      service: "config",
      operation: "DescribeConfigRules",
      region: "eu-west-1",
    });
    const configTarget = {
      accountId: "1",
      service: "config-service",
      actionPrefix: "config",
      operation: "DescribeConfigRules",
      region: "eu-west-1",
    };
    expect(injector.decide([rule], configTarget).fault?.kind).toBe("accessDenied");
    expect(injector.decide([rule], { ...configTarget, region: "us-east-1" }).fault).toBeUndefined();
    expect(
      injector.decide([rule], { ...configTarget, operation: "DescribeConfigurationRecorders" }).fault,
    ).toBeUndefined();
  });

  it("adds latency without failing the call", () => {
    const injector = new FaultInjector(1);
    const decision = injector.decide([faultSchema.parse({ kind: "latency", latencyMs: 250 })], target);
    expect(decision).toEqual({ latencyMs: 250 });
  });

  it("applies runtime rules only to their account", () => {
    const injector = new FaultInjector(1);
    injector.runtimeRules = [{ ...faultSchema.parse({ kind: "serverError", status: 503 }), accountId: "222222222222" }];
    expect(injector.decide([], target).fault).toBeUndefined();
    expect(injector.decide([], { ...target, accountId: "222222222222" }).fault?.status).toBe(503);
  });
});
