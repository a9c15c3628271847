import type { FaultRule } from "../estate/schema";
import { seededUnit } from "./random";

// Fault injection: rules come from an estate's `faults:` and from the admin API. Each matching rule
// fires with its rate, decided by a seeded draw per (rule, account, operation, region, call number),
// so a run with the same seed and the same calls sees the same faults.

export interface RuntimeFaultRule extends FaultRule {
  /** Runtime rules may target one account; estate rules always target their own. */
  accountId?: string;
}

export interface FaultTarget {
  accountId: string;
  /** lib/aws module name, e.g. "config-service". */
  service: string;
  /** IAM action prefix, e.g. "config". */
  actionPrefix: string;
  operation: string;
  region: string;
  /** Only rules naming this service apply (STS: blanket rules are for the estates' services). */
  explicitServiceOnly?: boolean;
}

export interface FaultDecision {
  latencyMs: number;
  fault?: FaultRule;
}

function matches(rule: RuntimeFaultRule, target: FaultTarget): boolean {
  if (target.explicitServiceOnly && !rule.service) return false;
  if (rule.accountId && rule.accountId !== target.accountId) return false;
  if (rule.service && rule.service !== target.service && rule.service !== target.actionPrefix) return false;
  if (rule.operation && rule.operation !== target.operation) return false;
  if (rule.region && rule.region !== target.region) return false;
  return true;
}

export class FaultInjector {
  private readonly counters = new Map<string, number>();
  runtimeRules: RuntimeFaultRule[] = [];

  constructor(public seed: number) {}

  reset(seed = this.seed): void {
    this.seed = seed;
    this.counters.clear();
  }

  decide(estateRules: readonly FaultRule[], target: FaultTarget): FaultDecision {
    const rules: [string, RuntimeFaultRule][] = [
      ...estateRules.map((rule, position) => [`estate#${position}`, rule] as [string, RuntimeFaultRule]),
      ...this.runtimeRules.map((rule, position) => [`runtime#${position}`, rule] as [string, RuntimeFaultRule]),
    ];
    const decision: FaultDecision = { latencyMs: 0 };
    for (const [ruleKey, rule] of rules) {
      if (!matches(rule, target)) continue;
      const counterKey = [ruleKey, rule.kind, target.accountId, target.service, target.operation, target.region].join(
        "|",
      );
      const callNumber = (this.counters.get(counterKey) ?? 0) + 1;
      this.counters.set(counterKey, callNumber);
      if (seededUnit(this.seed, counterKey, String(callNumber)) >= rule.rate) continue;
      decision.latencyMs += rule.latencyMs;
      if (rule.kind !== "latency" && !decision.fault) decision.fault = rule;
    }
    return decision;
  }
}
