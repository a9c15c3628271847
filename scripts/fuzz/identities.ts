import { withFreshTotpCode } from "../../lib/auth/testing/fresh-totp";
import { DEMO_USERS } from "../../prisma/demo-users";
import type { FuzzIdentity } from "./run";

/**
 * Signs in through next-auth's credentials endpoint (CSRF token included) and returns the cookie header.
 * With `mfaSecret`, sends the current TOTP code as the sign-in form's second step does (ADR 015).
 */
export async function signInCookie(
  baseUrl: string,
  email: string,
  password: string,
  mfaSecret?: string,
): Promise<string> {
  if (mfaSecret) {
    const cookie = await withFreshTotpCode(mfaSecret, (code) =>
      trySignIn(baseUrl, email, password, code).catch(() => null),
    );
    if (!cookie) throw new Error(`Sign-in as ${email} with a TOTP code failed`);
    return cookie;
  }
  return trySignIn(baseUrl, email, password);
}

async function trySignIn(baseUrl: string, email: string, password: string, code?: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      jar.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  remember(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({
      csrfToken,
      email,
      password,
      ...(code ? { code } : {}),
      callbackUrl: `${baseUrl}/`,
      json: "true",
    }),
  });
  remember(response);
  const session = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: cookie() } })).json()) as {
    userId?: string;
  };
  if (!session.userId) throw new Error(`Sign-in as ${email} failed (HTTP ${response.status})`);
  return cookie();
}

/** The anonymous visitor and one fresh session per demo role. */
export async function demoIdentities(baseUrl: string): Promise<FuzzIdentity[]> {
  const identities: FuzzIdentity[] = [{ label: "anonymous", cookie: "" }];
  for (const user of DEMO_USERS) {
    identities.push({
      label: user.key,
      cookie: await signInCookie(baseUrl, user.email, user.password, user.mfaSecret),
    });
  }
  return identities;
}
