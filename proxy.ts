import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { PATHNAME_HEADER } from "@/lib/auth/callback-path";
import { env } from "@/lib/env";
import { actionBodyProblem } from "@/lib/http/action-body";
import { contentSecurityPolicy, LOCKED_DOWN_CSP } from "@/lib/http/security-headers.js";
import { logger } from "@/lib/logger";

// Optimistic only: sends visitors without a readable session cookie to /sign-in, and clears a cookie
// that does not verify (tampered, foreign secret, expired). It never decides authorization: pages,
// route handlers and actions resolve the actor from the database and check the policy themselves.

const PUBLIC_PATHS = ["/sign-in", "/signed-out", "/auth-error", "/accept-invitation"];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (request.method === "POST" && request.headers.has("next-action")) {
    const problem = actionBodyProblem(
      request.headers.get("content-type"),
      new Uint8Array(await request.clone().arrayBuffer()),
    );
    if (problem) {
      logger.warn({ path: pathname.slice(0, 200), reason: problem }, "server action refused");
      return NextResponse.json({ error: { code: "BAD_INPUT", message: problem } }, { status: 400 });
    }
  }
  const { NEXTAUTH_URL, NEXTAUTH_SECRET } = env();
  const secureCookie = NEXTAUTH_URL?.startsWith("https://") ?? false;
  const token = await getToken({ req: request, secret: NEXTAUTH_SECRET, secureCookie });
  const hasCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const api = pathname.startsWith("/api/");

  if (!token && !isPublic(pathname) && !api) {
    const signIn = new URL("/sign-in", request.url);
    signIn.search = new URLSearchParams({ callbackUrl: `${pathname}${search}` }).toString();
    const response = NextResponse.redirect(signIn);
    response.headers.set("content-security-policy", LOCKED_DOWN_CSP);
    for (const name of SESSION_COOKIES) if (request.cookies.has(name)) response.cookies.delete(name);
    return response;
  }

  const headers = new Headers(request.headers);
  headers.set(PATHNAME_HEADER, `${pathname}${search}`);
  // Next reads the nonce from the request's CSP header and puts it on every script it renders.
  const csp = contentSecurityPolicy({ production: process.env.NODE_ENV === "production", nonce: newNonce() });
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  if (!token && hasCookie) for (const name of SESSION_COOKIES) response.cookies.delete(name);
  return response;
}

export const config = {
  // next-auth's own endpoints, the health check and static assets never need a session.
  matcher: ["/((?!api/auth|api/health|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}
