import { existsSync, readFileSync } from "node:fs";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { ACTION_CASES, isActionRefusal, OWN_ACCOUNT_ACTION_CASES } from "../lib/auth/testing/action-cases";
import {
  ATTACKER_PASSWORD,
  createIsolationWorld,
  foreignMarkers,
  type IsolationWorld,
  victimFingerprint,
} from "../lib/auth/testing/isolation-world";
import { expect, test } from "./fixtures/test";
import { ISOLATION_CASES, type Probe } from "./isolation-cases";
import { enumerateAppRoutes } from "./isolation-routes";
import { signedInRequest } from "./isolation-tenants";

// The attacker's side of every page and route handler (enumerated from app/, see isolation-routes.spec):
// three users confined to customer A — a customer viewer, a customer reviewer and a consultant assigned
// to A only — request each route with customer B's ids. Foreign ids must answer 404 (or 403), and no
// response, whatever its status, may contain anything of customer B.

const routes = enumerateAppRoutes();
let world: IsolationWorld;
const attackers: { label: string; request: APIRequestContext }[] = [];

test.beforeAll(async ({ db, baseURL }) => {
  world = await createIsolationWorld(db);
  for (const attacker of world.attackers) {
    attackers.push({
      label: attacker.label,
      request: await signedInRequest(baseURL!, attacker.email, ATTACKER_PASSWORD, attacker.mfaSecret),
    });
  }
});

test.afterAll(async () => {
  for (const attacker of attackers) await attacker.request.dispose();
});

/** A probe as the browser would send it: uploads as multipart from the app's own origin. */
function requestOf(probe: Probe, baseURL: string) {
  return {
    method: probe.method ?? "GET",
    maxRedirects: 0,
    ...(probe.multipart ? { multipart: probe.multipart, headers: { Origin: new URL(baseURL).origin } } : {}),
  };
}

async function expectNoForeignData(response: APIResponse, path: string, label: string) {
  const body = await response.text();
  const location = response.headers().location ?? "";
  for (const marker of foreignMarkers(world.victim, path)) {
    expect.soft(body, `${label}: body of ${path} contains ${marker}`).not.toContain(marker);
    expect.soft(location, `${label}: redirect of ${path}`).not.toContain(marker);
  }
}

for (const route of routes) {
  test(`${route.kind} ${route.pattern} shows nothing of another customer`, async ({ baseURL }) => {
    const probes = ISOLATION_CASES[route.file]?.probes(world.targets) ?? [];
    expect(probes.length, `no isolation case for ${route.file}`).toBeGreaterThan(0);
    for (const attacker of attackers) {
      for (const probe of probes) {
        const label = `${attacker.label} ${probe.method ?? "GET"} ${probe.path}`;
        const response = await attacker.request.fetch(probe.path, requestOf(probe, baseURL!));
        // Soft: one run lists every hole, not just the first.
        expect.soft(response.status(), `${label}: server error`).toBeLessThan(500);
        if (probe.expect === "not-found") expect.soft([403, 404], `${label}: status`).toContain(response.status());
        await expectNoForeignData(response, probe.path, label);
      }
    }
  });

  test(`${route.kind} ${route.pattern} as an anonymous visitor`, async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const isolationCase = ISOLATION_CASES[route.file]!;
    for (const probe of isolationCase.probes(world.targets)) {
      const response = await anonymous.fetch(probe.path, requestOf(probe, baseURL!));
      if (isolationCase.anonymous === "signed-in") {
        if (route.kind === "route") expect(response.status(), probe.path).toBe(401);
        else {
          expect(response.status(), probe.path).toBe(307);
          expect(response.headers().location, probe.path).toMatch(/^\/sign-in\?callbackUrl=|\/sign-in\?callbackUrl=/);
        }
      } else {
        expect(response.status(), probe.path).toBeLessThan(500);
      }
      await expectNoForeignData(response, probe.path, `anonymous ${probe.path}`);
    }
    await anonymous.dispose();
  });
}

// Server actions over HTTP, the way the browser calls them (POST with a Next-Action header and the
// arguments as JSON), for every action in the build's server-reference manifest.
test("every server action refuses another customer's ids over HTTP", async ({ db, baseURL }) => {
  // Some 300 requests (every action × attacker × case): on a loaded 2-core machine they outlast 60 s.
  test.setTimeout(240_000);
  const manifestFile = ".next/server/server-reference-manifest.json";
  test.skip(!existsSync(manifestFile), "no production build; the Vitest isolation suite covers actions");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  const actions = Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName ?? id,
    page: pagePathOf(Object.keys(entry.workers)[0] ?? ""),
  }));
  expect(
    actions
      .filter((action) => !ACTION_CASES[action.name] && !OWN_ACCOUNT_ACTION_CASES[action.name])
      .map((action) => action.name),
    "actions without a case",
  ).toEqual([]);

  const before = await victimFingerprint(db, world.victim);
  for (const attacker of attackers) {
    for (const action of actions) {
      const ownAccount = !ACTION_CASES[action.name];
      const cases = ACTION_CASES[action.name] ?? OWN_ACCOUNT_ACTION_CASES[action.name]!;
      for (const input of cases(world)) {
        const label = `${attacker.label} → ${action.name}(${JSON.stringify(input)})`;
        const response = await attacker.request.post(action.page, {
          headers: {
            "Next-Action": action.id,
            "Content-Type": "text/plain;charset=UTF-8",
            Origin: baseURL!,
            Accept: "text/x-component",
          },
          data: JSON.stringify([input]),
          maxRedirects: 0,
        });
        const body = await response.text();
        const serverError = /"serverError":"((?:[^"\\]|\\.)*)"/.exec(body)?.[1];
        // Own-account actions (ADR 015) may answer for the caller; only B's absence is checked for them.
        if (!ownAccount) {
          expect
            .soft(isActionRefusal(serverError), `${label}: HTTP ${response.status()} ${body.slice(0, 300)}`)
            .toBe(true);
          expect.soft(body, label).not.toMatch(/"data":\{/);
        }
        await expectNoForeignData(response, JSON.stringify(input), label);
      }
    }
  }
  expect(await victimFingerprint(db, world.victim), "the other customer's data changed").toBe(before);
});

/** "app/(app)/customers/[customerId]/page" → "/customers/<own customer>": a page that hosts the action. */
function pagePathOf(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment && !(segment.startsWith("(") && segment.endsWith(")")));
  const values: Record<string, string> = { customerId: world.own.customerId, accountId: world.own.accountId };
  return `/${segments.map((segment) => segment.replace(/^\[(\w+)\]$/, (_, name: string) => values[name] ?? name)).join("/")}`;
}
