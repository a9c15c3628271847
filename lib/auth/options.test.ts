import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";

async function loadOptions(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value ?? "");
  resetEnvCache();
  return (await import("./options")).authOptions;
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

const secret = "x".repeat(40);

// Each case re-imports the whole sign-in module graph (next-auth, argon2, the TOTP library): seconds on a
// busy 2-core machine, so more than Vitest's default 5 s.
describe("authOptions", { timeout: 30_000 }, () => {
  it("uses secure cookies exactly when NEXTAUTH_URL is https, and JWT sessions of SESSION_MAX_AGE_HOURS", async () => {
    const https = await loadOptions({
      NEXTAUTH_URL: "https://rampart.example",
      NEXTAUTH_SECRET: secret,
      SESSION_MAX_AGE_HOURS: "2",
    });
    expect(https.useSecureCookies).toBe(true);
    expect(https.session).toMatchObject({ strategy: "jwt", maxAge: 7200 });
    const http = await loadOptions({ NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: secret });
    expect(http.useSecureCookies).toBe(false);
    expect(http.cookies).toBeUndefined();
  });

  it("offers staff SSO only when issuer, client id and secret are all set", async () => {
    const without = await loadOptions({
      NEXTAUTH_SECRET: secret,
      OIDC_ISSUER: "https://idp.example",
      OIDC_CLIENT_ID: "rampart",
    });
    expect(without.providers.map((provider) => provider.id)).toEqual(["credentials"]);
    const withSso = await loadOptions({
      NEXTAUTH_SECRET: secret,
      OIDC_ISSUER: "https://idp.example/",
      OIDC_CLIENT_ID: "rampart",
      OIDC_CLIENT_SECRET: "s3cret",
    });
    const oidc = withSso.providers.find((provider) => provider.id === "oidc") as unknown as {
      wellKnown: string;
      checks: string[];
    };
    expect(oidc.wellKnown).toBe("https://idp.example/.well-known/openid-configuration");
    expect(oidc.checks).toEqual(expect.arrayContaining(["pkce", "state", "nonce"]));
  });

  it("keeps only userId, sessionVersion, the sign-in time, the session id and how it was authenticated in the token, and ends it after the maximum age", async () => {
    const options = await loadOptions({ NEXTAUTH_SECRET: secret, SESSION_MAX_AGE_HOURS: "1" });
    const jwt = options.callbacks!.jwt!;
    const now = Math.floor(Date.now() / 1000);
    const signedIn = await jwt({
      token: { name: "Ada", email: "ada@example.com", picture: "x", sub: "u1" },
      user: { id: "u1", sessionVersion: 3 },
      account: { provider: "credentials", type: "credentials", providerAccountId: "u1" },
      trigger: "signIn",
    } as never);
    expect(Object.keys(signedIn).sort()).toEqual(["amr", "authTime", "sessionId", "sessionVersion", "userId"]);
    // No "amr" from authorize = password only (ADR 015); a second factor says "mfa".
    expect(signedIn.amr).toBe("pwd");
    expect(signedIn.sessionId).toMatch(/^[\w-]{20,}$/);
    expect(signedIn).toMatchObject({ userId: "u1", sessionVersion: 3 });

    const later = await jwt({ token: { ...signedIn, email: "smuggled@example.com", role: "ADMIN" } } as never);
    expect(later).toEqual(signedIn);
    const expired = await jwt({ token: { ...signedIn, authTime: now - 3601 } } as never);
    expect(expired).toEqual({});

    const session = await options.callbacks!.session!({ session: { expires: "2099-01-01" }, token: signedIn } as never);
    expect(session).toEqual({
      expires: "2099-01-01",
      userId: "u1",
      sessionVersion: 3,
      sessionId: signedIn.sessionId,
      amr: "pwd",
    });
    const withCode = await jwt({
      token: {},
      user: { id: "u1", sessionVersion: 3, amr: "mfa" },
      account: { provider: "credentials", type: "credentials", providerAccountId: "u1" },
      trigger: "signIn",
    } as never);
    expect(withCode.amr).toBe("mfa");
  });
});
