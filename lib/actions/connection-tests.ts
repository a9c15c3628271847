"use server";

import { revalidatePath } from "next/cache";
import { actionClient, type TransactionRunner } from "@/lib/actions/action-client";
import {
  promotePendingExternalId,
  recordConnectionTest,
  runConnectionTest,
} from "@/lib/actions/connection-test-records";
import {
  adoptExistingExternalIdSchema,
  rotateExternalIdSchema,
  testAccountConnectionSchema,
} from "@/lib/actions/connection-test-schemas";
import { type Actor, authorize, withCustomerIdScope, withCustomerScope } from "@/lib/authz/policy";
import { assessExternalIdStrength, newExternalId } from "@/lib/customers/identifiers";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { ConnectionCheck, ConnectionOutcome } from "@/lib/onboarding/connection-test";

// Connection tests and ExternalId rotation. The ExternalId itself never leaves the server here: results
// carry checks (no secret), and the rotation actions answer with what changed, not the id.

export interface ConnectionTestView {
  testedAt: string;
  outcome: ConnectionOutcome;
  durationMs: number;
  checks: ConnectionCheck[];
  /** The customer's new ExternalId replaced the old one with this test. */
  promoted: boolean;
}

/** "Test connection" in Settings: assume the role and probe each collector, record and audit the result. */
export const testAccountConnectionAction = actionClient
  .metadata({ actionName: "testAccountConnection", permission: "account:test" })
  .inputSchema(testAccountConnectionSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }): Promise<ConnectionTestView> => {
    const account = await db().awsAccount.findFirst({
      where: withCustomerScope(actor, { id: parsedInput.awsAccountId, customer: { archivedAt: null } }),
      select: {
        id: true,
        customerId: true,
        accountNumber: true,
        roleArn: true,
        regions: true,
        customer: { select: { externalId: true, pendingExternalId: true } },
      },
    });
    if (!account) throw notFound("Not found");
    authorize(actor, "account:test", { customerId: account.customerId });
    const result = await runConnectionTest(account);
    const recorded = await transaction((tx, audit) =>
      recordConnectionTest(tx, audit, {
        awsAccountId: account.id,
        customerId: account.customerId,
        result,
        testedPendingExternalId: account.customer.pendingExternalId,
        testedById: actor.userId,
      }),
    );
    revalidatePath("/settings");
    return {
      testedAt: recorded.testedAt.toISOString(),
      outcome: result.outcome,
      durationMs: result.durationMs,
      checks: result.checks,
      promoted: recorded.promoted,
    };
  });

async function loadCustomerForExternalId(actor: Actor, customerId: string) {
  const customer = await db().customer.findFirst({
    where: withCustomerIdScope(actor, { id: customerId, archivedAt: null }),
    select: { id: true, externalId: true, _count: { select: { accounts: true } } },
  });
  if (!customer) throw notFound("Not found");
  authorize(actor, "customer:manage", { customerId: customer.id });
  return customer;
}

export interface ExternalIdChange {
  /** true: it replaced the ExternalId at once (the customer has no account yet). */
  promoted: boolean;
  /** Plain-words warnings about an ExternalId entered by hand (short, little randomness). */
  warnings: string[];
}

async function setPendingExternalId(
  transaction: TransactionRunner,
  customerId: string,
  externalId: string,
  source: "generated" | "entered",
): Promise<boolean> {
  return transaction(async (tx, audit) => {
    const inUse = await tx.customer.findFirst({
      where: { id: { not: customerId }, OR: [{ externalId }, { pendingExternalId: externalId }] },
      select: { id: true },
    });
    if (inUse) {
      const message = "Another customer already uses this ExternalId: each customer needs its own.";
      throw new AppError("CONFLICT", message, { fieldErrors: { externalId: message } });
    }
    await tx.customer.update({
      where: { id: customerId },
      data: { pendingExternalId: externalId, pendingExternalIdSetAt: new Date() },
      select: { id: true },
    });
    const accounts = await tx.awsAccount.count({ where: { customerId } });
    await audit({
      action: "customer.external_id_rotation_started",
      targetType: "Customer",
      targetId: customerId,
      customerId,
      metadata: {
        source,
        accounts,
        ...(source === "entered" ? { weak: assessExternalIdStrength(externalId).weak } : {}),
      },
    });
    // Nothing to wait for without accounts: the new id takes over at once.
    return accounts === 0 ? promotePendingExternalId(tx, audit, customerId, externalId, 0) : false;
  });
}

/** Rotate: a new generated ExternalId waits beside the current one until every account's role accepts it. */
export const rotateExternalIdAction = actionClient
  .metadata({ actionName: "rotateExternalId", permission: "customer:manage" })
  .inputSchema(rotateExternalIdSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }): Promise<ExternalIdChange> => {
    const customer = await loadCustomerForExternalId(actor, parsedInput.customerId);
    const promoted = await setPendingExternalId(transaction, customer.id, newExternalId(), "generated");
    revalidatePath("/settings");
    return { promoted, warnings: [] };
  });

/** Migration: the ExternalId the customer's roles already trust, entered once (validated, weak ones warned). */
export const adoptExistingExternalIdAction = actionClient
  .metadata({ actionName: "adoptExistingExternalId", permission: "customer:manage" })
  .inputSchema(adoptExistingExternalIdSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }): Promise<ExternalIdChange> => {
    const customer = await loadCustomerForExternalId(actor, parsedInput.customerId);
    if (customer.externalId === parsedInput.externalId) {
      const message = "This is already the customer's ExternalId.";
      throw new AppError("BAD_INPUT", message, { fieldErrors: { externalId: message } });
    }
    const promoted = await setPendingExternalId(transaction, customer.id, parsedInput.externalId, "entered");
    revalidatePath("/settings");
    return { promoted, warnings: assessExternalIdStrength(parsedInput.externalId).warnings };
  });
