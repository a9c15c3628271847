import type { Actor } from "@/lib/authz/policy";
import type { PrismaClient, Transaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { REDACTED_KEYS } from "@/lib/logger";

export interface AuditEntry {
  actor?: Pick<Actor, "userId" | "email"> | null;
  /** For attempts without a resolved actor (failed sign-in with an unknown e-mail). */
  actorEmail?: string | null;
  /** Dotted, past tense (`user.invited`, `auth.sign_in.failed`); the audit-log page filters on them. */
  action: string;
  targetType?: string;
  targetId?: string;
  customerId?: string | null;
  metadata?: Record<string, unknown>;
  ip?: string;
  userAgent?: string;
}

const SECRET_KEYS = new Set(REDACTED_KEYS.map((key) => key.toLowerCase()));

// A second wall behind "never pass a secret": metadata keys that name a secret are dropped.
function withoutSecrets(metadata: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(metadata).filter(
      ([key, value]) =>
        !SECRET_KEYS.has(key.toLowerCase()) && !key.toLowerCase().includes("password") && value !== undefined,
    ),
  );
}

/** Writes one AuditLog row with `client`, so inside a transaction it commits or rolls back with the change. */
export async function recordAudit(client: PrismaClient | Transaction, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actor?.userId ?? null,
      actorEmail: entry.actor?.email ?? entry.actorEmail ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      customerId: entry.customerId ?? null,
      metadata: withoutSecrets(entry.metadata ?? {}) as Prisma.InputJsonObject,
      ip: entry.ip ?? null,
      userAgent: entry.userAgent ?? null,
    },
    select: { id: true },
  });
}
