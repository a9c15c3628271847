import { randomBytes } from "node:crypto";
import { hashPassword } from "../../lib/auth/password";
import { generateRecoveryCodes, generateTotpSecret } from "../../lib/auth/totp";
import { sealTotpSecret } from "../../lib/auth/totp-secret-encryption";
import { newExternalId } from "../../lib/customers/identifiers";
import type { Environment, PrismaClient, Role } from "../../lib/db/generated/client";

// Factories shared by the demo seed, Vitest and Playwright. Every value is unique per call so each
// test can build its own tenant without colliding with another.

let sequence = 0;
function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${Date.now().toString(36)}-${sequence}-${randomBytes(3).toString("hex")}`;
}

export async function createCustomer(
  client: PrismaClient,
  overrides: { name?: string; slug?: string; externalId?: string; settings?: object } = {},
) {
  const slug = overrides.slug ?? unique("customer");
  return client.customer.create({
    data: {
      name: overrides.name ?? `Customer ${slug}`,
      slug,
      externalId: overrides.externalId ?? newExternalId(),
      settings: overrides.settings ?? {},
    },
  });
}

function randomAccountNumber(): string {
  return String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
}

export async function createAwsAccount(
  client: PrismaClient,
  customerId: string,
  overrides: {
    accountNumber?: string;
    alias?: string;
    roleArn?: string;
    regions?: string[];
    environment?: Environment;
  } = {},
) {
  const accountNumber = overrides.accountNumber ?? randomAccountNumber();
  return client.awsAccount.create({
    data: {
      customerId,
      accountNumber,
      alias: overrides.alias ?? unique("account"),
      roleArn: overrides.roleArn ?? `arn:aws:iam::${accountNumber}:role/RampartAudit`,
      regions: overrides.regions ?? ["us-east-1"],
      environment: overrides.environment ?? "PRODUCTION",
    },
  });
}

export async function createUser(
  client: PrismaClient,
  overrides: {
    role: Role;
    email?: string;
    name?: string;
    password?: string;
    customerId?: string | null;
    allCustomers?: boolean;
    assignedCustomerIds?: string[];
    active?: boolean;
  },
) {
  const email = overrides.email ?? `${unique(overrides.role.toLowerCase())}@rampart-test.example`;
  return client.user.create({
    data: {
      email,
      name: overrides.name ?? email.split("@")[0]!,
      role: overrides.role,
      customerId: overrides.customerId ?? null,
      allCustomers: overrides.allCustomers ?? false,
      active: overrides.active ?? true,
      passwordHash: overrides.password ? await hashPassword(overrides.password) : null,
      assignments: overrides.assignedCustomerIds?.length
        ? { create: overrides.assignedCustomerIds.map((customerId) => ({ customerId })) }
        : undefined,
    },
  });
}

/**
 * A user enrolled in TOTP (verified, as after /mfa), with recovery codes when asked. Returns the secret
 * (tests act as the user's authenticator app with lib/auth/totp.ts totpCode) and the plain recovery codes.
 * The secret is stored sealed under this process's NEXTAUTH_SECRET, which must be the app's (ADR 015).
 */
export async function enrolMfa(
  client: PrismaClient,
  userId: string,
  options: { secret?: string; recoveryCodes?: boolean } = {},
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secret = options.secret ?? generateTotpSecret();
  await client.mfaCredential.create({
    data: { userId, secret: sealTotpSecret(secret, userId), enabledAt: new Date() },
  });
  const recoveryCodes = options.recoveryCodes ? generateRecoveryCodes() : [];
  if (recoveryCodes.length > 0) {
    const hashes = await Promise.all(recoveryCodes.map((code) => hashPassword(code)));
    await client.mfaRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash })) });
  }
  return { secret, recoveryCodes };
}

/**
 * A staff user as an installation that requires two-step sign-in for staff has them (the default, ADR 015):
 * already enrolled. `mfaSecret` lets the test act as the user's authenticator app (fresh-totp.ts).
 */
export async function createEnrolledUser(client: PrismaClient, overrides: Parameters<typeof createUser>[1]) {
  const user = await createUser(client, overrides);
  const { secret } = await enrolMfa(client, user.id);
  return { ...user, mfaSecret: secret };
}

/** One current evidence row (and the sync run it came from), for tests that read collected resources. */
export async function createEvidence(
  client: PrismaClient,
  input: {
    customerId: string;
    awsAccountId: string;
    collector: string;
    region: string;
    data: object;
    collectedAt?: Date;
  },
) {
  const collectedAt = input.collectedAt ?? new Date();
  const run = await client.syncRun.create({
    data: {
      customerId: input.customerId,
      awsAccountId: input.awsAccountId,
      trigger: "CLI",
      status: "SUCCEEDED",
      startedAt: collectedAt,
      finishedAt: collectedAt,
      asOf: collectedAt,
    },
    select: { id: true },
  });
  return client.evidence.create({
    data: {
      customerId: input.customerId,
      awsAccountId: input.awsAccountId,
      syncRunId: run.id,
      collector: input.collector,
      region: input.region,
      data: input.data,
      contentHash: unique("hash"),
      collectedAt,
      confirmedAt: collectedAt,
    },
    select: { id: true },
  });
}
