import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
const { isSameOrigin, withActor } = await import("./with-actor");

const viewer: Actor = {
  userId: "u1",
  email: "v@example.com",
  name: "V",
  role: "CUSTOMER_VIEWER",
  customerId: "c1",
  allCustomers: false,
  assignedCustomerIds: [],
};

function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new NextRequest(new URL(url, "http://rampart.test"), init);
}
const params = (value: Record<string, string>) => ({ params: Promise.resolve(value) });

describe("withActor", () => {
  beforeEach(() => {
    session.actor = viewer;
  });

  const handler = withActor(async ({ actor, params: p, query }) => ({ who: actor.userId, p, query }), {
    permission: "customer:read",
    params: z.object({ customerId: z.string().min(3) }),
    query: z.object({ page: z.coerce.number().int().min(1).default(1) }),
  });

  it("passes the actor and parsed input to the handler", async () => {
    const response = await handler(request("/api/x/c123?page=2"), params({ customerId: "c123" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ who: "u1", p: { customerId: "c123" }, query: { page: 2 } });
    expect(response.headers.get("cache-control")).toContain("no-store");
  });

  it("answers 401 without a session, before looking at the input", async () => {
    session.actor = null;
    const response = await handler(request("/api/x/c"), params({ customerId: "c" }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("answers 403 for a missing permission", async () => {
    const admin = withActor(async () => "never", { permission: "user:manage" });
    expect((await admin(request("/api/admin"))).status).toBe(403);
  });

  it("answers 400 with field messages for bad input", async () => {
    const response = await handler(request("/api/x/c?page=0"), params({ customerId: "c" }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.fieldErrors).toEqual({ "params.customerId": expect.stringContaining("3") });
  });

  it("maps AppError to its status and hides anything else", async () => {
    const notFound = withActor(
      async () => {
        throw new AppError("NOT_FOUND", "Not found");
      },
      { permission: "customer:read" },
    );
    expect((await notFound(request("/api/y"))).status).toBe(404);
    const crash = withActor(
      async () => {
        throw new Error("connection string postgres://secret@db");
      },
      { permission: "customer:read" },
    );
    const response = await crash(request("/api/y"));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("secret");
  });

  it("refuses a cross-site or Origin-less mutation before anything else", async () => {
    const body = withActor(async ({ body: input }) => input, {
      permission: "customer:read",
      body: z.object({ a: z.number() }),
    });
    const post = (headers: Record<string, string>) =>
      body(
        request("/api/z", {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: '{"a":1}',
        }),
      );
    expect((await post({ origin: "https://evil.example", host: "rampart.test" })).status).toBe(403);
    expect((await post({ host: "rampart.test" })).status).toBe(403);
    const same = await post({ origin: "http://rampart.test", host: "rampart.test" });
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ a: 1 });
  });
});

describe("isSameOrigin", () => {
  it("lets safe methods through and checks Origin on the rest", () => {
    expect(isSameOrigin(request("/x"))).toBe(true);
    expect(isSameOrigin(request("/x", { method: "DELETE", headers: { origin: "http://rampart.test" } }))).toBe(true);
    expect(
      isSameOrigin(request("/x", { method: "DELETE", headers: { origin: "http://rampart.test.evil.example" } })),
    ).toBe(false);
    expect(isSameOrigin(request("/x", { method: "PATCH", headers: { origin: "null" } }))).toBe(false);
  });
});
