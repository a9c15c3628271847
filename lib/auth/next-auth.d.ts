import "next-auth";
import "next-auth/jwt";

// The session cookie identifies a user and a session generation, nothing else: role, customer and
// permissions are loaded from the database on every request by getActor().
type AuthMethod = "pwd" | "mfa" | "oidc";

declare module "next-auth" {
  interface Session {
    userId: string;
    sessionVersion: number;
    /** This sign-in's id; signing out revokes it on the server (RevokedSession). */
    sessionId: string;
    /** How this sign-in was authenticated (ADR 015): password only, password and second factor, or SSO. */
    amr: AuthMethod;
  }
  interface User {
    sessionVersion?: number;
    amr?: AuthMethod;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    sessionVersion?: number;
    /** Seconds since the epoch of the sign-in, for the absolute session lifetime. */
    authTime?: number;
    sessionId?: string;
    amr?: AuthMethod;
  }
}
