"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/action-client";
import { addOrganizationAccountsSchema, aliasFromAccountName } from "@/lib/actions/organization-schemas";
import { raiseSignals } from "@/lib/alerts/raise-alerts";
import { alertDedupKey } from "@/lib/alerts/sources";
import { authorize, withCustomerIdScope } from "@/lib/authz/policy";
import { GLOBAL_SCOPE_LABEL } from "@/lib/aws/clients";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { OrganizationsEvidence } from "@/lib/evidence/organization-tree";
import { logger } from "@/lib/logger";

// Adds many member accounts of an organization in one step (admins), from the tree the customer's
// management account (or delegated administrator) last collected: all or nothing, one audit row per
// account. Each account's audit role is the StackSet's (same name in every account).

const LIVE_STATUSES = new Set(["ACTIVE", "SUSPENDED"]);

export const addOrganizationAccountsAction = actionClient
  .metadata({ actionName: "addOrganizationAccounts", permission: "account:manage" })
  .inputSchema(addOrganizationAccountsSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const outcome = await transaction(async (tx, audit) => {
      const customer = await tx.customer.findFirst({
        where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
        select: { id: true },
      });
      if (!customer) throw notFound("Customer not found");
      authorize(actor, "account:manage", { customerId: customer.id });
      const reader = await tx.awsAccount.findFirst({
        where: { id: parsedInput.readerAccountId, customerId: customer.id },
        select: { id: true, accountNumber: true },
      });
      if (!reader) throw notFound("Account not found");
      const evidence = await tx.evidence.findFirst({
        where: { awsAccountId: reader.id, collector: "organizations", region: GLOBAL_SCOPE_LABEL, isCurrent: true },
        select: { data: true },
      });
      const organization = evidence?.data as OrganizationsEvidence | undefined;
      const members = new Map((organization?.structure?.accounts ?? []).map((member) => [member.accountId, member]));
      if (!organization?.structure) {
        throw new AppError(
          "CONFLICT",
          `Account ${reader.accountNumber} has not read its organization yet: sync it first.`,
        );
      }
      const taken = await tx.awsAccount.findMany({
        where: { accountNumber: { in: parsedInput.accountNumbers } },
        select: { accountNumber: true },
      });
      const problems = [
        ...parsedInput.accountNumbers
          .filter((id) => !members.has(id))
          .map((id) => `${id} is not in organization ${organization.organizationId}`),
        ...parsedInput.accountNumbers
          .filter((id) => members.has(id) && !LIVE_STATUSES.has(members.get(id)?.status ?? ""))
          .map((id) => `${id} is ${members.get(id)?.status?.toLowerCase() ?? "not active"}`),
        ...taken.map((row) => `${row.accountNumber} is already connected`),
      ];
      if (problems.length > 0) {
        const message = `Nothing was added: ${problems.join("; ")}.`;
        throw new AppError("BAD_INPUT", message, { fieldErrors: { accountNumbers: message } });
      }
      const created = [];
      for (const accountNumber of parsedInput.accountNumbers) {
        const member = members.get(accountNumber)!;
        const account = await tx.awsAccount.create({
          data: {
            customerId: customer.id,
            accountNumber,
            alias: aliasFromAccountName(member.name, accountNumber),
            roleArn: `arn:aws:iam::${accountNumber}:role/${parsedInput.roleName}`,
            regions: parsedInput.regions,
            environment: parsedInput.environment,
          },
          select: { id: true, alias: true, accountNumber: true },
        });
        await audit({
          action: "aws_account.created",
          targetType: "AwsAccount",
          targetId: account.id,
          customerId: customer.id,
          metadata: {
            accountNumber,
            alias: account.alias,
            regions: parsedInput.regions,
            from: `organization ${organization.organizationId} via ${reader.accountNumber}`,
          },
        });
        created.push(account);
      }
      return { customerId: customer.id, readerId: reader.id, created };
    });
    await resolveUnmonitoredAlerts(outcome.customerId, outcome.readerId, outcome.created);
    revalidatePath("/settings");
    revalidatePath("/alerts");
    return { added: outcome.created };
  });

/** The "not monitored" alerts of the accounts just connected resolve now, not at the next sync. */
async function resolveUnmonitoredAlerts(
  customerId: string,
  readerId: string,
  accounts: readonly { accountNumber: string }[],
): Promise<void> {
  try {
    await raiseSignals(db(), {
      customerId,
      awsAccountId: readerId,
      source: "ORGANIZATION",
      at: new Date(),
      signals: [],
      only: accounts.map((account) =>
        alertDedupKey({
          source: "ORGANIZATION",
          awsAccountId: readerId,
          customerId,
          rule: "unmonitored-account",
          resource: account.accountNumber,
        }),
      ),
      clearedNote: "The account is connected to Rampart.",
    });
  } catch (error) {
    // The management account's next sync resolves them from the stored state.
    logger.error({ err: error, customerId }, "resolving the organization's not-monitored alerts failed");
  }
}
