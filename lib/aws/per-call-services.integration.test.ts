import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/simulator/server";
import { fullEstate, openAuditSession, startSimulatorForAws } from "@/test/support/simulator-harness";
import { acmCollector } from "./acm";
import { budgetsCollector } from "./budgets";
import { elasticLoadBalancingV2Collector } from "./elastic-load-balancing-v2";
import { guardDutyCollector } from "./guardduty";
import { inspector2Collector } from "./inspector2";
import type { AccountSession } from "./types";

// Issue 12 item 1 for the collectors that still failed whole: a real SDK client over HTTP against the
// simulator, one operation faulted. The call is named (service, operation, region, code, HTTP status) and
// every other call's evidence is kept. (Organizations and the regions sweep: organizations.integration.test.ts;
// what the rules make of it: lib/collectors/per-call-evidence.integration.test.ts.)
//
// RDS (DescribeDBInstances), Account (GetAlternateContact), Security Hub (DescribeHub), CloudWatch Logs
// (DescribeLogGroups) and the Tagging API (GetResources) make one read each: its failure is the whole
// evidence, so they keep failing whole, and need nothing here.

const ACCOUNT = "210987654341";
const REGION = "eu-west-1";
let simulator: SimulatorHandle;
let session: AccountSession;

beforeAll(async () => {
  simulator = await startSimulatorForAws([fullEstate(ACCOUNT)]);
  session = await openAuditSession(ACCOUNT, [REGION], { clientOptions: { maxAttempts: 1 } });
});

afterEach(() => {
  simulator.clearFaults();
});

afterAll(async () => {
  await simulator?.close();
});

function fault(service: string, operation: string, kind: "serverError" | "accessDenied" = "serverError") {
  simulator.setFaults([{ kind, accountId: ACCOUNT, service, operation, status: 503 }]);
}

const failed = (service: string, operation: string, httpStatus: number) =>
  expect.objectContaining({ service, operation, region: REGION, code: expect.any(String), httpStatus });

describe("per-call evidence in the remaining collectors", () => {
  it("Inspector2: a failed BatchGetAccountStatus keeps the findings", async () => {
    fault("inspector2", "BatchGetAccountStatus");
    const { evidence, findings, failedCalls } = await inspector2Collector.collect(session, REGION);
    expect(failedCalls).toEqual([failed("inspector2", "BatchGetAccountStatus", 503)]);
    expect(evidence.accountStatus).toBeNull();
    expect(evidence.findingsCollected).toBe(true);
    expect(evidence.activeBySeverity.CRITICAL).toBe(1);
    expect(findings?.length).toBe(2);
  });

  it("Inspector2: failed ListFindings keep the account status", async () => {
    fault("inspector2", "ListFindings", "accessDenied");
    const { evidence, findings, failedCalls } = await inspector2Collector.collect(session, REGION);
    expect(failedCalls).toEqual([failed("inspector2", "ListFindings", 403)]);
    expect(evidence.accountStatus?.state.status).toBe("ENABLED");
    expect(evidence.findingsCollected).toBe(false);
    expect(findings).toEqual([]);
  });

  it("GuardDuty: a failed GetDetector is named; the listing answered", async () => {
    fault("guardduty", "GetDetector");
    const { evidence, failedCalls } = await guardDutyCollector.collect(session, REGION);
    expect(failedCalls).toEqual([failed("guardduty", "GetDetector", 503)]);
    expect(evidence).toEqual({ region: REGION, detectors: [] });
  });

  it("Budgets: failed subscribers keep the budgets and their notifications", async () => {
    fault("budgets", "DescribeSubscribersForNotification");
    const { evidence, failedCalls } = await budgetsCollector.collect(session, "global");
    expect(failedCalls).toEqual([
      expect.objectContaining({ service: "budgets", operation: "DescribeSubscribersForNotification", httpStatus: 503 }),
    ]);
    expect(evidence.budgets).toHaveLength(1);
    expect(evidence.budgets[0]).toMatchObject({ budgetName: "monthly", limitAmount: "1000" });
    expect(evidence.budgets[0]?.notifications).toEqual([expect.objectContaining({ threshold: 80, subscribers: [] })]);
  });

  it("ACM: a failed DescribeCertificate is named; the listing answered", async () => {
    fault("acm", "DescribeCertificate");
    const { evidence, failedCalls } = await acmCollector.collect(session, REGION);
    expect(failedCalls).toEqual([failed("acm", "DescribeCertificate", 503)]);
    expect(evidence).toEqual({ region: REGION, certificates: [] });
  });

  it("ELBv2: failed DescribeTags keep the load balancers (NET-7's endpoints)", async () => {
    fault("elastic-load-balancing-v2", "DescribeTags");
    const { evidence, failedCalls } = await elasticLoadBalancingV2Collector.collect(session, REGION);
    expect(failedCalls).toEqual([failed("elastic-load-balancing-v2", "DescribeTags", 503)]);
    expect(evidence.loadBalancers).toEqual([expect.objectContaining({ loadBalancerName: "web", tags: {} })]);
  });

  it("fails whole when the service's first call fails: nothing else could be asked", async () => {
    fault("guardduty", "ListDetectors");
    await expect(guardDutyCollector.collect(session, REGION)).rejects.toMatchObject({
      service: "guardduty",
      operation: "ListDetectors",
      httpStatusCode: 503,
    });
  });
});
