import "server-only";
import { type Actor, authorize, withCustomerIdScope } from "../authz/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import { requirePrincipalArn } from "../onboarding/principal";
import type { AuditRoleTemplateInput } from "../onboarding/templates";

/**
 * What a customer's audit-role templates are generated from, ExternalId included: only for actors
 * allowed externalId:read, and only for a customer in their scope (else NOT_FOUND).
 * customerId: not yet authorized.
 */
export async function getAuditRoleTemplateInput(actor: Actor, customerId: string): Promise<AuditRoleTemplateInput> {
  authorize(actor, "externalId:read");
  const customer = await db().customer.findFirst({
    where: withCustomerIdScope(actor, { id: customerId, archivedAt: null }),
    select: { name: true, slug: true, externalId: true, pendingExternalId: true },
  });
  if (!customer) throw new AppError("NOT_FOUND", "Not found");
  return {
    customerName: customer.name,
    customerSlug: customer.slug,
    // During a rotation the templates carry the new ExternalId: the role must trust it before it is promoted.
    externalId: customer.pendingExternalId ?? customer.externalId,
    principalArn: requirePrincipalArn(),
  };
}
