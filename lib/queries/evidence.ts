import "server-only";
import { type Actor, can, withCustomerScope } from "../authz/policy";
import { db } from "../db/client";
import { notFound } from "../errors";
import { getCustomer } from "./customers";

export const EVIDENCE_PREVIEW_CHARACTERS = 50_000;

export const REDACTED = "[redacted]";

/**
 * Collected evidence with every ExternalId taken out, for actors without externalId:read (issue 16):
 * values under a key naming an ExternalId (the audit role's trust policy has `sts:ExternalId`), and
 * the customer's own ExternalId wherever else it appears, even inside a URL-encoded policy string.
 */
export function redactExternalIds(data: unknown, externalId: string): unknown {
  const literal = externalId.length >= 6 ? externalId : null;
  const variants = literal ? [literal, encodeURIComponent(literal)] : [];
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return variants.reduce((text, variant) => text.split(variant).join(REDACTED), value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([key, child]) => [key, /external_?id/i.test(key) ? REDACTED : walk(child)]),
      );
    }
    return value;
  };
  return walk(data);
}

function previewOf(data: unknown): { preview: string | null; size: number } {
  if (data === undefined || data === null) return { preview: null, size: 0 };
  const text = JSON.stringify(data, null, 2);
  return { preview: text.slice(0, EVIDENCE_PREVIEW_CHARACTERS), size: text.length };
}

export interface EvidenceView {
  collector: string;
  region: string;
  /** COLLECTED: current and confirmed by the latest run; STALE: the latest run failed here, previous kept. */
  state: "COLLECTED" | "STALE" | "NEVER";
  collectedAt: string | null;
  confirmedAt: string | null;
  /** Pretty-printed collected data, cut at EVIDENCE_PREVIEW_CHARACTERS so a 1,000-user account stays a light page. */
  preview: string | null;
  /** Size of the whole pretty-printed document, in characters. */
  size: number;
  latestError: { code: string | null; operation: string | null; message: string | null } | null;
}

/** An account's current evidence per collector and region, with the latest run's failures beside it. */
export async function getAccountEvidence(actor: Actor, customerId: string, awsAccountId: string) {
  const customer = await getCustomer(actor, customerId);
  const account = await db().awsAccount.findFirst({
    where: withCustomerScope(actor, { id: awsAccountId, customerId: customer.id }),
    select: {
      id: true,
      alias: true,
      accountNumber: true,
      regions: true,
      environment: true,
      // Server-side only, to redact it from the evidence; never part of what this returns.
      customer: { select: { externalId: true } },
    },
  });
  if (!account) throw notFound("Account not found");
  const [evidence, latestRun, recentRuns] = await Promise.all([
    db().evidence.findMany({
      where: { awsAccountId: account.id, isCurrent: true },
      select: { collector: true, region: true, collectedAt: true, confirmedAt: true, data: true },
      orderBy: [{ collector: "asc" }, { region: "asc" }],
    }),
    db().syncRun.findFirst({
      where: { awsAccountId: account.id, status: { in: ["SUCCEEDED", "PARTIAL", "FAILED"] } },
      orderBy: { queuedAt: "desc" },
      select: {
        steps: {
          select: {
            collector: true,
            region: true,
            status: true,
            errorCode: true,
            errorOperation: true,
            errorMessage: true,
          },
        },
      },
    }),
    db().syncRun.findMany({
      where: { awsAccountId: account.id },
      orderBy: { queuedAt: "desc" },
      take: 10,
      select: {
        id: true,
        status: true,
        trigger: true,
        queuedAt: true,
        finishedAt: true,
        durationMs: true,
        errorSummary: true,
      },
    }),
  ]);
  const mayReadExternalId = can(actor, "externalId:read");
  const stepByKey = new Map((latestRun?.steps ?? []).map((step) => [`${step.collector}@${step.region}`, step]));
  const keys = new Set([...evidence.map((row) => `${row.collector}@${row.region}`), ...stepByKey.keys()]);
  const evidenceByKey = new Map(evidence.map((row) => [`${row.collector}@${row.region}`, row]));
  const views: EvidenceView[] = [...keys].sort().map((key) => {
    const row = evidenceByKey.get(key);
    const step = stepByKey.get(key);
    const [collector, region] = key.split("@") as [string, string];
    const failed = step?.status === "FAILED" || step?.status === "SKIPPED";
    return {
      collector,
      region,
      state: !row ? "NEVER" : failed ? "STALE" : "COLLECTED",
      collectedAt: row?.collectedAt.toISOString() ?? null,
      confirmedAt: row?.confirmedAt.toISOString() ?? null,
      ...previewOf(mayReadExternalId ? row?.data : redactExternalIds(row?.data, account.customer.externalId)),
      latestError: failed ? { code: step.errorCode, operation: step.errorOperation, message: step.errorMessage } : null,
    };
  });
  const { customer: _secret, ...accountView } = account;
  return { customer, account: accountView, evidence: views, recentRuns };
}
