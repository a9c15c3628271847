import type { Environment, PrismaClient } from "../lib/db/generated/client";
import { syncControlCatalogue } from "../lib/evaluation/evaluate-account";
import { seedDemoChanges } from "./demo-changes";
import { seedDemoRecords } from "./demo-records";
import { DEMO_USERS } from "./demo-users";
import { createUser, enrolMfa } from "./factories";

// The demo portfolio: customers and accounts that mirror the simulator's demo estates, and one user per
// role. Evidence is never inserted here: it arrives through the real sync against the simulator.

export interface DemoAccountSpec {
  accountNumber: string;
  alias: string;
  roleArn: string;
  regions: string[];
  environment: Environment;
}

export interface DemoCustomerSpec {
  name: string;
  slug: string;
  /** Must equal the ExternalId in the estate's audit-role trust policy. */
  externalId: string;
  settings?: Record<string, unknown>;
  accounts: DemoAccountSpec[];
}

/** Seeds the demo only into an empty database (no user yet); returns whether it did. */
export async function seedDemoPortfolio(
  client: PrismaClient,
  customers: readonly DemoCustomerSpec[],
): Promise<boolean> {
  if ((await client.user.count()) > 0) return false;
  const idsBySlug = new Map<string, string>();
  for (const spec of customers) {
    const customer = await client.customer.create({
      data: {
        name: spec.name,
        slug: spec.slug,
        externalId: spec.externalId,
        settings: (spec.settings ?? {}) as object,
        accounts: { create: spec.accounts.map((account) => ({ ...account })) },
      },
      select: { id: true },
    });
    idsBySlug.set(spec.slug, customer.id);
  }
  const userIds = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const created = await createUser(client, {
      role: user.role,
      email: user.email,
      name: user.name,
      password: user.password,
      customerId: user.customerSlug ? (idsBySlug.get(user.customerSlug) ?? null) : null,
      assignedCustomerIds: (user.assignedCustomerSlugs ?? []).flatMap((slug) => idsBySlug.get(slug) ?? []),
    });
    userIds.set(user.key, created.id);
    if (user.mfaSecret) await enrolMfa(client, created.id, { secret: user.mfaSecret });
  }
  // Control catalogue rows first: attestations reference controls.
  await syncControlCatalogue(client);
  await seedDemoRecords(client, idsBySlug, userIds.get("consultant")!);
  await seedDemoChanges(client, idsBySlug, {
    consultantId: userIds.get("consultant")!,
    managerId: userIds.get("manager")!,
    reviewerId: userIds.get("reviewer")!,
  });
  return true;
}
