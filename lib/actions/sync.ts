"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/action-client";
import { requestSyncSchema } from "@/lib/actions/customer-schemas";
import { authorize, withCustomerScope } from "@/lib/authz/policy";
import { requestSync } from "@/lib/collectors/sync-run";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { enqueueSyncRun } from "@/lib/jobs/queue";

/** "Sync now" for one account or every account of a customer; already queued/running accounts are not doubled. */
export const requestSyncAction = actionClient
  .metadata({ actionName: "requestSync", permission: "sync:run" })
  .inputSchema(requestSyncSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const accounts = await db().awsAccount.findMany({
      where: withCustomerScope(actor, {
        ...(parsedInput.awsAccountId ? { id: parsedInput.awsAccountId } : { customerId: parsedInput.customerId }),
        archivedAt: null,
        customer: { archivedAt: null },
      }),
      select: { id: true, customerId: true },
    });
    if (accounts.length === 0) throw notFound("Not found");
    for (const account of accounts) authorize(actor, "sync:run", { customerId: account.customerId });

    const runs: { awsAccountId: string; runId: string; created: boolean }[] = [];
    for (const account of accounts) {
      const { runId, created } = await requestSync(db(), {
        awsAccountId: account.id,
        trigger: "MANUAL",
        requestedById: actor.userId,
      });
      if (created) await enqueueSyncRun(runId);
      runs.push({ awsAccountId: account.id, runId, created });
    }
    await transaction((_tx, audit) =>
      audit({
        action: "sync.requested",
        targetType: parsedInput.awsAccountId ? "AwsAccount" : "Customer",
        targetId: parsedInput.awsAccountId ?? parsedInput.customerId,
        customerId: accounts[0]!.customerId,
        metadata: { runs: runs.length, queued: runs.filter((run) => run.created).length },
      }),
    );
    revalidatePath(`/customers/${accounts[0]!.customerId}`);
    return { runs };
  });
