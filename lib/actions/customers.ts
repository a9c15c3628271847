"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { actionClient } from "@/lib/actions/action-client";
import { createAwsAccountSchema, createCustomerSchema } from "@/lib/actions/customer-schemas";
import { createCustomerRecord } from "@/lib/actions/customer-writes";
import { authorize, withCustomerIdScope } from "@/lib/authz/policy";
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

export const createAwsAccountAction = actionClient
  .metadata({ actionName: "createAwsAccount", permission: "account:manage" })
  .inputSchema(createAwsAccountSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const account = await transaction(async (tx, audit) => {
      const customer = await tx.customer.findFirst({
        where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
        select: { id: true },
      });
      if (!customer) throw notFound("Customer not found");
      authorize(actor, "account:manage", { customerId: customer.id });
      const taken = await tx.awsAccount.findUnique({
        where: { accountNumber: parsedInput.accountNumber },
        select: { id: true, archivedAt: true },
      });
      if (taken) {
        returnValidationErrors(createAwsAccountSchema, {
          accountNumber: {
            _errors: [
              taken.archivedAt
                ? "This AWS account was retired; a retired account keeps its history and is not connected again."
                : "This AWS account is already connected (an account belongs to one customer).",
            ],
          },
        });
      }
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
      return created;
    });
    revalidatePath("/settings");
    return account;
  });
