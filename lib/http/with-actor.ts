import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { type Actor, authorize, type Permission } from "@/lib/authz/policy";
import { env } from "@/lib/env";
import { AppError, toPublicError } from "@/lib/errors";
import { logger } from "@/lib/logger";

type AnySchema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface WithActorOptions<P, Q, B> {
  /** Checked with authorize() before anything else runs; resource scope is the read model's job. */
  permission: Permission;
  params?: P;
  query?: Q;
  body?: B;
}

export interface WithActorContext<P, Q, B> {
  actor: Actor;
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  request: NextRequest;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request check for custom route handlers that change state: a browser always sends Origin
 * on a cross-origin POST/PUT/PATCH/DELETE, so a missing or foreign Origin is refused (server actions
 * get the same check from Next itself; next-auth's endpoints carry their own CSRF token).
 */
export function isSameOrigin(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const allowed = new Set<string>();
  const configured = env().NEXTAUTH_URL;
  if (configured) allowed.add(new URL(configured).origin);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  allowed.add(new URL(request.url).origin);
  return allowed.has(origin);
}

function fieldErrors(error: z.ZodError, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    out[key] ??= issue.message;
  }
  return out;
}

function parse<S extends AnySchema | undefined>(schema: S, value: unknown, prefix: string): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = schema.safeParse(value);
  if (!result.success)
    throw new AppError("BAD_INPUT", "Some fields are not valid.", { fieldErrors: fieldErrors(result.error, prefix) });
  return result.data as Infer<S>;
}

function errorResponse(error: unknown, request: NextRequest): NextResponse {
  const publicError = toPublicError(error);
  if (publicError.status >= 500) {
    logger.error({ err: error, method: request.method, path: request.nextUrl.pathname }, "route handler failed");
  }
  return NextResponse.json(
    { error: { code: publicError.code, message: publicError.message, fieldErrors: publicError.fieldErrors } },
    { status: publicError.status, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * The one wrapper for route handlers: same-origin check for mutations → actor (401) → permission (403)
 * → zod-parsed params, query and body (400) → handler. AppErrors map through toPublicError; anything
 * else is logged and answered with a generic 500. A plain return value is sent as JSON.
 */
export function withActor<
  P extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
>(handler: (context: WithActorContext<P, Q, B>) => Promise<Response | unknown>, options: WithActorOptions<P, Q, B>) {
  return async (request: NextRequest, routeContext?: RouteContext): Promise<Response> => {
    try {
      if (!isSameOrigin(request)) throw new AppError("FORBIDDEN", "Cross-site request refused.");
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
      authorize(actor, options.permission);
      const params = parse(options.params, (await routeContext?.params) ?? {}, "params") as Infer<P>;
      const query = parse(options.query, Object.fromEntries(request.nextUrl.searchParams), "query") as Infer<Q>;
      let body = undefined as Infer<B>;
      if (options.body) {
        const raw = await request.json().catch(() => {
          throw new AppError("BAD_INPUT", "The request body must be JSON.");
        });
        body = parse(options.body, raw, "body") as Infer<B>;
      }
      const result = await handler({ actor, params, query, body, request });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? null, { headers: { "Cache-Control": "private, no-store" } });
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
