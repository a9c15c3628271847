import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { PATHNAME_HEADER } from "@/lib/auth/callback-path";
import { env } from "@/lib/env";

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
  const { NEXTAUTH_URL, NEXTAUTH_SECRET } = env();
  const secureCookie = NEXTAUTH_URL?.startsWith("https://") ?? false;
  const token = await getToken({ req: request, secret: NEXTAUTH_SECRET, secureCookie });
  const hasCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const api = pathname.startsWith("/api/");

  if (!token && !isPublic(pathname) && !api) {
    const signIn = new URL("/sign-in", request.url);
    signIn.search = new URLSearchParams({ callbackUrl: `${pathname}${search}` }).toString();
    const response = NextResponse.redirect(signIn);
    for (const name of SESSION_COOKIES) if (request.cookies.has(name)) response.cookies.delete(name);
    return response;
  }

  const headers = new Headers(request.headers);
  headers.set(PATHNAME_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers } });
  if (!token && hasCookie) for (const name of SESSION_COOKIES) response.cookies.delete(name);
  return response;
}

export const config = {
  // next-auth's own endpoints, the health check and static assets never need a session.
  matcher: ["/((?!api/auth|api/health|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
