"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/action-client";
import { createAwsAccountSchema, createCustomerSchema } from "@/lib/actions/customer-schemas";
import { authorize, withCustomerIdScope } from "@/lib/authz/policy";
import { newExternalId, slugify } from "@/lib/customers/identifiers";
import { AppError, notFound } from "@/lib/errors";

// Customers and their AWS accounts (admins). The ExternalId is generated here, never typed in,
// so each customer's is unique and unguessable.

export const createCustomerAction = actionClient
  .metadata({ actionName: "createCustomer", permission: "customer:manage" })
  .inputSchema(createCustomerSchema)
  .action(async ({ parsedInput, ctx: { transaction } }) => {
    const slug = slugify(parsedInput.name);
    if (!slug)
      throw new AppError("BAD_INPUT", "The name needs letters or digits.", {
        fieldErrors: { name: "The name needs letters or digits." },
      });
    const customer = await transaction(async (tx, audit) => {
      if (await tx.customer.findUnique({ where: { slug }, select: { id: true } })) {
        throw new AppError("CONFLICT", "A customer with this name already exists.", {
          fieldErrors: { name: "A customer with this name already exists." },
        });
      }
      const created = await tx.customer.create({
        data: {
          name: parsedInput.name,
          slug,
          externalId: newExternalId(),
          settings: { emailDomains: parsedInput.emailDomains },
        },
        select: { id: true, name: true },
      });
      await audit({
        action: "customer.created",
        targetType: "Customer",
        targetId: created.id,
        customerId: created.id,
        metadata: { name: created.name },
      });
      return created;
    });
    revalidatePath("/settings");
    revalidatePath("/portfolio");
    return customer;
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
        select: { id: true },
      });
      if (taken) {
        throw new AppError("CONFLICT", "This AWS account is already connected.", {
          fieldErrors: { accountNumber: "This AWS account is already connected (an account belongs to one customer)." },
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
