import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's own endpoints (sign-in, callback, CSRF token, session, sign-out) carry its double-submit
// CSRF check; Rampart adds nothing here.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
