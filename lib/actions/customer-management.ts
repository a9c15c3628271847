"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { actionClient } from "@/lib/actions/action-client";
import {
  retireAwsAccountSchema,
  retireCustomerSchema,
  roleArnAccountMismatch,
  updateAwsAccountSchema,
  updateCustomerSchema,
} from "@/lib/actions/customer-schemas";
import { authorize, withCustomerIdScope, withCustomerScope } from "@/lib/authz/policy";
import { slugify } from "@/lib/customers/identifiers";
import { customerPracticeChanges, customerPracticePatch } from "@/lib/customers/practice-settings";
import { updateCustomerSettings } from "@/lib/customers/settings";
import { notFound } from "@/lib/errors";
import { lockCustomerSnapshots, rollUpCustomerScore, writePortfolioSnapshot } from "@/lib/evaluation/evaluate-account";

// Editing and retiring what an administrator created (issue 19 item 5). Retiring archives, never
// deletes: the customer's or account's evidence, results, snapshots, findings, alerts, reviews and audit
// rows stay, read-only; it is no longer synced and leaves the scores and means it fed.

const RETIRED_ACCOUNT_SYNC_MESSAGE = "The account was retired before this sync started; it is no longer synced.";

export const updateCustomerAction = actionClient
  .metadata({ actionName: "updateCustomer", permission: "customer:manage" })
  .inputSchema(updateCustomerSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const updated = await transaction(async (tx, audit) => {
      const customer = await tx.customer.findFirst({
        where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
        select: { id: true, name: true, slug: true },
      });
      if (!customer) throw notFound("Customer not found");
      authorize(actor, "customer:manage", { customerId: customer.id });
      const slug = slugify(parsedInput.name);
      if (!slug)
        returnValidationErrors(updateCustomerSchema, { name: { _errors: ["The name needs letters or digits."] } });
      if (slug !== customer.slug) {
        const taken = await tx.customer.findUnique({ where: { slug }, select: { id: true } });
        if (taken)
          returnValidationErrors(updateCustomerSchema, {
            name: { _errors: ["Another customer already has this name (or one that differs only in punctuation)."] },
          });
      }
      const result = await tx.customer.update({
        where: { id: customer.id },
        // The slug follows the name: `npm run sync -- --customer <slug>` and the CSV import find it by name.
        data: { name: parsedInput.name, slug },
        select: { id: true, name: true },
      });
      const { before, after } = await updateCustomerSettings(tx, customer.id, {
        emailDomains: parsedInput.emailDomains,
        ...customerPracticePatch(parsedInput),
      });
      await audit({
        action: "customer.updated",
        targetType: "Customer",
        targetId: customer.id,
        customerId: customer.id,
        metadata: {
          ...(customer.name !== parsedInput.name ? { name: { from: customer.name, to: parsedInput.name } } : {}),
          emailDomains: { from: before.emailDomains, to: parsedInput.emailDomains },
          ...customerPracticeChanges(before, after),
        },
      });
      return result;
    });
    revalidateCustomerPages(updated.id);
    return updated;
  });

export const updateAwsAccountAction = actionClient
  .metadata({ actionName: "updateAwsAccount", permission: "account:manage" })
  .inputSchema(updateAwsAccountSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const updated = await transaction(async (tx, audit) => {
      const account = await tx.awsAccount.findFirst({
        where: withCustomerScope(actor, {
          id: parsedInput.awsAccountId,
          archivedAt: null,
          customer: { archivedAt: null },
        }),
        select: {
          id: true,
          customerId: true,
          accountNumber: true,
          alias: true,
          roleArn: true,
          regions: true,
          environment: true,
        },
      });
      if (!account) throw notFound("Account not found");
      authorize(actor, "account:manage", { customerId: account.customerId });
      const mismatch = roleArnAccountMismatch(parsedInput.roleArn, account.accountNumber);
      if (mismatch) returnValidationErrors(updateAwsAccountSchema, { roleArn: { _errors: [mismatch] } });
      const next = {
        alias: parsedInput.alias,
        roleArn: parsedInput.roleArn,
        regions: parsedInput.regions,
        environment: parsedInput.environment,
      };
      const changes = Object.fromEntries(
        (Object.keys(next) as (keyof typeof next)[])
          .filter((key) => JSON.stringify(account[key]) !== JSON.stringify(next[key]))
          .map((key) => [key, { from: account[key], to: next[key] }]),
      );
      const result = await tx.awsAccount.update({
        where: { id: account.id },
        data: next,
        select: { id: true, alias: true, accountNumber: true, customerId: true },
      });
      await audit({
        action: "aws_account.updated",
        targetType: "AwsAccount",
        targetId: account.id,
        customerId: account.customerId,
        metadata: { accountNumber: account.accountNumber, changes },
      });
      return result;
    });
    revalidateCustomerPages(updated.customerId);
    return { id: updated.id, alias: updated.alias, accountNumber: updated.accountNumber };
  });

export const retireAwsAccountAction = actionClient
  .metadata({ actionName: "retireAwsAccount", permission: "account:manage" })
  .inputSchema(retireAwsAccountSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const retired = await transaction(async (tx, audit) => {
      const account = await tx.awsAccount.findFirst({
        where: withCustomerScope(actor, {
          id: parsedInput.awsAccountId,
          archivedAt: null,
          customer: { archivedAt: null },
        }),
        select: { id: true, customerId: true, accountNumber: true, alias: true },
      });
      if (!account) throw notFound("Account not found");
      authorize(actor, "account:manage", { customerId: account.customerId });
      const now = new Date();
      await lockCustomerSnapshots(tx, account.customerId);
      await tx.awsAccount.update({ where: { id: account.id }, data: { archivedAt: now } });
      // A queued sync would otherwise wait forever (the worker does not claim a retired account's run).
      const cancelled = await tx.syncRun.updateMany({
        where: { awsAccountId: account.id, status: "QUEUED" },
        data: { status: "FAILED", finishedAt: now, errorSummary: RETIRED_ACCOUNT_SYNC_MESSAGE },
      });
      const openAlerts = await tx.alert.findMany({
        where: { awsAccountId: account.id, status: { in: ["NEW", "ACKNOWLEDGED", "IN_PROGRESS"] } },
        select: { id: true, status: true },
      });
      if (openAlerts.length > 0) {
        await tx.alert.updateMany({
          where: { id: { in: openAlerts.map((alert) => alert.id) } },
          data: { status: "RESOLVED", resolvedAt: now },
        });
        await tx.alertEvent.createMany({
          data: openAlerts.map((alert) => ({
            alertId: alert.id,
            actorId: actor.userId,
            type: "account_retired",
            fromStatus: alert.status,
            toStatus: "RESOLVED" as const,
            note: `Account ${account.alias} (${account.accountNumber}) was retired.`,
            createdAt: now,
          })),
        });
      }
      const customerSummary = await rollUpCustomerScore(tx, account.customerId, now, null);
      await audit({
        action: "aws_account.retired",
        targetType: "AwsAccount",
        targetId: account.id,
        customerId: account.customerId,
        metadata: {
          accountNumber: account.accountNumber,
          alias: account.alias,
          cancelledSyncs: cancelled.count,
          resolvedAlerts: openAlerts.length,
          customerScoreAfter: customerSummary.score,
        },
      });
      return account;
    });
    revalidateCustomerPages(retired.customerId);
    return { id: retired.id, alias: retired.alias, accountNumber: retired.accountNumber };
  });

export const retireCustomerAction = actionClient
  .metadata({ actionName: "retireCustomer", permission: "customer:manage" })
  .inputSchema(retireCustomerSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const retired = await transaction(async (tx, audit) => {
      const customer = await tx.customer.findFirst({
        where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
        select: { id: true, name: true },
      });
      if (!customer) throw notFound("Customer not found");
      authorize(actor, "customer:manage", { customerId: customer.id });
      if (parsedInput.confirmName.toLowerCase() !== customer.name.toLowerCase())
        returnValidationErrors(retireCustomerSchema, {
          confirmName: { _errors: [`Type the customer's name exactly as shown (${customer.name}) to retire it.`] },
        });
      const now = new Date();
      await tx.customer.update({ where: { id: customer.id }, data: { archivedAt: now } });
      const cancelled = await tx.syncRun.updateMany({
        where: { customerId: customer.id, status: "QUEUED" },
        data: { status: "FAILED", finishedAt: now, errorSummary: "The customer was retired before this sync started." },
      });
      // Its customer users' sessions end at their next request (loadActor refuses an archived customer).
      const users = await tx.user.count({ where: { customerId: customer.id, active: true } });
      await writePortfolioSnapshot(tx, now);
      await audit({
        action: "customer.retired",
        targetType: "Customer",
        targetId: customer.id,
        customerId: customer.id,
        metadata: { name: customer.name, cancelledSyncs: cancelled.count, customerUsersSignedOut: users },
      });
      return customer;
    });
    revalidateCustomerPages(retired.id);
    revalidatePath("/trends");
    revalidatePath("/alerts");
    return { id: retired.id, name: retired.name };
  });

function revalidateCustomerPages(customerId: string): void {
  revalidatePath("/settings");
  revalidatePath("/portfolio");
  revalidatePath(`/customers/${customerId}`, "layout");
}
