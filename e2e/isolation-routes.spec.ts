import { expect, test } from "@playwright/test";
import { ISOLATION_CASES } from "./isolation-cases";
import { enumerateAppRoutes, fillPattern, segmentOf } from "./isolation-routes";

// No browser needed: this is the guard that makes the isolation suite exhaustive.

test.describe("route inventory", () => {
  test("maps App Router folders to URL patterns", () => {
    expect(segmentOf("(app)")).toEqual({ url: null });
    expect(segmentOf("_components")).toBe("skip");
    expect(segmentOf("@modal")).toBe("skip");
    expect(segmentOf("[customerId]")).toEqual({ url: "[customerId]", param: "customerId" });
    expect(segmentOf("[...nextauth]")).toEqual({ url: "[...nextauth]", param: "nextauth" });
    expect(segmentOf("[[...slug]]")).toEqual({ url: "[[...slug]]", param: "slug" });
    expect(fillPattern("/customers/[customerId]/accounts/[accountId]", { customerId: "c 1", accountId: "a" })).toBe(
      "/customers/c%201/accounts/a",
    );
  });

  test("finds the pages and route handlers in app/", () => {
    const routes = enumerateAppRoutes();
    const patterns = routes.map((route) => `${route.kind} ${route.pattern}`);
    expect(patterns).toContain("page /sign-in");
    expect(patterns).toContain("page /customers/[customerId]");
    expect(patterns).toContain("route /api/auth/[...nextauth]");
    expect(routes.find((route) => route.pattern === "/customers/[customerId]")?.params).toEqual(["customerId"]);
  });

  test("every page and route handler has an isolation case, and every case still has its route", () => {
    const files = enumerateAppRoutes().map((route) => route.file);
    const missing = files.filter((file) => !ISOLATION_CASES[file]);
    expect(missing, "add a case for each new route to e2e/isolation-cases.ts").toEqual([]);
    const stale = Object.keys(ISOLATION_CASES).filter((file) => !files.includes(file));
    expect(stale, "remove cases of routes that no longer exist").toEqual([]);
  });
});
