import { type APIRequestContext, expect, request } from "@playwright/test";
import { withFreshTotpCode } from "../lib/auth/testing/fresh-totp";

/**
 * A request context signed in through next-auth's own CSRF-protected credentials endpoint; with
 * `mfaSecret`, the current TOTP code goes along as the sign-in form's second step sends it (ADR 015).
 */
export async function signedInRequest(
  baseURL: string,
  email: string,
  password: string,
  mfaSecret?: string,
): Promise<APIRequestContext> {
  const attempt = async (code?: string) => {
    const context = await request.newContext({ baseURL });
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password, ...(code ? { code } : {}), json: "true" },
      maxRedirects: 0,
    });
    expect(response.status(), `sign-in of ${email}`).toBeLessThan(400);
    const session = (await (await context.get("/api/auth/session")).json()) as { userId?: string };
    if (session.userId) return context;
    await context.dispose();
    return null;
  };
  const context = mfaSecret ? await withFreshTotpCode(mfaSecret, attempt) : await attempt();
  expect(context, `session of ${email}`).toBeTruthy();
  return context!;
}
