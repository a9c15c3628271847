import { strFromU8, unzipSync } from "fflate";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";

// The download route end to end with the real wrapper, policy, read model and audit log; only the
// session is stubbed.

const { GET } = await import("@/app/api/customers/[customerId]/onboarding/[format]/route");
const { loadActor } = await import("@/lib/auth/load-actor");

const PRINCIPAL = "arn:aws:iam::999999999999:role/rampart-collector";

async function actorFor(overrides: Parameters<typeof createUser>[1]): Promise<Actor> {
  const user = await createUser(db(), overrides);
  const actor = await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion });
  if (!actor) throw new Error("no actor");
  return actor;
}

function get(customerId: string, format: string) {
  return GET(new NextRequest(`http://localhost/api/customers/${customerId}/onboarding/${format}`), {
    params: Promise.resolve({ customerId, format }),
  });
}

beforeEach(() => {
  process.env.RAMPART_PRINCIPAL_ARN = PRINCIPAL;
  resetEnvCache();
});

describe("GET /api/customers/[customerId]/onboarding/[format]", () => {
  it("hands an assigned consultant the customer's templates and logs each download without the ExternalId", async () => {
    const customer = await createCustomer(db());
    const other = await createCustomer(db());
    testSession.actor = await actorFor({ role: "CONSULTANT", allCustomers: false, assignedCustomerIds: [customer.id] });

    const yamlResponse = await get(customer.id, "cloudformation");
    expect(yamlResponse.status).toBe(200);
    expect(yamlResponse.headers.get("content-disposition")).toBe(
      `attachment; filename="rampart-audit-role-${customer.slug}.yaml"`,
    );
    const template = YAML.parse(await yamlResponse.text());
    expect(template.Resources.AuditRole.Properties.AssumeRolePolicyDocument.Statement[0]).toMatchObject({
      Principal: { AWS: PRINCIPAL },
      Condition: { StringEquals: { "sts:ExternalId": customer.externalId } },
    });

    const zipResponse = await get(customer.id, "terraform");
    expect(zipResponse.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zipResponse.arrayBuffer()));
    const folder = `rampart-audit-role-${customer.slug}-terraform`;
    expect(Object.keys(files).sort()).toEqual([`${folder}/main.tf`, `${folder}/outputs.tf`, `${folder}/variables.tf`]);
    expect(strFromU8(files[`${folder}/variables.tf`])).toContain(customer.externalId);

    expect((await get(other.id, "stackset")).status).toBe(404);

    const entries = await db().auditLog.findMany({
      where: { action: "onboarding.template_downloaded", actorId: testSession.actor.userId },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((entry) => [entry.customerId, (entry.metadata as { format: string }).format])).toEqual([
      [customer.id, "cloudformation"],
      [customer.id, "terraform"],
    ]);
    expect(JSON.stringify(entries)).not.toContain(customer.externalId);
  });

  it("refuses customer users, unknown formats, and says when the principal is not configured", async () => {
    const customer = await createCustomer(db());
    testSession.actor = await actorFor({ role: "CUSTOMER_VIEWER", customerId: customer.id });
    const refused = await get(customer.id, "cloudformation");
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(customer.externalId);

    testSession.actor = await actorFor({ role: "ADMIN" });
    expect((await get(customer.id, "pulumi")).status).toBe(400);
    delete process.env.RAMPART_PRINCIPAL_ARN;
    resetEnvCache();
    const unconfigured = await get(customer.id, "cloudformation");
    expect(unconfigured.status).toBe(409);
    expect(await unconfigured.text()).toContain("RAMPART_PRINCIPAL_ARN");
  });
});
