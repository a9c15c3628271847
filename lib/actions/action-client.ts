import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { type AuditEntry, recordAudit } from "@/lib/audit/record-audit";
import { type RequestContext, requestContext } from "@/lib/audit/request-context";
import { getActor, getSessionActor } from "@/lib/auth/actor";
import { type Actor, authorize, PERMISSIONS } from "@/lib/authz/policy";
import { db, type Transaction } from "@/lib/db/client";
import { AppError, toPublicError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { flattenDeep } from "@/lib/validation/field-errors";

const metadataSchema = z.object({
  /** Stable name for logs, e.g. "inviteUser". */
  actionName: z.string().min(1),
  /** Required by actionClient (checked with authorize() before the handler); publicActionClient ignores it. */
  permission: z.enum(PERMISSIONS).optional(),
});

/** Writes an audit row in the action's transaction; actor, IP and user agent are filled in. */
export type AuditWriter = (entry: Omit<AuditEntry, "actor" | "ip" | "userAgent">) => Promise<void>;

/**
 * Runs `fn` in one database transaction with an audit writer bound to it, so a change and its audit row
 * commit together or not at all.
 */
export type TransactionRunner = <T>(fn: (tx: Transaction, audit: AuditWriter) => Promise<T>) => Promise<T>;

function transactionRunner(actor: Actor | null, request: RequestContext): TransactionRunner {
  return (fn) =>
    db().$transaction(
      (tx) =>
        fn(tx, (entry) =>
          recordAudit(tx, {
            ...entry,
            actor: actor ? { userId: actor.userId, email: actor.email } : undefined,
            ip: request.ip,
            userAgent: request.userAgent,
          }),
        ),
      { timeout: 20_000 },
    );
}

/**
 * Every `inputSchema()` of a client gets the deep flattening of lib/validation/field-errors.ts:
 * next-safe-action's own "flattened" shape drops errors nested below a field (regions[1]), and its
 * createSafeActionClient options take no shape handler, only inputSchema() does.
 */
function withFieldErrorsAtEveryDepth<Client extends object>(client: Client): Client {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "inputSchema") {
        return (schema: unknown, utils?: object) =>
          withFieldErrorsAtEveryDepth(
            value.call(target, schema, {
              handleValidationErrorsShape: async (errors: unknown) => flattenDeep(errors),
              ...utils,
            }),
          );
      }
      if (property === "metadata" || property === "use") {
        return (...args: unknown[]) => withFieldErrorsAtEveryDepth(value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

/**
 * Without a session: the base for the few actions a signed-out visitor may call (accepting an
 * invitation). Errors: an AppError keeps its message, anything else is logged and made generic.
 */
export const publicActionClient = withFieldErrorsAtEveryDepth(
  createSafeActionClient({
    defineMetadataSchema: () => metadataSchema,
    defaultValidationErrorsShape: "flattened",
    handleServerError(error, { metadata }) {
      const publicError = toPublicError(error);
      if (publicError.status >= 500) logger.error({ err: error, action: metadata?.actionName }, "server action failed");
      return publicError.message;
    },
  }).use(async ({ next, clientInput }) => {
    // PostgreSQL text cannot hold U+0000: refused here, for every action, before any query sees it
    // (issue 16: a NUL in an argument reached PostgreSQL as "invalid byte sequence").
    if (containsNul(clientInput, 0)) throw new AppError("BAD_INPUT", "Text cannot contain a NUL character (U+0000).");
    const request = await requestContext();
    return next({ ctx: { request, transaction: transactionRunner(null, request) } });
  }),
);

function containsNul(value: unknown, depth: number): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 64 || value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item, depth + 1));
}

/**
 * THE action client: session → actor (UNAUTHENTICATED if anonymous), metadata.permission checked with
 * authorize() (an action without one is refused: fail closed), then zod input, then the handler with
 * `ctx.actor` and `ctx.transaction((tx, audit) => …)`. Customer scope of the resource an input names is
 * the handler's job: load it through customerWhere(actor) and authorize(actor, permission, resource).
 */
export const actionClient = publicActionClient.use(async ({ next, metadata }) => {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (!metadata.permission) throw new AppError("INTERNAL", `Action ${metadata.actionName} declares no permission.`);
  authorize(actor, metadata.permission);
  const request = await requestContext();
  return next({ ctx: { actor, transaction: transactionRunner(actor, request) } });
});

/**
 * For a signed-in user's own account only (setting up their second factor, ADR 015): it also accepts a
 * session that still has to set one up, which actionClient refuses. No permission: the resource is the
 * actor's own account, never one named in the input.
 */
export const ownAccountActionClient = publicActionClient.use(async ({ next }) => {
  const session = await getSessionActor();
  if (!session) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const request = await requestContext();
  return next({ ctx: { actor: session.actor, transaction: transactionRunner(session.actor, request) } });
});
