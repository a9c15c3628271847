import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { testSession } from "@/test/setup/test-session";

// The attacker's side of every server action: each action exported from lib/actions is called by a
// user confined to customer A with customer B's ids. Nothing of B may come back, nothing of B may
// change. A new action without a case here fails the suite ("every action has a case").

const { createIsolationWorld, foreignMarkers, victimFingerprint } = await import("@/lib/auth/testing/isolation-world");
const { ACTION_CASES, OWN_ACCOUNT_ACTION_CASES, isActionRefusal } = await import("@/lib/auth/testing/action-cases");
const { loadActor } = await import("@/lib/auth/load-actor");
type World = Awaited<ReturnType<typeof createIsolationWorld>>;

function serverActionModules(): string[] {
  const dir = path.resolve("lib/actions");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".ts") && !file.includes(".test."))
    .filter((file) => /^\s*["']use server["'];?/.test(readFileSync(path.join(dir, file), "utf8")))
    .map((file) => path.join(dir, file));
}

async function loadActions(): Promise<Map<string, (input: unknown) => Promise<unknown>>> {
  const actions = new Map<string, (input: unknown) => Promise<unknown>>();
  for (const file of serverActionModules()) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (name.endsWith("Action") && typeof value === "function")
        actions.set(name, value as (input: unknown) => Promise<unknown>);
    }
  }
  return actions;
}

describe("server actions from the attacker's side", () => {
  let world: World;
  let actions: Map<string, (input: unknown) => Promise<unknown>>;

  beforeAll(async () => {
    world = await createIsolationWorld(db());
    actions = await loadActions();
  });

  it("has a case for every exported action, and no case for an action that is gone", () => {
    expect(
      [...actions.keys()].filter((name) => !ACTION_CASES[name] && !OWN_ACCOUNT_ACTION_CASES[name]),
      "add it to ACTION_CASES",
    ).toEqual([]);
    expect(
      [...Object.keys(ACTION_CASES), ...Object.keys(OWN_ACCOUNT_ACTION_CASES)].filter((name) => !actions.has(name)),
      "remove it from ACTION_CASES",
    ).toEqual([]);
    expect(actions.size).toBeGreaterThanOrEqual(9);
  });

  it("returns nothing of the other customer and changes nothing of it, for every attacker and action", async () => {
    const before = await victimFingerprint(db(), world.victim);
    for (const attacker of world.attackers) {
      testSession.actor = await loadActor(db(), { userId: attacker.userId, sessionVersion: attacker.sessionVersion });
      expect(testSession.actor, attacker.label).not.toBeNull();
      for (const [name, action] of actions) {
        if (!ACTION_CASES[name]) continue;
        for (const input of ACTION_CASES[name](world)) {
          const result = (await action(input)) as { data?: unknown; serverError?: string; validationErrors?: unknown };
          const label = `${attacker.label} → ${name}(${JSON.stringify(input)})`;
          expect(result.data, label).toBeUndefined();
          expect(isActionRefusal(result.serverError), `${label}: ${JSON.stringify(result)}`).toBe(true);
          const body = JSON.stringify(result);
          const inputText = JSON.stringify(input);
          for (const marker of foreignMarkers(world.victim, inputText)) {
            expect(body, label).not.toContain(marker);
          }
        }
      }
    }
    expect(await victimFingerprint(db(), world.victim)).toBe(before);
    const attackerIds = world.attackers.map((attacker) => attacker.userId);
    expect(await db().auditLog.count({ where: { actorId: { in: attackerIds } } })).toBe(0);
    expect(await db().customer.count({ where: { name: "Attacker Created Customer" } })).toBe(0);
    expect(await db().user.count({ where: { email: { endsWith: "@evil.example" } } })).toBe(0);
  });

  it("own-account actions act on the caller only, whatever ids the input names", async () => {
    const before = await victimFingerprint(db(), world.victim);
    for (const attacker of world.attackers) {
      testSession.actor = await loadActor(db(), { userId: attacker.userId, sessionVersion: attacker.sessionVersion });
      for (const [name, cases] of Object.entries(OWN_ACCOUNT_ACTION_CASES)) {
        for (const input of cases(world)) {
          const result = await actions.get(name)!(input);
          const label = `${attacker.label} → ${name}(${JSON.stringify(input)})`;
          for (const marker of foreignMarkers(world.victim, JSON.stringify(input))) {
            expect(JSON.stringify(result), label).not.toContain(marker);
          }
        }
      }
    }
    expect(await victimFingerprint(db(), world.victim)).toBe(before);
    expect(await db().mfaCredential.count({ where: { userId: world.victim.userId } })).toBe(0);
    const attackerIds = world.attackers.map((attacker) => attacker.userId);
    const touched = await db().mfaCredential.findMany({ select: { userId: true } });
    expect(touched.every((credential) => attackerIds.includes(credential.userId))).toBe(true);
  });
});
