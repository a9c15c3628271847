import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { DAY_MS } from "../dates";
import { FINDINGS_PAGE_SIZE, listCustomerFindings, parseFindingsSearchParams } from "./findings";

// The findings table (issue 19 §6) over real PostgreSQL: two customers, the table of one never holds the
// other's rows; paging, the severity-then-age order, the filters and the search count what they show.

let alpha: { id: string };
let beta: { id: string };
let alphaProd: string;
let alphaDev: string;
let betaProd: string;
let consultant: Actor;
let viewer: Actor;
let betaViewer: Actor;

async function actorFor(user: { id: string; sessionVersion: number }): Promise<Actor> {
  return (await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion }))!;
}

function finding(
  customerId: string,
  awsAccountId: string,
  key: string,
  options: {
    severity?: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
    ageDays?: number;
    status?: "OPEN" | "RESOLVED" | "SUPPRESSED";
    source?: "INSPECTOR" | "CONFIG";
    resourceId?: string;
    details?: Record<string, string>;
  } = {},
) {
  const seen = new Date(Date.now() - (options.ageDays ?? 1) * DAY_MS);
  return {
    customerId,
    awsAccountId,
    source: options.source ?? ("INSPECTOR" as const),
    externalKey: key,
    title: key,
    severity: options.severity ?? "MEDIUM",
    status: options.status ?? "OPEN",
    region: "us-east-1",
    resourceId: options.resourceId ?? `i-${key}`,
    resourceType: "AWS_EC2_INSTANCE",
    details: options.details ?? {},
    contentHash: key,
    firstSeenAt: seen,
    lastSeenAt: seen,
    observedAt: seen,
    resolvedAt: options.status === "RESOLVED" ? new Date() : null,
  };
}

beforeAll(async () => {
  alpha = await createCustomer(db(), { name: "Findings Alpha" });
  beta = await createCustomer(db(), { name: "Findings Beta" });
  alphaProd = (await createAwsAccount(db(), alpha.id, { alias: "alpha-prod" })).id;
  alphaDev = (await createAwsAccount(db(), alpha.id, { alias: "alpha-dev" })).id;
  betaProd = (await createAwsAccount(db(), beta.id, { alias: "beta-prod" })).id;
  consultant = await actorFor(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [alpha.id] }));
  viewer = await actorFor(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: alpha.id }));
  betaViewer = await actorFor(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: beta.id }));
  await db().finding.createMany({
    data: [
      // 30 open MEDIUM findings in prod, ages 1..30 days: two pages' worth with the others.
      ...Array.from({ length: 30 }, (_, index) =>
        finding(alpha.id, alphaProd, `alpha-medium-${String(index).padStart(2, "0")}`, { ageDays: index + 1 }),
      ),
      finding(alpha.id, alphaDev, "CVE-2024-6387 - openssh", {
        severity: "CRITICAL",
        ageDays: 5,
        details: { vulnerabilityId: "CVE-2024-6387" },
      }),
      finding(alpha.id, alphaDev, "old-critical", { severity: "CRITICAL", ageDays: 40 }),
      finding(alpha.id, alphaProd, "high-1", { severity: "HIGH", ageDays: 2, resourceId: "db-EHR-100%" }),
      finding(alpha.id, alphaProd, "rds public", {
        severity: "HIGH",
        source: "CONFIG",
        ageDays: 3,
        details: { configRuleName: "rds-instance-public-access-check" },
      }),
      finding(alpha.id, alphaProd, "fixed", { severity: "CRITICAL", status: "RESOLVED" }),
      finding(alpha.id, alphaDev, "accepted", { severity: "LOW", status: "SUPPRESSED" }),
      finding(beta.id, betaProd, "beta-secret-finding", { severity: "CRITICAL", ageDays: 100 }),
    ],
  });
});

describe("listCustomerFindings", () => {
  it("pages the open findings, most severe first and the oldest first within a severity", async () => {
    const first = await listCustomerFindings(consultant, alpha.id);
    expect(first.total).toBe(34);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(FINDINGS_PAGE_SIZE);
    expect(first.rows.slice(0, 4).map((row) => row.title)).toEqual([
      "old-critical",
      "CVE-2024-6387 - openssh",
      "rds public",
      "high-1",
    ]);
    expect(first.rows[4]!.title).toBe("alpha-medium-29");
    expect(first.rows.find((row) => row.title === "rds public")?.rule).toBe("rds-instance-public-access-check");
    const second = await listCustomerFindings(consultant, alpha.id, { page: "2" });
    expect(second.rows).toHaveLength(34 - FINDINGS_PAGE_SIZE);
    expect(second.rows.at(-1)!.title).toBe("alpha-medium-00");
    const ids = new Set([...first.rows, ...second.rows].map((row) => row.id));
    expect(ids.size).toBe(34);
    // A page past the end shows the last one.
    expect((await listCustomerFindings(consultant, alpha.id, { page: "9" })).page).toBe(2);
    expect(first.accounts.map((account) => account.alias)).toEqual(["alpha-dev", "alpha-prod"]);
  });

  it("filters by severity, status and account, and searches title, CVE, Config rule and resource", async () => {
    const count = async (input: Record<string, string>) => (await listCustomerFindings(viewer, alpha.id, input)).total;
    expect(await count({ severity: "CRITICAL" })).toBe(2);
    expect(await count({ severity: "CRITICAL", status: "ALL" })).toBe(3);
    expect(await count({ status: "RESOLVED" })).toBe(1);
    expect(await count({ status: "SUPPRESSED" })).toBe(1);
    expect(await count({ status: "ALL" })).toBe(36);
    expect(await count({ account: alphaDev })).toBe(2);
    expect(await count({ account: alphaDev, status: "ALL" })).toBe(3);
    expect(await count({ q: "cve-2024" })).toBe(1);
    expect(await count({ q: "RDS-INSTANCE" })).toBe(1);
    expect(await count({ q: "db-ehr" })).toBe(1);
    // LIKE wildcards are searched for as text: "%" matches the one resource holding it; "h_gh" not "high".
    expect(await count({ q: "100%" })).toBe(1);
    expect(await count({ q: "%" })).toBe(1);
    expect(await count({ q: "h_gh" })).toBe(0);
    expect(await count({ q: "alpha-medium-0", severity: "MEDIUM" })).toBe(10);
  });

  it("keeps each customer to its own findings, whatever the filters say", async () => {
    const own = await listCustomerFindings(betaViewer, beta.id, { status: "ALL" });
    expect(own.rows.map((row) => row.title)).toEqual(["beta-secret-finding"]);
    // Beta's viewer with alpha's account id: beta's table, none of alpha's rows.
    expect((await listCustomerFindings(betaViewer, beta.id, { account: alphaProd })).total).toBe(0);
    // Alpha's users asking for beta's account within alpha: nothing; for beta itself: NOT_FOUND.
    expect((await listCustomerFindings(consultant, alpha.id, { account: betaProd, status: "ALL" })).total).toBe(0);
    await expect(listCustomerFindings(consultant, beta.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listCustomerFindings(viewer, beta.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const searched = await listCustomerFindings(consultant, alpha.id, { q: "beta-secret", status: "ALL" });
    expect(searched.total).toBe(0);
  });

  it("reports bad search params at their field and falls back to the defaults", () => {
    const { query, errors } = parseFindingsSearchParams({
      severity: "SEVERE",
      status: "OPEN",
      page: "-3",
      q: "x".repeat(101),
      account: "a b",
    });
    expect(query).toEqual({ q: undefined, severity: undefined, status: "OPEN", account: undefined, page: 1 });
    expect(errors).toEqual({
      severity: "Choose a severity from the list.",
      page: "A page is a whole number from 1.",
      q: "Search for at most 100 characters.",
      account: "Choose an account from the list.",
    });
    expect(parseFindingsSearchParams({ page: "2", status: "", q: "  kms " })).toEqual({
      query: { q: "kms", severity: undefined, status: "OPEN", account: undefined, page: 2 },
      errors: {},
    });
  });
});
