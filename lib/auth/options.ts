import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { recordAudit } from "@/lib/audit/record-audit";
import { requestContext, requestContextFrom } from "@/lib/audit/request-context";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { dummyPasswordHash } from "./password";
import { newSessionId, revokeSession } from "./revoked-sessions";
import { resolveOidcUser, signInWithPassword } from "./sign-in";

export const OIDC_PROVIDER_ID = "oidc";
/** next-auth's error when the password was right and a second factor is needed (sign-in-form.tsx asks for it). */
const MFA_REQUIRED_ERROR = "MfaRequired";

export function sessionMaxAgeSeconds(): number {
  return Math.round(env().SESSION_MAX_AGE_HOURS * 3600);
}

/** The staff single sign-on provider, when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set. */
export function oidcProvider(): OAuthConfig<Record<string, unknown>> | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_DISPLAY_NAME } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: OIDC_DISPLAY_NAME,
    type: "oauth",
    wellKnown: `${OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    profile: (profile) => ({
      id: String(profile.sub),
      email: typeof profile.email === "string" ? profile.email : null,
      name: typeof profile.name === "string" ? profile.name : null,
    }),
  };
}

// Computed on first use rather than at the first unknown e-mail, so that attempt is not the slow one.
void dummyPasswordHash();

export const authOptions: AuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds(), updateAge: 0 },
  jwt: { maxAge: sessionMaxAgeSeconds() },
  pages: { signIn: "/sign-in", signOut: "/sign-in", error: "/auth-error" },
  // Cookies: next-auth's defaults are httpOnly + sameSite=lax, and secure with the __Secure-/__Host-
  // prefixes whenever NEXTAUTH_URL is https. Stated here so a change to that is a visible decision.
  useSecureCookies: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Authentication code", type: "text" },
      },
      async authorize(credentials, request) {
        const context = request?.headers ? requestContextFrom(request.headers) : await requestContext();
        const result = await signInWithPassword(
          db(),
          { email: credentials?.email, password: credentials?.password, code: credentials?.code },
          context,
        );
        // ADR 015: no session yet; the form asks for the code (next-auth answers ?error=MfaRequired).
        if (!result.ok && result.reason === "mfa_required") throw new Error(MFA_REQUIRED_ERROR);
        if (!result.ok) return null;
        return {
          id: result.user.id,
          sessionVersion: result.user.sessionVersion,
          amr: result.user.secondFactor ? "mfa" : "pwd",
        };
      },
    }),
    ...(oidcProvider() ? [oidcProvider()!] : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const result = await resolveOidcUser(db(), profile ?? {}, await requestContext());
      return result.ok;
    },
    async jwt({ token, user, account, profile }) {
      if (user && account?.provider === OIDC_PROVIDER_ID) {
        // resolveOidcUser already audited the sign-in in the signIn callback; this maps subject → user.
        const match = await db().user.findUnique({
          where: { oidcSubject: String((profile as { sub?: unknown } | undefined)?.sub ?? "") },
          select: { id: true, sessionVersion: true },
        });
        if (!match) return {};
        return {
          userId: match.id,
          sessionVersion: match.sessionVersion,
          authTime: nowSeconds(),
          sessionId: newSessionId(),
          amr: "oidc",
        };
      }
      if (user)
        return {
          userId: user.id,
          sessionVersion: user.sessionVersion ?? 0,
          authTime: nowSeconds(),
          sessionId: newSessionId(),
          amr: user.amr ?? "pwd",
        };
      // Only the claims Rampart needs survive; next-auth's default name/email/picture are dropped.
      if (!token.userId || !token.authTime || nowSeconds() - token.authTime > sessionMaxAgeSeconds()) return {};
      return {
        userId: token.userId,
        sessionVersion: token.sessionVersion,
        authTime: token.authTime,
        sessionId: token.sessionId,
        amr: token.amr,
      };
    },
    async session({ session, token }) {
      return {
        expires: session.expires,
        userId: token.userId ?? "",
        sessionVersion: token.sessionVersion ?? 0,
        sessionId: token.sessionId ?? "",
        amr: token.amr ?? "pwd",
      };
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.userId) return;
      // ADR 012: the cookie may have been copied; this sign-in is refused from now on, wherever it is sent.
      if (token.sessionId) {
        await revokeSession(db(), {
          sessionId: token.sessionId,
          userId: token.userId,
          expiresAt: new Date(((token.authTime ?? nowSeconds()) + sessionMaxAgeSeconds()) * 1000),
        });
      }
      const user = await db().user.findUnique({ where: { id: token.userId }, select: { id: true, email: true } });
      await recordAudit(db(), {
        actor: user ? { userId: user.id, email: user.email } : null,
        action: "auth.sign_out",
        targetType: "User",
        targetId: token.userId,
        ...(await requestContext()),
      });
    },
  },
  logger: {
    error: (code, metadata) => logger.warn({ code, name: (metadata as { name?: string })?.name }, "next-auth error"),
    warn: (code) => logger.warn({ code }, "next-auth warning"),
    debug: () => {},
  },
};

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
