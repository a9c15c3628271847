import NextAuth from "next-auth";
import { guardNextAuth } from "@/lib/auth/next-auth-route";
import { authOptions } from "@/lib/auth/options";

// next-auth's own endpoints (sign-in, callback, CSRF token, session, sign-out) carry its double-submit
// CSRF check; Rampart only refuses input next-auth would throw on (lib/auth/next-auth-route.ts).
const handler = guardNextAuth(NextAuth(authOptions));

export { handler as GET, handler as POST };
