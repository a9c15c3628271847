import type { AuditWriter } from "@/lib/actions/action-client";
import type { Transaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { type ConnectionTestResult, testConnection } from "@/lib/onboarding/connection-test";

// Running a connection test for a stored account and recording it: shared by testAccountConnectionAction
// (Settings), createAwsAccountAction (before saving) and `npm run onboarding:test`. The test itself runs
// outside any transaction (it may take seconds); the record, its audit row and an ExternalId promotion
// commit together.

export interface ConnectionTarget {
  accountNumber: string;
  roleArn: string;
  regions: string[];
  customer: { externalId: string; pendingExternalId: string | null };
}

/** The connection test with the ExternalId a rotation is waiting on (the current one as the fallback). */
export function runConnectionTest(target: ConnectionTarget): Promise<ConnectionTestResult> {
  const { externalId, pendingExternalId } = target.customer;
  return testConnection({
    accountNumber: target.accountNumber,
    roleArn: target.roleArn,
    regions: target.regions,
    externalId: pendingExternalId ?? externalId,
    fallbackExternalId: pendingExternalId ? externalId : undefined,
  });
}

export interface RecordedConnectionTest {
  id: string;
  testedAt: Date;
  /** The customer's pending ExternalId became its ExternalId with this test. */
  promoted: boolean;
}

/**
 * Stores the result, audits it, and promotes the customer's pending ExternalId when the role of every
 * one of its accounts has accepted it since it was set (their latest test since then, this one included).
 */
export async function recordConnectionTest(
  tx: Transaction,
  audit: AuditWriter,
  input: {
    awsAccountId: string;
    customerId: string;
    result: ConnectionTestResult;
    /** The pending ExternalId the test asked for (null: none pending). Compared, never stored or logged. */
    testedPendingExternalId: string | null;
    testedById?: string;
  },
): Promise<RecordedConnectionTest> {
  const { result } = input;
  const testedPending = input.testedPendingExternalId !== null;
  const pendingAccepted = testedPending && result.externalIdUsed === "requested";
  const record = await tx.connectionTest.create({
    data: {
      customerId: input.customerId,
      awsAccountId: input.awsAccountId,
      outcome: result.outcome,
      testedPendingExternalId: testedPending,
      pendingExternalIdAccepted: pendingAccepted,
      durationMs: result.durationMs,
      checks: result.checks as unknown as Prisma.InputJsonValue,
      testedById: input.testedById ?? null,
    },
    select: { id: true, testedAt: true },
  });
  const notOk = result.checks.filter((check) => check.status !== "OK");
  await audit({
    action: "aws_account.connection_tested",
    targetType: "AwsAccount",
    targetId: input.awsAccountId,
    customerId: input.customerId,
    metadata: {
      accountNumber: result.accountNumber,
      outcome: result.outcome,
      checks: result.checks.length,
      denied: notOk.filter((check) => check.status === "DENIED").map((check) => check.iamAction ?? check.id),
      notOk: notOk.length,
      ...(testedPending ? { pendingExternalIdAccepted: pendingAccepted } : {}),
    },
  });
  const promoted =
    pendingAccepted && input.testedPendingExternalId
      ? await promotePendingExternalIdIfReady(tx, audit, input.customerId, input.testedPendingExternalId)
      : false;
  return { ...record, promoted };
}

/** True when it promoted. `expectedPending` guards against a rotation started again meanwhile. */
export async function promotePendingExternalIdIfReady(
  tx: Transaction,
  audit: AuditWriter,
  customerId: string,
  expectedPending: string,
): Promise<boolean> {
  const customer = await tx.customer.findUnique({
    where: { id: customerId },
    select: { pendingExternalId: true, pendingExternalIdSetAt: true, accounts: { select: { id: true } } },
  });
  if (!customer?.pendingExternalId || customer.pendingExternalId !== expectedPending) return false;
  const since = customer.pendingExternalIdSetAt ?? new Date(0);
  for (const account of customer.accounts) {
    const latest = await tx.connectionTest.findFirst({
      where: { awsAccountId: account.id, testedPendingExternalId: true, testedAt: { gte: since } },
      orderBy: { testedAt: "desc" },
      select: { pendingExternalIdAccepted: true },
    });
    if (!latest?.pendingExternalIdAccepted) return false;
  }
  return promotePendingExternalId(tx, audit, customerId, expectedPending, customer.accounts.length);
}

export async function promotePendingExternalId(
  tx: Transaction,
  audit: AuditWriter,
  customerId: string,
  expectedPending: string,
  accounts: number,
): Promise<boolean> {
  const { count } = await tx.customer.updateMany({
    where: { id: customerId, pendingExternalId: expectedPending },
    data: { externalId: expectedPending, pendingExternalId: null, pendingExternalIdSetAt: null },
  });
  if (count === 0) return false;
  await audit({
    action: "customer.external_id_promoted",
    targetType: "Customer",
    targetId: customerId,
    customerId,
    metadata: { accounts },
  });
  return true;
}
