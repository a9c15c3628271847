import type { AuditEntry } from "@/lib/audit/record-audit";
import { newExternalId, slugify } from "@/lib/customers/identifiers";
import type { Transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Writes shared by the Settings actions and `npm run customers:import`, so a customer is created one way
// (slug from its name, a generated ExternalId, e-mail domains in settings) whoever creates it. Not a
// 'use server' module: only server actions and scripts call it, inside their own transaction.

export type AuditFn = (entry: Omit<AuditEntry, "actor" | "ip" | "userAgent">) => Promise<void>;

/** Creates a customer in `tx` with a fresh ExternalId and writes its audit row. */
export async function createCustomerRecord(
  tx: Transaction,
  audit: AuditFn,
  input: { name: string; emailDomains: string[] },
  metadata: Record<string, unknown> = {},
): Promise<{ id: string; name: string; slug: string }> {
  const slug = slugify(input.name);
  if (!slug)
    throw new AppError("BAD_INPUT", "The name needs letters or digits.", {
      fieldErrors: { name: "The name needs letters or digits." },
    });
  if (await tx.customer.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError("CONFLICT", "A customer with this name already exists.", {
      fieldErrors: { name: "A customer with this name already exists." },
    });
  }
  const created = await tx.customer.create({
    data: { name: input.name, slug, externalId: newExternalId(), settings: { emailDomains: input.emailDomains } },
    select: { id: true, name: true, slug: true },
  });
  await audit({
    action: "customer.created",
    targetType: "Customer",
    targetId: created.id,
    customerId: created.id,
    metadata: { name: created.name, ...metadata },
  });
  return created;
}
