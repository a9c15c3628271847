import { describe, expect, it } from "vitest";
import { guardNextAuth, isUsableCallbackUrl, nextAuthRequestProblem } from "./next-auth-route";

const form = "application/x-www-form-urlencoded";

describe("next-auth input", () => {
  it("knows a usable callbackUrl", () => {
    expect(isUsableCallbackUrl("/alerts?x=1")).toBe(true);
    expect(isUsableCallbackUrl("http://localhost:3000/")).toBe(true);
    for (const bad of ["not a url", "http://", "//evil.example", "javascript:alert(1)", "x".repeat(3000)]) {
      expect(isUsableCallbackUrl(bad), bad).toBe(false);
    }
  });

  it("finds what next-auth would throw on", async () => {
    const get = (query: string) => new Request(`http://rampart.test/api/auth/signin${query}`);
    expect(await nextAuthRequestProblem(get("?callbackUrl=not%20a%20url"))).toMatch(/callbackUrl/);
    expect(await nextAuthRequestProblem(get("?callbackUrl=%2Falerts"))).toBeNull();
    const getCallback = new Request("http://rampart.test/api/auth/callback/credentials");
    expect(await nextAuthRequestProblem(getCallback)).toBe("use POST");
    const post = (body: BodyInit, type = form) =>
      new Request("http://rampart.test/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": type },
        body,
      });
    expect(await nextAuthRequestProblem(post('{"email":', "application/json"))).toMatch(/form/);
    expect(await nextAuthRequestProblem(post(new Uint8Array([0xc3, 0x28, 0xff])))).toMatch(/UTF-8/);
    expect(await nextAuthRequestProblem(post("email=a&callbackUrl=not%20a%20url"))).toMatch(/callbackUrl/);
    expect(await nextAuthRequestProblem(post("csrfToken=%zz"))).toMatch(/form/);
    expect(await nextAuthRequestProblem(post("csrfToken=t&email=a%40b.example&password=x"))).toBeNull();
  });

  it("answers 400, not 500, when the handler throws on its input", async () => {
    const handler = guardNextAuth(async () => {
      throw new TypeError("Invalid URL");
    });
    const response = await handler(new Request("http://rampart.test/api/auth/session"), {});
    expect(response.status).toBe(400);
  });
});
