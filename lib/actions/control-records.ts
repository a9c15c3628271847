"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { actionClient } from "@/lib/actions/action-client";
import {
  acknowledgeEndpointSchema,
  recordAlertReviewSchema,
  recordAttestationSchema,
  revokeSuppressionSchema,
  suppressControlSchema,
} from "@/lib/actions/control-record-schemas";
import { type Actor, authorize, type Permission, withCustomerIdScope, withCustomerScope } from "@/lib/authz/policy";
import { recordsClock } from "@/lib/clock";
import { readCustomerSettings } from "@/lib/customers/settings";
import { addDaysToIsoDay, endOfUtcDay, utcToday } from "@/lib/dates";
import { db, type Transaction } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { followEvidenceChange } from "@/lib/evaluation/after-evidence-change";
import { syncControlCatalogue } from "@/lib/evaluation/evaluate-account";
import { listCurrentPublicEndpoints } from "@/lib/evaluation/public-endpoints";
import { queueCriticalAlertMail } from "@/lib/jobs/alert-jobs";

// The consultant records that decide control results: attestations (attested controls, BAK-4's fallback),
// suppressions (out of the score while valid), endpoint acknowledgements (NET-7) and alert reviews (GOV-5).
// Each mutation commits with its audit row, then re-evaluates the accounts it touches so the scorecard
// shows the change at once instead of after the next sync.

/** The customer named by an input, within the actor's scope; out of scope reads as absent. */
async function scopedCustomer(tx: Transaction, actor: Actor, customerId: string, permission: Permission) {
  const customer = await tx.customer.findFirst({
    where: withCustomerIdScope(actor, { id: customerId, archivedAt: null }),
    select: { id: true, settings: true },
  });
  if (!customer) throw notFound("Customer not found");
  authorize(actor, permission, { customerId: customer.id });
  return customer;
}

/** The customer's account the record applies to, or every account of the customer when none is named. */
async function scopedAccounts(tx: Transaction, actor: Actor, customerId: string, awsAccountId: string | null) {
  const accounts = await tx.awsAccount.findMany({
    where: withCustomerScope(actor, { customerId, ...(awsAccountId ? { id: awsAccountId } : {}) }),
    select: { id: true },
  });
  if (awsAccountId && accounts.length === 0) throw notFound("Account not found");
  return accounts.map((account) => account.id);
}

/**
 * Re-evaluates the accounts a record touched, after its transaction committed, and the alerts follow at
 * once (lib/evaluation's followEvidenceChange: a suppression or attestation resolves its alert). Accounts
 * never evaluated (no sync yet) are left alone. A failure here does not undo the record; the next sync
 * evaluates again.
 */
async function reevaluate(awsAccountIds: readonly string[]): Promise<number> {
  if (awsAccountIds.length === 0) return 0;
  const effects = await followEvidenceChange(db(), {
    accounts: awsAccountIds.map((awsAccountId) => ({ awsAccountId, syncRunId: null })),
    clock: recordsClock(),
  });
  await queueCriticalAlertMail(effects.criticalAlertIds);
  return effects.evaluatedAccountIds.length;
}

function revalidateCustomer(): void {
  // Every page under the customer shows scores or records (scorecard, control drill-downs, records).
  revalidatePath("/customers/[customerId]", "layout");
  revalidatePath("/portfolio");
}

export const recordAttestationAction = actionClient
  .metadata({ actionName: "recordAttestation", permission: "attestation:write" })
  .inputSchema(recordAttestationSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    await syncControlCatalogue(db());
    const { attestation, accountIds } = await transaction(async (tx, audit) => {
      const customer = await scopedCustomer(tx, actor, parsedInput.customerId, "attestation:write");
      const accountIds = await scopedAccounts(tx, actor, customer.id, parsedInput.awsAccountId);
      const attestation = await tx.attestation.create({
        data: {
          customerId: customer.id,
          awsAccountId: parsedInput.awsAccountId,
          controlId: parsedInput.controlId,
          note: parsedInput.note,
          link: parsedInput.link,
          documentRef: parsedInput.documentRef,
          attestedById: actor.userId,
          attestedAt: recordsClock().now(),
          validUntil: parsedInput.validUntil,
        },
        select: { id: true, controlId: true, validUntil: true },
      });
      await audit({
        action: "attestation.recorded",
        targetType: "Attestation",
        targetId: attestation.id,
        customerId: customer.id,
        metadata: {
          controlId: attestation.controlId,
          awsAccountId: parsedInput.awsAccountId,
          validUntil: attestation.validUntil.toISOString(),
        },
      });
      return { attestation, accountIds };
    });
    const reevaluatedAccounts = await reevaluate(accountIds);
    revalidateCustomer();
    return { attestationId: attestation.id, controlId: attestation.controlId, reevaluatedAccounts };
  });

export const suppressControlAction = actionClient
  .metadata({ actionName: "suppressControl", permission: "suppression:approve" })
  .inputSchema(suppressControlSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    await syncControlCatalogue(db());
    const { suppression, accountIds } = await transaction(async (tx, audit) => {
      const customer = await scopedCustomer(tx, actor, parsedInput.customerId, "suppression:approve");
      const accountIds = await scopedAccounts(tx, actor, customer.id, parsedInput.awsAccountId);
      const now = recordsClock().now();
      const maxDays = readCustomerSettings(customer.settings, customer.id).maxSuppressionDays;
      const latest = addDaysToIsoDay(utcToday(now), maxDays);
      if (parsedInput.expiresAt > latest) {
        returnValidationErrors(suppressControlSchema, {
          expiresAt: { _errors: [`A suppression lasts at most ${maxDays} days for this customer (until ${latest})`] },
        });
      }
      const expiresAt = endOfUtcDay(parsedInput.expiresAt);
      const duplicate = await tx.suppression.findFirst({
        where: {
          customerId: customer.id,
          controlId: parsedInput.controlId,
          awsAccountId: parsedInput.awsAccountId,
          revokedAt: null,
          expiresAt: { gt: now },
        },
        select: { id: true },
      });
      if (duplicate) {
        throw new AppError("CONFLICT", "This control is already suppressed here. Revoke that suppression first.");
      }
      const suppression = await tx.suppression.create({
        data: {
          customerId: customer.id,
          awsAccountId: parsedInput.awsAccountId,
          controlId: parsedInput.controlId,
          reason: parsedInput.reason,
          approvedById: actor.userId,
          createdAt: now,
          expiresAt,
        },
        select: { id: true, controlId: true, expiresAt: true },
      });
      await audit({
        action: "suppression.created",
        targetType: "Suppression",
        targetId: suppression.id,
        customerId: customer.id,
        metadata: {
          controlId: suppression.controlId,
          awsAccountId: parsedInput.awsAccountId,
          expiresAt: suppression.expiresAt.toISOString(),
          reason: parsedInput.reason,
        },
      });
      return { suppression, accountIds };
    });
    const reevaluatedAccounts = await reevaluate(accountIds);
    revalidateCustomer();
    return { suppressionId: suppression.id, controlId: suppression.controlId, reevaluatedAccounts };
  });

export const revokeSuppressionAction = actionClient
  .metadata({ actionName: "revokeSuppression", permission: "suppression:approve" })
  .inputSchema(revokeSuppressionSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const { suppression, accountIds } = await transaction(async (tx, audit) => {
      const suppression = await tx.suppression.findFirst({
        where: withCustomerScope(actor, { id: parsedInput.suppressionId }),
        select: { id: true, customerId: true, awsAccountId: true, controlId: true, revokedAt: true },
      });
      if (!suppression) throw notFound("Suppression not found");
      authorize(actor, "suppression:approve", { customerId: suppression.customerId });
      if (suppression.revokedAt) throw new AppError("CONFLICT", "This suppression has already been revoked.");
      await tx.suppression.update({ where: { id: suppression.id }, data: { revokedAt: recordsClock().now() } });
      const accountIds = await scopedAccounts(tx, actor, suppression.customerId, suppression.awsAccountId);
      await audit({
        action: "suppression.revoked",
        targetType: "Suppression",
        targetId: suppression.id,
        customerId: suppression.customerId,
        metadata: { controlId: suppression.controlId, awsAccountId: suppression.awsAccountId },
      });
      return { suppression, accountIds };
    });
    const reevaluatedAccounts = await reevaluate(accountIds);
    revalidateCustomer();
    return { suppressionId: suppression.id, reevaluatedAccounts };
  });

export const acknowledgeEndpointAction = actionClient
  .metadata({ actionName: "acknowledgeEndpoint", permission: "finding:triage" })
  .inputSchema(acknowledgeEndpointSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const acknowledgement = await transaction(async (tx, audit) => {
      const account = await tx.awsAccount.findFirst({
        where: withCustomerScope(actor, { id: parsedInput.awsAccountId, customer: { archivedAt: null } }),
        select: { id: true, customerId: true, accountNumber: true, alias: true, regions: true },
      });
      if (!account) throw notFound("Account not found");
      authorize(actor, "finding:triage", { customerId: account.customerId });
      const endpoint = (await listCurrentPublicEndpoints(tx, account)).find(
        (candidate) => candidate.key === parsedInput.endpointKey,
      );
      if (!endpoint) {
        returnValidationErrors(acknowledgeEndpointSchema, {
          endpointKey: {
            _errors: [
              "This endpoint is not one of the account's current public endpoints; it may have gone since the last sync.",
            ],
          },
        });
      }
      const existing = await tx.endpointAcknowledgement.findUnique({
        where: { awsAccountId_endpointKey: { awsAccountId: account.id, endpointKey: endpoint.key } },
        select: { id: true },
      });
      if (existing) throw new AppError("CONFLICT", "This endpoint is already acknowledged.");
      const created = await tx.endpointAcknowledgement.create({
        data: {
          customerId: account.customerId,
          awsAccountId: account.id,
          endpointKey: endpoint.key,
          acknowledgedById: actor.userId,
          acknowledgedAt: recordsClock().now(),
          note: parsedInput.note,
        },
        select: { id: true, endpointKey: true, customerId: true, awsAccountId: true },
      });
      await audit({
        action: "endpoint.acknowledged",
        targetType: "EndpointAcknowledgement",
        targetId: created.id,
        customerId: account.customerId,
        metadata: {
          awsAccountId: account.id,
          endpointKey: endpoint.key,
          region: endpoint.region,
          label: endpoint.label,
        },
      });
      return created;
    });
    const reevaluatedAccounts = await reevaluate([acknowledgement.awsAccountId]);
    revalidateCustomer();
    return { acknowledgementId: acknowledgement.id, endpointKey: acknowledgement.endpointKey, reevaluatedAccounts };
  });

export const recordAlertReviewAction = actionClient
  .metadata({ actionName: "recordAlertReview", permission: "alert:triage" })
  .inputSchema(recordAlertReviewSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const { review, accountIds } = await transaction(async (tx, audit) => {
      const customer = await scopedCustomer(tx, actor, parsedInput.customerId, "alert:triage");
      const review = await tx.alertReview.create({
        data: {
          customerId: customer.id,
          reviewedById: actor.userId,
          reviewedAt: recordsClock().now(),
          note: parsedInput.note,
        },
        select: { id: true, reviewedAt: true },
      });
      // GOV-5 is decided per customer, so every account's result changes.
      const accountIds = await scopedAccounts(tx, actor, customer.id, null);
      await audit({
        action: "alert_review.recorded",
        targetType: "AlertReview",
        targetId: review.id,
        customerId: customer.id,
        metadata: { reviewedAt: review.reviewedAt.toISOString() },
      });
      return { review, accountIds };
    });
    const reevaluatedAccounts = await reevaluate(accountIds);
    revalidateCustomer();
    return { alertReviewId: review.id, reevaluatedAccounts };
  });
