"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { actionClient } from "@/lib/actions/action-client";
import { requestEvidencePackSchema } from "@/lib/actions/evidence-pack-schemas";
import { authorize, withCustomerIdScope } from "@/lib/authz/policy";
import { AppError, notFound } from "@/lib/errors";
import { assertPackable } from "@/lib/evidence-packs/build-pack";
import { resolvePackRequest } from "@/lib/evidence-packs/period";
import { enqueueEvidencePack } from "@/lib/jobs/queue";
import { logger } from "@/lib/logger";

// Requests a customer's evidence pack: checks scope (404 outside it), the period and that Rampart held
// evidence by the as-of (errors at the field), stores the request with its audit row, then queues the
// generation job; the scorecard's pack list shows its progress and the download.

export const requestEvidencePackAction = actionClient
  .metadata({ actionName: "requestEvidencePack", permission: "evidencePack:generate" })
  .inputSchema(requestEvidencePackSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const pack = await transaction(async (tx, audit) => {
      const customer = await tx.customer.findFirst({
        where: withCustomerIdScope(actor, { id: parsedInput.customerId }),
        select: { id: true, name: true },
      });
      if (!customer) throw notFound("Customer not found");
      authorize(actor, "evidencePack:generate", { customerId: customer.id });
      let request: ReturnType<typeof resolvePackRequest>;
      try {
        request = resolvePackRequest(parsedInput, new Date());
        await assertPackable(tx, customer, request.asOf);
      } catch (error) {
        if (error instanceof AppError && error.fieldErrors?.asOf) {
          returnValidationErrors(requestEvidencePackSchema, { asOf: { _errors: [error.fieldErrors.asOf] } });
        }
        throw error;
      }
      const created = await tx.evidencePack.create({
        data: {
          customerId: customer.id,
          asOf: request.asOf,
          periodStart: request.from,
          periodEnd: request.to,
          requestedById: actor.userId,
        },
        select: { id: true },
      });
      await audit({
        action: "evidence_pack.requested",
        targetType: "EvidencePack",
        targetId: created.id,
        customerId: customer.id,
        metadata: { asOf: request.asOf.toISOString(), from: request.from.toISOString(), to: request.to.toISOString() },
      });
      return { id: created.id, customerId: customer.id };
    });
    try {
      await enqueueEvidencePack(pack.id);
    } catch (error) {
      logger.error({ err: error, packId: pack.id }, "could not queue the evidence pack");
      throw new AppError("UPSTREAM", "The pack was recorded but could not be queued; try again in a moment.");
    }
    revalidatePath(`/customers/${pack.customerId}`);
    return { packId: pack.id };
  });
