import type { PrismaClient } from "../db/client";
import type { OrganizationsEvidence } from "../evidence/organization-tree";
import { GLOBAL_SCOPE_LABEL } from "../evidence/scope";
import { logger } from "../logger";
import { evaluateAccount } from "./evaluate-account";

// After an account that reads its organization's tree (management or delegated administrator) is synced,
// the customer's member accounts whose GOV-3 was decided without that tree are evaluated again at once,
// so connecting the management account checks the members' SCPs without waiting for their own syncs.
// Later changes to SCPs reach a member at its next sync.

const NOT_CHECKED = "SCPs were not checked";

export async function reevaluateOrganizationMembers(
  client: PrismaClient,
  input: { awsAccountId: string; evaluatedAt: Date },
): Promise<string[]> {
  try {
    const own = await client.evidence.findFirst({
      where: {
        awsAccountId: input.awsAccountId,
        collector: "organizations",
        region: GLOBAL_SCOPE_LABEL,
        isCurrent: true,
      },
      select: { customerId: true, data: true },
    });
    const data = own?.data as OrganizationsEvidence | undefined;
    if (!own || !data?.structure || !data.organizationId) return [];
    const members = new Set(data.structure.accounts.map((account) => account.accountId));
    const stale = await client.controlResult.findMany({
      where: {
        customerId: own.customerId,
        controlId: "GOV-3",
        isCurrent: true,
        awsAccountId: { not: input.awsAccountId },
        reason: { contains: NOT_CHECKED },
      },
      select: { awsAccountId: true, awsAccount: { select: { accountNumber: true } } },
    });
    const reevaluated: string[] = [];
    for (const result of stale) {
      if (!members.has(result.awsAccount.accountNumber)) continue;
      await evaluateAccount(client, {
        awsAccountId: result.awsAccountId,
        syncRunId: null,
        evaluatedAt: input.evaluatedAt,
      });
      reevaluated.push(result.awsAccountId);
    }
    return reevaluated;
  } catch (error) {
    logger.error(
      { err: error, awsAccountId: input.awsAccountId },
      "re-evaluating the organization's member accounts failed",
    );
    return [];
  }
}
