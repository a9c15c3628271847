"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/action-client";
import { updateControlParametersSchema } from "@/lib/actions/control-parameter-schemas";
import { authorize, withCustomerIdScope } from "@/lib/authz/policy";
import type { ControlParams } from "@/lib/controls/params";
import {
  type CustomerSettings,
  type CustomerSettingsPatch,
  controlParamsOf,
  updateCustomerSettings,
} from "@/lib/customers/settings";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { followEvidenceChange } from "@/lib/evaluation/after-evidence-change";
import { queueCriticalAlertMail } from "@/lib/jobs/alert-jobs";

// A customer's control parameters (issue 12 item 7): an administrator sets them on Settings; the change is
// merged into the stored settings (never dropping another key), audit-logged with what changed, and the
// customer's accounts are judged again at once from their stored evidence.

const PARAM_KEYS = [
  "minimumPasswordLength",
  "maxPasswordAgeDays",
  "passwordReusePrevention",
  "unusedCredentialDays",
  "accessKeyMaxAgeDays",
  "accessReviewMaxAgeDays",
  "logRetentionMinDays",
  "adminPorts",
  "certificateMinValidDays",
  "inspectorResourceTypes",
  "inspectorCriticalMaxAgeDays",
  "inspectorHighMaxAgeDays",
  "restoreTestMaxAgeDays",
  "requiredTagKeys",
  "accountAliasPattern",
  "alertReviewCadenceDays",
] as const satisfies readonly Exclude<keyof ControlParams, "corporateEmailDomains">[];

export const updateControlParametersAction = actionClient
  .metadata({ actionName: "updateControlParameters", permission: "controls:configure" })
  .inputSchema(updateControlParametersSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const saved = await transaction(async (tx, audit) => {
      const customer = await tx.customer.findFirst({
        where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
        select: { id: true, accounts: { where: { archivedAt: null }, select: { id: true } } },
      });
      if (!customer) throw notFound("Customer not found");
      authorize(actor, "controls:configure", { customerId: customer.id });

      const controlParams: NonNullable<CustomerSettingsPatch["controlParams"]> = {};
      for (const key of PARAM_KEYS) {
        const value = parsedInput[key];
        if (value !== undefined) Object.assign(controlParams, { [key]: value });
      }
      const patch: CustomerSettingsPatch = {};
      if (parsedInput.corporateEmailDomains !== undefined) {
        // One place for the domains: the customer's own list, which the Edit customer dialog shows too.
        patch.emailDomains = parsedInput.corporateEmailDomains.length > 0 ? parsedInput.corporateEmailDomains : null;
        controlParams.corporateEmailDomains = null;
      }
      if (Object.keys(controlParams).length > 0) patch.controlParams = controlParams;
      if (parsedInput.controlSeverities !== undefined)
        patch.controlSeverities =
          Object.keys(parsedInput.controlSeverities).length > 0 ? parsedInput.controlSeverities : null;
      if (parsedInput.maxSuppressionDays !== undefined) patch.maxSuppressionDays = parsedInput.maxSuppressionDays;

      const { before, after } = await updateCustomerSettings(tx, customer.id, patch);
      const changes = changesBetween(before, after);
      await audit({
        action: "customer.control_parameters_updated",
        targetType: "Customer",
        targetId: customer.id,
        customerId: customer.id,
        metadata: { changes },
      });
      return { customerId: customer.id, accountIds: customer.accounts.map((account) => account.id), changes };
    });
    // After the commit: the accounts are judged again from stored evidence, and their alerts follow.
    const effects = await followEvidenceChange(db(), {
      accounts: saved.accountIds.map((awsAccountId) => ({ awsAccountId, syncRunId: null })),
    });
    await queueCriticalAlertMail(effects.criticalAlertIds);
    revalidatePath("/settings");
    revalidatePath("/portfolio");
    revalidatePath(`/customers/${saved.customerId}`, "layout");
    return {
      customerId: saved.customerId,
      changed: Object.keys(saved.changes),
      reevaluatedAccounts: effects.evaluatedAccountIds.length,
    };
  });

/** What an administrator changed, as the values in force before and after (the audit row's metadata). */
function changesBetween(
  before: CustomerSettings,
  after: CustomerSettings,
): Record<string, { from: unknown; to: unknown }> {
  const inForce = (settings: CustomerSettings) => ({
    ...controlParamsOf(settings),
    controlSeverities: settings.controlSeverities,
    maxSuppressionDays: settings.maxSuppressionDays,
  });
  const from = inForce(before) as Record<string, unknown>;
  const to = inForce(after) as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(to)
      .filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key]))
      .map((key) => [key, { from: from[key], to: to[key] }]),
  );
}
