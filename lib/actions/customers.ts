"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { actionClient } from "@/lib/actions/action-client";
import { recordConnectionTest, runConnectionTest } from "@/lib/actions/connection-test-records";
import type { ConnectionTestView } from "@/lib/actions/connection-tests";
import { createAwsAccountSchema, createCustomerSchema } from "@/lib/actions/customer-schemas";
import { createCustomerRecord } from "@/lib/actions/customer-writes";
import { authorize, withCustomerIdScope } from "@/lib/authz/policy";
import { db, type Transaction } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";

// Customers and their AWS accounts (admins). The ExternalId is generated here, never typed in,
// so each customer's is unique and unguessable.

export const createCustomerAction = actionClient
  .metadata({ actionName: "createCustomer", permission: "customer:manage" })
  .inputSchema(createCustomerSchema)
  .action(async ({ parsedInput, ctx: { transaction } }) => {
    const customer = await transaction((tx, audit) => createCustomerRecord(tx, audit, parsedInput)).catch(
      (error: unknown) => {
        // Shown at the name field, not as a banner (issue 19: every refusal next to its field).
        if (error instanceof AppError && error.fieldErrors?.name)
          returnValidationErrors(createCustomerSchema, { name: { _errors: [error.fieldErrors.name] } });
        throw error;
      },
    );
    revalidatePath("/settings");
    revalidatePath("/portfolio");
    return { id: customer.id, name: customer.name };
  });

export type CreateAwsAccountResult =
  | { saved: true; account: { id: string; alias: string; accountNumber: string }; test: ConnectionTestView }
  | { saved: false; test: ConnectionTestView };

/**
 * Connects an AWS account after testing the connection: saved when the role can be assumed, refused
 * (with the checklist) when it cannot. Missing permissions do not block saving: the checklist warns, the
 * account's syncs report those collectors as UNKNOWN, and "Test connection" re-checks once fixed.
 */
export const createAwsAccountAction = actionClient
  .metadata({ actionName: "createAwsAccount", permission: "account:manage" })
  .inputSchema(createAwsAccountSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }): Promise<CreateAwsAccountResult> => {
    const customer = await db().customer.findFirst({
      where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
      select: { id: true, externalId: true, pendingExternalId: true },
    });
    if (!customer) throw notFound("Customer not found");
    authorize(actor, "account:manage", { customerId: customer.id });
    await refuseTakenAccountNumber(db(), parsedInput.accountNumber);
    const result = await runConnectionTest({ ...parsedInput, customer });
    const testView = (testedAt: Date, promoted = false): ConnectionTestView => ({
      testedAt: testedAt.toISOString(),
      outcome: result.outcome,
      durationMs: result.durationMs,
      checks: result.checks,
      promoted,
    });
    if (!result.assumed) {
      await transaction((_tx, audit) =>
        audit({
          action: "aws_account.connection_refused",
          targetType: "Customer",
          targetId: customer.id,
          customerId: customer.id,
          metadata: { accountNumber: parsedInput.accountNumber, outcome: result.outcome },
        }),
      );
      return { saved: false, test: testView(new Date(result.startedAt)) };
    }
    const saved = await transaction(async (tx, audit) => {
      await refuseTakenAccountNumber(tx, parsedInput.accountNumber);
      const created = await tx.awsAccount.create({
        data: {
          customerId: customer.id,
          accountNumber: parsedInput.accountNumber,
          alias: parsedInput.alias,
          roleArn: parsedInput.roleArn,
          regions: parsedInput.regions,
          environment: parsedInput.environment,
        },
        select: { id: true, alias: true, accountNumber: true },
      });
      await audit({
        action: "aws_account.created",
        targetType: "AwsAccount",
        targetId: created.id,
        customerId: customer.id,
        metadata: { accountNumber: created.accountNumber, alias: created.alias, regions: parsedInput.regions },
      });
      const recorded = await recordConnectionTest(tx, audit, {
        awsAccountId: created.id,
        customerId: customer.id,
        result,
        testedPendingExternalId: customer.pendingExternalId,
        testedById: actor.userId,
      });
      return { created, recorded };
    });
    revalidatePath("/settings");
    return { saved: true, account: saved.created, test: testView(saved.recorded.testedAt, saved.recorded.promoted) };
  });

async function refuseTakenAccountNumber(client: Pick<Transaction, "awsAccount">, accountNumber: string): Promise<void> {
  const taken = await client.awsAccount.findUnique({ where: { accountNumber }, select: { archivedAt: true } });
  if (taken) {
    const message = taken.archivedAt
      ? "This AWS account was retired; a retired account keeps its history and is not connected again."
      : "This AWS account is already connected (an account belongs to one customer).";
    // Shown at the account id field (issue 19: every refusal next to its field).
    returnValidationErrors(createAwsAccountSchema, { accountNumber: { _errors: [message] } });
  }
}
