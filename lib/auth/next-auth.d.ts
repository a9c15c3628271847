import "next-auth";
import "next-auth/jwt";

// The session cookie identifies a user and a session generation, nothing else: role, customer and
// permissions are loaded from the database on every request by getActor().
declare module "next-auth" {
  interface Session {
    userId: string;
    sessionVersion: number;
    /** This sign-in's id; signing out revokes it on the server (RevokedSession). */
    sessionId: string;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    sessionVersion?: number;
    /** Seconds since the epoch of the sign-in, for the absolute session lifetime. */
    authTime?: number;
    sessionId?: string;
  }
}
