import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { syncControlCatalogue } from "@/lib/evaluation/evaluate-account";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { DAY_MS, HOUR_MS } from "../dates";
import { raiseUnrevokedAccessAlert, resolveUnrevokedAccessAlert } from "./access-review";
import { raiseAlerts, raiseAlertsAfterEvaluation } from "./raise-alerts";
import { reopenExpiredSuppressions } from "./suppression-expiry";

// raiseAlertsAfterEvaluation on a real PostgreSQL: results, findings, runs and attestations are written
// with Prisma as the sync and the evaluation leave them, then the alerts are raised and read back.

const REGION = "eu-west-1";

beforeAll(async () => {
  await syncControlCatalogue(db());
});

async function tenant(settings: object = {}) {
  const customer = await createCustomer(db(), { settings });
  const account = await createAwsAccount(db(), customer.id, { alias: `dev-${customer.slug}`, regions: [REGION] });
  return { customer, account };
}

type ResultSpec = Partial<Omit<Prisma.ControlResultCreateManyInput, "customerId" | "awsAccountId" | "controlId">>;

/** One evaluation (of a sync's evidence when a run is given): the previous results stop being current. */
async function evaluate(
  account: { id: string; customerId: string },
  at: Date,
  results: Record<string, ResultSpec>,
  syncRunId: string | null = null,
) {
  await db().controlResult.updateMany({
    where: { awsAccountId: account.id, isCurrent: true },
    data: { isCurrent: false },
  });
  await db().controlResult.createMany({
    data: Object.entries(results).map(([controlId, spec]) => ({
      customerId: account.customerId,
      awsAccountId: account.id,
      controlId,
      status: "PASS" as const,
      severity: "HIGH" as const,
      reason: `${controlId} at ${at.toISOString()}`,
      evaluatedAt: at,
      isCurrent: true,
      syncRunId,
      ...spec,
    })),
  });
}

const rdp = {
  status: "FAIL" as const,
  severity: "CRITICAL" as const,
  reason: "sg-0rdp allows 3389 from 0.0.0.0/0",
  offenders: [{ kind: "security-group", id: "sg-0rdp", region: REGION, detail: "port 3389 open to 0.0.0.0/0" }],
};

/** A finished sync run with its steps (collector → status per region). */
async function syncRun(
  account: { id: string; customerId: string },
  at: Date,
  steps: {
    collector: string;
    region?: string;
    status: "SUCCEEDED" | "PARTIAL" | "FAILED" | "SKIPPED";
    code?: string;
  }[] = [],
) {
  const failed = steps.filter((step) => step.status !== "SUCCEEDED").length;
  return db().syncRun.create({
    data: {
      customerId: account.customerId,
      awsAccountId: account.id,
      status: failed === 0 ? "SUCCEEDED" : failed === steps.length ? "FAILED" : "PARTIAL",
      trigger: "CLI",
      queuedAt: at,
      startedAt: at,
      finishedAt: at,
      asOf: at,
      steps: {
        create: steps.map((step) => ({
          collector: step.collector,
          region: step.region ?? REGION,
          status: step.status,
          errorService: step.status === "FAILED" ? step.collector : null,
          errorCode: step.code ?? null,
        })),
      },
    },
  });
}

async function alertsOf(customerId: string) {
  return db().alert.findMany({
    where: { customerId },
    include: { events: { orderBy: { createdAt: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
}

describe("control failures", () => {
  it("raise an alert naming customer, account, region, resource, source, severity and the evidence", async () => {
    const { customer, account } = await tenant();
    const t0 = new Date("2026-02-01T00:00:00Z");
    await evaluate(account, t0, { "NET-1": {}, "IAM-5": {} });
    expect(await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: t0 })).toMatchObject({
      opened: 0,
    });

    const t1 = new Date(t0.getTime() + 6 * HOUR_MS);
    const run = await syncRun(account, t1);
    await evaluate(account, t1, { "NET-1": rdp, "IAM-5": {} }, run.id);
    const outcome = await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: t1 });
    expect(outcome).toMatchObject({ opened: 1, resolved: 0 });
    const [alert] = await alertsOf(customer.id);
    expect(alert).toMatchObject({
      customerId: customer.id,
      awsAccountId: account.id,
      source: "CONTROL",
      rule: "NET-1",
      region: REGION,
      resource: "sg-0rdp",
      severity: "CRITICAL",
      status: "NEW",
      occurrences: 1,
      evidenceLink: `/customers/${customer.id}/controls/NET-1`,
      dueAt: new Date(t1.getTime() + 24 * HOUR_MS),
    });
    expect(alert!.title).toContain(account.alias);
    expect(alert!.events.map((event) => [event.type, event.toStatus, event.note])).toEqual([
      ["opened", "NEW", rdp.reason],
    ]);
    expect(outcome.criticalAlertIds).toEqual([alert!.id]);
  });

  it("deduplicate repeats, resolve themselves when the control passes, and reopen when it fails again", async () => {
    const { customer, account } = await tenant();
    const times = [0, 1, 2, 3].map((n) => new Date(Date.UTC(2026, 1, 1 + n)));
    const raise = async (at: Date, results: Record<string, ResultSpec>) => {
      const run = await syncRun(account, at);
      await evaluate(account, at, results, run.id);
      return raiseAlerts(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: at });
    };
    expect((await raise(times[0]!, { "NET-1": rdp })).opened).toBe(1); // first evaluation counts as new
    expect(await raise(times[1]!, { "NET-1": rdp })).toMatchObject({ opened: 0, repeated: 1 });
    let [alert] = await alertsOf(customer.id);
    expect(alert).toMatchObject({ occurrences: 2, lastSeenAt: times[1], firstSeenAt: times[0] });

    expect(await raise(times[2]!, { "NET-1": { reason: "No security group opens 22 or 3389." } })).toMatchObject({
      resolved: 1,
    });
    [alert] = await alertsOf(customer.id);
    expect(alert).toMatchObject({ status: "RESOLVED", resolvedAt: times[2] });
    expect(alert!.events.at(-1)).toMatchObject({
      type: "auto_resolved",
      actorId: null,
      toStatus: "RESOLVED",
      note: "NET-1 passes now: No security group opens 22 or 3389.",
    });

    expect(await raise(times[3]!, { "NET-1": rdp })).toMatchObject({ opened: 0, reopened: 1 });
    const alerts = await alertsOf(customer.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      id: alert!.id,
      status: "NEW",
      resolvedAt: null,
      occurrences: 3,
      dueAt: new Date(times[3]!.getTime() + 24 * HOUR_MS),
    });
    expect(alerts[0]!.events.at(-1)).toMatchObject({ type: "reopened", fromStatus: "RESOLVED", toStatus: "NEW" });
  });

  it("never raise a new failure from UNKNOWN, never resolve on UNKNOWN, and look past UNKNOWN for the previous result", async () => {
    const { customer, account } = await tenant();
    const at = (n: number) => new Date(Date.UTC(2026, 1, 1, n));
    const unknown = { status: "UNKNOWN" as const, reason: "Evidence missing: ec2:DescribeSecurityGroups in eu-west-1" };
    const steps = async (n: number, results: Record<string, ResultSpec>) => {
      const run = await syncRun(account, at(n));
      await evaluate(account, at(n), results, run.id);
      return raiseAlerts(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: at(n) });
    };
    await steps(0, { "NET-1": {} });
    expect((await steps(1, { "NET-1": unknown })).opened).toBe(0);
    expect((await steps(2, { "NET-1": rdp })).opened).toBe(1); // PASS, UNKNOWN, FAIL: a new failure
    expect((await steps(3, { "NET-1": unknown })).resolved).toBe(0);
    expect((await alertsOf(customer.id))[0]!.status).toBe("NEW");
    expect((await steps(4, { "NET-1": rdp })).opened).toBe(0); // FAIL, UNKNOWN, FAIL: the same failure
  });

  it("compare with the previous sync only: an old failure does not open, replayed history does not hide a new one", async () => {
    const { customer, account } = await tenant();
    const day = (n: number) => new Date(Date.UTC(2026, 1, n));
    // The demo's replayed history: results dated in the past, never current, without a run.
    await db().controlResult.create({
      data: {
        customerId: customer.id,
        awsAccountId: account.id,
        controlId: "NET-1",
        ...rdp,
        evaluatedAt: day(1),
        isCurrent: false,
      },
    });
    const first = await syncRun(account, day(10));
    await evaluate(account, day(10), { "NET-1": rdp, "IAM-5": { status: "FAIL" } }, first.id);
    await db().alert.deleteMany({ where: { customerId: customer.id } });
    expect(
      (await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: first.id, evaluatedAt: day(10) })).opened,
    ).toBe(2);
    // Failing at the previous sync already, with no alert left for it (resolved and deleted): not new.
    await db().alert.deleteMany({ where: { customerId: customer.id } });
    const second = await syncRun(account, day(11));
    await evaluate(account, day(11), { "NET-1": rdp, "IAM-5": {} }, second.id);
    expect(
      (await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: second.id, evaluatedAt: day(11) })).opened,
    ).toBe(0);
  });

  it("reopen an alert a person resolved when a later sync still sees the failure, not on a re-evaluation", async () => {
    const { customer, account } = await tenant();
    const consultant = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [customer.id] });
    const t0 = new Date("2026-02-01T00:00:00Z");
    await evaluate(account, t0, { "NET-1": rdp });
    await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: (await syncRun(account, t0)).id, evaluatedAt: t0 });
    const [alert] = await alertsOf(customer.id);
    const resolvedAt = new Date(t0.getTime() + HOUR_MS);
    await db().alert.update({ where: { id: alert!.id }, data: { status: "RESOLVED", resolvedAt } });
    await db().alertEvent.create({
      data: {
        alertId: alert!.id,
        actorId: consultant.id,
        type: "status",
        fromStatus: "NEW",
        toStatus: "RESOLVED",
        createdAt: resolvedAt,
      },
    });

    const t1 = new Date(t0.getTime() + 2 * HOUR_MS);
    await evaluate(account, t1, { "NET-1": rdp });
    expect((await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: t1 })).reopened).toBe(0);
    const t2 = new Date(t0.getTime() + 6 * HOUR_MS);
    await evaluate(account, t2, { "NET-1": rdp });
    const run = await syncRun(account, t2);
    expect((await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: t2 })).reopened).toBe(
      1,
    );
    const [reopened] = await alertsOf(customer.id);
    expect(reopened!.events.at(-1)!.note).toMatch(/^Still present at the sync/);
  });

  it("use the customer's own SLA hours", async () => {
    const { customer, account } = await tenant({ alertSla: { critical: 4 } });
    const at = new Date("2026-02-01T00:00:00Z");
    await evaluate(account, at, { "NET-1": rdp });
    await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: (await syncRun(account, at)).id, evaluatedAt: at });
    expect((await alertsOf(customer.id))[0]!.dueAt).toEqual(new Date(at.getTime() + 4 * HOUR_MS));
  });

  it("resolve with a note when the control is suppressed, and reopen when the suppression ends", async () => {
    const { customer, account } = await tenant();
    const approver = await createUser(db(), { role: "CONSULTANT", allCustomers: true });
    const at = (n: number) => new Date(Date.UTC(2026, 1, 1 + n));
    await evaluate(account, at(0), { "NET-1": rdp });
    await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: at(0) });
    const suppression = await db().suppression.create({
      data: {
        customerId: customer.id,
        awsAccountId: account.id,
        controlId: "NET-1",
        reason: "Vendor RDP until the VPN is live",
        approvedById: approver.id,
        expiresAt: at(5),
      },
    });
    await evaluate(account, at(1), { "NET-1": { ...rdp, suppressionId: suppression.id } });
    expect((await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: at(1) })).resolved).toBe(
      1,
    );
    expect((await alertsOf(customer.id))[0]!.events.at(-1)!.note).toBe("NET-1 was suppressed by a consultant.");
    await evaluate(account, at(6), { "NET-1": rdp });
    expect((await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: at(6) })).reopened).toBe(
      1,
    );
  });
});

describe("findings", () => {
  async function finding(
    account: { id: string; customerId: string },
    overrides: Partial<Prisma.FindingCreateManyInput> & { externalKey: string },
  ) {
    const now = new Date();
    return db().finding.create({
      data: {
        customerId: account.customerId,
        awsAccountId: account.id,
        source: "INSPECTOR",
        title: "CVE-2026-1111 - openssl",
        severity: "CRITICAL",
        region: REGION,
        resourceType: "AWS_EC2_INSTANCE",
        resourceId: "i-0abc",
        details: { vulnerabilityId: "CVE-2026-1111" },
        contentHash: overrides.externalKey,
        firstSeenAt: now,
        lastSeenAt: now,
        ...overrides,
      },
    });
  }

  it("raise one alert per open critical or high Inspector finding and resolve it when the finding closes", async () => {
    const { customer, account } = await tenant();
    const critical = await finding(account, { externalKey: "arn:finding/critical" });
    await finding(account, { externalKey: "arn:finding/high", severity: "HIGH", resourceId: "i-0def" });
    await finding(account, { externalKey: "arn:finding/medium", severity: "MEDIUM" });
    await finding(account, { externalKey: "arn:finding/suppressed", status: "SUPPRESSED" });
    const at = new Date("2026-02-01T00:00:00Z");
    await evaluate(account, at, {});
    const outcome = await raiseAlerts(db(), {
      awsAccountId: account.id,
      syncRunId: (await syncRun(account, at)).id,
      evaluatedAt: at,
    });
    expect(outcome.opened).toBe(2);
    const alerts = await alertsOf(customer.id);
    expect(alerts.map((alert) => [alert.source, alert.severity, alert.resource, alert.rule]).sort()).toEqual([
      ["INSPECTOR", "CRITICAL", "i-0abc", "CVE-2026-1111"],
      ["INSPECTOR", "HIGH", "i-0def", "CVE-2026-1111"],
    ]);
    expect(outcome.criticalAlertIds).toEqual([alerts.find((alert) => alert.severity === "CRITICAL")!.id]);
    expect(alerts[0]!.evidenceLink).toBe(`/customers/${customer.id}/accounts/${account.id}`);

    await db().finding.update({ where: { id: critical.id }, data: { status: "RESOLVED", resolvedAt: new Date() } });
    const later = new Date(at.getTime() + DAY_MS);
    await evaluate(account, later, {});
    const second = await raiseAlerts(db(), {
      awsAccountId: account.id,
      syncRunId: (await syncRun(account, later)).id,
      evaluatedAt: later,
    });
    expect(second).toMatchObject({ opened: 0, repeated: 1, resolved: 1 });
  });

  it("raise one alert per non-compliant Config rule and region", async () => {
    const { customer, account } = await tenant();
    for (const bucket of ["logs-a", "logs-b"]) {
      await finding(account, {
        source: "CONFIG",
        severity: "MEDIUM",
        externalKey: `s3-bucket-logging-enabled|AWS::S3::Bucket|${bucket}|${account.accountNumber}|${REGION}`,
        title: `s3-bucket-logging-enabled: AWS::S3::Bucket ${bucket} is non-compliant`,
        resourceType: "AWS::S3::Bucket",
        resourceId: bucket,
        details: { configRuleName: "s3-bucket-logging-enabled" },
      });
    }
    const at = new Date("2026-02-01T00:00:00Z");
    await evaluate(account, at, {});
    await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: (await syncRun(account, at)).id, evaluatedAt: at });
    const alerts = await alertsOf(customer.id);
    expect(alerts.map((alert) => [alert.source, alert.rule, alert.region, alert.resource])).toEqual([
      ["CONFIG", "s3-bucket-logging-enabled", REGION, "logs-a and logs-b"],
    ]);
  });
});

describe("collection gaps", () => {
  it("raise one coverage alert when a collector fails in two syncs in a row, and clear it when it collects", async () => {
    const { customer, account } = await tenant();
    const at = (n: number) => new Date(Date.UTC(2026, 1, 1, n));
    const backupUnknown = {
      status: "UNKNOWN" as const,
      reason: "Evidence missing: backup:ListBackupPlans in eu-west-1 could not be read (AccessDeniedException).",
    };
    const sync = async (n: number, backup: "SUCCEEDED" | "FAILED") => {
      const run = await syncRun(account, at(n), [
        { collector: "iam", region: "global", status: "SUCCEEDED" },
        { collector: "backup", status: backup, code: backup === "FAILED" ? "AccessDeniedException" : undefined },
      ]);
      await evaluate(account, at(n), { "BAK-1": backup === "FAILED" ? backupUnknown : {} });
      return raiseAlerts(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: at(n) });
    };
    expect((await sync(0, "FAILED")).opened).toBe(0);
    expect((await sync(1, "FAILED")).opened).toBe(1);
    expect((await sync(2, "FAILED")).repeated).toBe(1);
    const [alert] = await alertsOf(customer.id);
    expect(alert).toMatchObject({ source: "COVERAGE", rule: "backup", severity: "HIGH", occurrences: 2 });
    expect(alert!.events[0]!.note).toContain("Controls left UNKNOWN: BAK-1");
    expect((await sync(3, "SUCCEEDED")).resolved).toBe(1);
  });
});

// Per-call evidence (issue 12 item 1): a region whose sweep call failed has a placeholder sweep, not an
// empty region. Its alert stays open while the regions collection was PARTIAL, and clears once read.
describe("unconfigured regions", () => {
  it("keep a region alert open while the sweep had failed calls", async () => {
    const { customer, account } = await tenant();
    const times = [1, 2, 3].map((day) => new Date(`2026-03-0${day}T00:00:00Z`));
    const sweep = async (at: Date, instanceIds: string[], status: "SUCCEEDED" | "PARTIAL") => {
      const run = await syncRun(account, at, [{ collector: "regions", region: "global", status }]);
      await db().evidence.updateMany({
        where: { awsAccountId: account.id, isCurrent: true },
        data: { isCurrent: false },
      });
      await db().evidence.create({
        data: {
          customerId: account.customerId,
          awsAccountId: account.id,
          syncRunId: run.id,
          collector: "regions",
          region: "global",
          data: {
            readFrom: REGION,
            regions: [{ regionName: "ap-south-1", optInStatus: "opt-in-not-required" }],
            sweeps: [{ region: "ap-south-1", instanceIds, vpcIds: [] }],
          },
          failedCalls:
            status === "PARTIAL" ? [{ service: "ec2", operation: "DescribeInstances", region: "ap-south-1" }] : [],
          contentHash: `h-${at.toISOString()}`,
          collectedAt: at,
          confirmedAt: at,
        },
      });
      await evaluate(account, at, {});
      await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: at });
    };
    const statusOf = async () =>
      (await alertsOf(customer.id)).filter((alert) => alert.source === "REGION").map((alert) => alert.status);
    await sweep(times[0]!, ["i-0a1"], "SUCCEEDED");
    expect(await statusOf()).toEqual(["NEW"]);
    await sweep(times[1]!, [], "PARTIAL");
    expect(await statusOf()).toEqual(["NEW"]);
    await sweep(times[2]!, [], "SUCCEEDED");
    expect(await statusOf()).toEqual(["RESOLVED"]);
  });
});

describe("certificates and attestations", () => {
  it("raise per expiring certificate from NET-8, due no later than the expiry", async () => {
    const { customer, account } = await tenant();
    const at = new Date("2026-02-01T00:00:00Z");
    await evaluate(account, at, {
      "NET-8": {
        status: "FAIL",
        reason: "1 in-use certificate is valid for less than 30 days",
        offenders: [
          {
            kind: "certificate",
            id: "arn:aws:acm:eu-west-1:1:certificate/a",
            region: REGION,
            detail: "api.example.com: expires on 2026-02-03 (2 days left)",
          },
        ],
      },
    });
    await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: (await syncRun(account, at)).id, evaluatedAt: at });
    const alerts = await alertsOf(customer.id);
    expect(alerts.map((alert) => [alert.source, alert.rule, alert.resource, alert.severity])).toEqual([
      ["CERTIFICATE", "NET-8", "arn:aws:acm:eu-west-1:1:certificate/a", "HIGH"],
    ]);
    expect(alerts[0]!.dueAt).toEqual(new Date("2026-02-03T00:00:00Z"));
  });

  // Per-call evidence (issue 12 item 1): a certificate whose DescribeCertificate failed is absent from the
  // evidence, not gone. Its alert stays open while the region's ACM collection was PARTIAL.
  it("keep a certificate alert open while its region's ACM collection had failed calls", async () => {
    const { customer, account } = await tenant();
    const certificate = (id: string) => ({
      kind: "certificate",
      id: `arn:aws:acm:eu-west-1:1:certificate/${id}`,
      region: REGION,
      detail: `${id}.example.com: expires on 2026-02-20 (10 days left)`,
    });
    const net8 = (ids: string[]) => ({
      "NET-8": { status: "FAIL" as const, reason: "in-use certificates expire soon", offenders: ids.map(certificate) },
    });
    const times = [1, 2, 3].map((day) => new Date(`2026-02-1${day}T00:00:00Z`));
    const raise = async (at: Date, acm: "SUCCEEDED" | "PARTIAL") => {
      const run = await syncRun(account, at, [{ collector: "acm", status: acm }]);
      await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: at });
    };
    await evaluate(account, times[0]!, net8(["a", "b"]));
    await raise(times[0]!, "SUCCEEDED");
    await evaluate(account, times[1]!, net8(["b"]));
    await raise(times[1]!, "PARTIAL");
    const statusOf = async (id: string) =>
      (await alertsOf(customer.id)).find((alert) => alert.resource === certificate(id).id)?.status;
    expect(await statusOf("a")).toBe("NEW");
    // Read completely, the certificate is gone: its alert clears.
    await evaluate(account, times[2]!, net8(["b"]));
    await raise(times[2]!, "SUCCEEDED");
    expect(await statusOf("a")).toBe("RESOLVED");
    expect(await statusOf("b")).toBe("NEW");
  });

  it("raise for an attestation about to expire, once for the customer, and clear when it is renewed", async () => {
    const { customer, account } = await tenant();
    const second = await createAwsAccount(db(), customer.id, { regions: [REGION] });
    const consultant = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [customer.id] });
    const at = new Date("2026-02-01T00:00:00Z");
    await db().attestation.create({
      data: {
        customerId: customer.id,
        controlId: "CHG-1",
        note: "ICR log reviewed",
        attestedById: consultant.id,
        attestedAt: new Date(at.getTime() - 300 * DAY_MS),
        validUntil: new Date(at.getTime() + 10 * DAY_MS),
      },
    });
    for (const each of [account, second]) {
      await evaluate(each, at, { "CHG-1": { severity: "MEDIUM" } });
      await raiseAlerts(db(), { awsAccountId: each.id, syncRunId: null, evaluatedAt: at });
    }
    const alerts = await alertsOf(customer.id);
    expect(alerts.map((alert) => [alert.source, alert.rule, alert.awsAccountId, alert.severity])).toEqual([
      ["ATTESTATION", "CHG-1", null, "MEDIUM"],
    ]);
    expect(alerts[0]!.dueAt).toEqual(new Date(at.getTime() + 10 * DAY_MS));
    await db().attestation.create({
      data: {
        customerId: customer.id,
        controlId: "CHG-1",
        note: "ICR log reviewed again",
        attestedById: consultant.id,
        validUntil: new Date(at.getTime() + 200 * DAY_MS),
      },
    });
    expect((await raiseAlerts(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: at })).resolved).toBe(1);
  });
});

describe("the raising itself", () => {
  it("never opens two alerts for one condition when the same account is raised concurrently", async () => {
    const { customer, account } = await tenant();
    const at = new Date("2026-02-01T00:00:00Z");
    await evaluate(account, at, {
      "NET-1": rdp,
      "IAM-5": { status: "FAIL", offenders: [{ kind: "user", id: "carla" }] },
    });
    await Promise.all(
      [1, 2, 3].map(() => raiseAlerts(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: at })),
    );
    const alerts = await alertsOf(customer.id);
    expect(alerts.map((alert) => alert.rule).sort()).toEqual(["IAM-5", "NET-1"]);
  });

  it("opens, then repeats, thousands of finding alerts in one evaluation", async () => {
    const { customer, account } = await tenant();
    const now = new Date();
    const total = 4_500;
    for (let start = 0; start < total; start += 1_000) {
      await db().finding.createMany({
        data: Array.from({ length: Math.min(1_000, total - start) }, (_, offset) => {
          const index = start + offset;
          return {
            customerId: customer.id,
            awsAccountId: account.id,
            source: "INSPECTOR" as const,
            externalKey: `arn:aws:inspector2:${REGION}:1:finding/bulk-${index}`,
            title: `CVE-2026-${index}`,
            severity: index % 2 === 0 ? ("CRITICAL" as const) : ("HIGH" as const),
            region: REGION,
            resourceId: `i-${index}`,
            contentHash: `h${index}`,
            firstSeenAt: now,
            lastSeenAt: now,
          };
        }),
      });
    }
    await evaluate(account, now, {});
    const first = await raiseAlerts(db(), {
      awsAccountId: account.id,
      syncRunId: (await syncRun(account, now)).id,
      evaluatedAt: now,
    });
    expect(first.opened).toBe(total);
    expect(first.criticalAlertIds).toHaveLength(total / 2);
    const later = new Date(now.getTime() + HOUR_MS);
    await evaluate(account, later, {});
    const second = await raiseAlerts(db(), {
      awsAccountId: account.id,
      syncRunId: (await syncRun(account, later)).id,
      evaluatedAt: later,
    });
    expect(second).toMatchObject({ opened: 0, repeated: total, resolved: 0 });
    expect(await db().alert.count({ where: { customerId: customer.id, occurrences: 2 } })).toBe(total);
    expect(await db().alertEvent.count({ where: { alert: { customerId: customer.id } } })).toBe(total);
  }, 120_000);

  it("never throws into the sync: a failure is logged and answered with null", async () => {
    expect(
      await raiseAlertsAfterEvaluation(db(), {
        awsAccountId: "no-such-account",
        syncRunId: null,
        evaluatedAt: new Date(),
      }),
    ).toBeNull();
  });

  it("reopens alerts whose suppression expired, with a note", async () => {
    const { customer, account } = await tenant();
    const approver = await createUser(db(), { role: "CONSULTANT", allCustomers: true });
    const now = new Date();
    const alert = await db().alert.create({
      data: {
        customerId: customer.id,
        awsAccountId: account.id,
        source: "CONTROL",
        dedupKey: `CONTROL|${account.id}|NET-1|account`,
        rule: "NET-1",
        severity: "CRITICAL",
        status: "SUPPRESSED",
        title: "NET-1 failing",
        firstSeenAt: now,
        lastSeenAt: now,
        dueAt: now,
        suppressedUntil: new Date(now.getTime() - HOUR_MS),
        suppressionReason: "Vendor RDP until the VPN is live",
        suppressionApproverId: approver.id,
      },
    });
    const outcome = await reopenExpiredSuppressions(db(), now);
    expect(outcome.alertIds).toContain(alert.id);
    const [reopened] = await alertsOf(customer.id);
    expect(reopened).toMatchObject({ status: "NEW", suppressedUntil: null, suppressionReason: null, version: 2 });
    expect(reopened!.dueAt).toEqual(new Date(now.getTime() + 24 * HOUR_MS));
    expect(reopened!.events[0]).toMatchObject({
      type: "suppression_expired",
      fromStatus: "SUPPRESSED",
      toStatus: "NEW",
    });
    expect(reopened!.events[0]!.note).toContain("Vendor RDP until the VPN is live");
    expect(outcome.criticalAlertIds).toContain(alert.id);
  });
});

describe("access reviews", () => {
  it("raise an alert for a revocation not carried out, once, and resolve it when verified", async () => {
    const { customer, account } = await tenant();
    const creator = await createUser(db(), { role: "CONSULTANT", allCustomers: true });
    const review = await db().accessReview.create({
      data: {
        customerId: customer.id,
        period: "2026-Q1",
        dueAt: new Date(),
        snapshotAt: new Date(),
        accountIds: [account.id],
        createdById: creator.id,
      },
    });
    const item = await db().accessReviewItem.create({
      data: {
        reviewId: review.id,
        awsAccountId: account.id,
        userName: "carla.finance",
        userArn: `arn:aws:iam::${account.accountNumber}:user/carla.finance`,
        snapshot: {},
        decision: "REVOKE",
      },
    });
    const at = new Date("2026-02-01T00:00:00Z");
    expect((await raiseUnrevokedAccessAlert(db(), { accessReviewItemId: item.id, observedAt: at })).opened).toBe(1);
    expect(
      (
        await raiseUnrevokedAccessAlert(db(), {
          accessReviewItemId: item.id,
          observedAt: new Date(at.getTime() + DAY_MS),
        })
      ).repeated,
    ).toBe(1);
    const [alert] = await alertsOf(customer.id);
    expect(alert).toMatchObject({
      source: "ACCESS_REVIEW",
      resource: item.userArn,
      severity: "HIGH",
      occurrences: 2,
      awsAccountId: account.id,
    });
    expect(alert!.title).toContain("carla.finance");
    expect(
      (
        await resolveUnrevokedAccessAlert(db(), {
          accessReviewItemId: item.id,
          observedAt: new Date(at.getTime() + 2 * DAY_MS),
        })
      ).resolved,
    ).toBe(1);
  });
});
