import { describe, expect, it } from "vitest";
import { type ExistingAlert, liveAlertByKey, planAlertChanges } from "./reconcile";
import type { AlertSignal } from "./sources";

const at = new Date("2026-03-01T12:00:00Z");
const hour = 3_600_000;

function signal(key: string, overrides: Partial<AlertSignal> = {}): AlertSignal {
  return {
    dedupKey: key,
    source: "CONTROL",
    awsAccountId: "a1",
    rule: "NET-1",
    resource: "sg-1",
    region: "eu-west-1",
    severity: "HIGH",
    title: "NET-1 failing",
    evidenceLink: "/customers/c1/controls/NET-1",
    detail: "port 3389 open",
    mayOpen: true,
    ...overrides,
  };
}

function alert(key: string, overrides: Partial<ExistingAlert> = {}): ExistingAlert {
  return {
    id: `alert-${key}`,
    dedupKey: key,
    source: "CONTROL",
    status: "NEW",
    severity: "HIGH",
    rule: "NET-1",
    title: "NET-1 failing",
    resource: "sg-1",
    region: "eu-west-1",
    evidenceLink: "/customers/c1/controls/NET-1",
    suppressedUntil: null,
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

const plan = (
  signals: AlertSignal[],
  existing: ExistingAlert[],
  options: { cleared?: string | null; fresh?: boolean } = {},
) =>
  planAlertChanges({
    signals,
    existing,
    clearedNote: () => (options.cleared === undefined ? "cleared" : options.cleared),
    at,
    freshEvidence: options.fresh ?? true,
  });

describe("deduplication", () => {
  it("opens a new alert only when the signal may open one", () => {
    expect(plan([signal("k1"), signal("k2", { mayOpen: false })], []).open.map((s) => s.dedupKey)).toEqual(["k1"]);
  });

  it("repeats an open alert instead of opening a second one, even when signalled twice", () => {
    for (const status of ["NEW", "ACKNOWLEDGED", "IN_PROGRESS"] as const) {
      const result = plan([signal("k1"), signal("k1")], [alert("k1", { status })]);
      expect(result.open).toEqual([]);
      expect(result.repeat).toHaveLength(1);
      expect(result.repeat[0]).toMatchObject({ escalateTo: null, displayChanged: false });
    }
  });

  it("escalates a repeat whose severity rose, and notes changed display fields", () => {
    const result = plan([signal("k1", { severity: "CRITICAL", resource: "sg-1 and sg-2" })], [alert("k1")]);
    expect(result.repeat[0]).toMatchObject({ escalateTo: "CRITICAL", displayChanged: true });
    const lower = plan([signal("k1", { severity: "LOW" })], [alert("k1")]);
    expect(lower.repeat[0]!.escalateTo).toBeNull();
  });

  it("resolves an alert whose condition cleared, with the source's note, and leaves unknown ones alone", () => {
    expect(plan([], [alert("k1")]).resolve).toEqual([{ alert: alert("k1"), note: "cleared" }]);
    expect(plan([], [alert("k1")], { cleared: null }).resolve).toEqual([]);
    expect(plan([], [alert("k1", { status: "RESOLVED", resolvedAt: at })]).resolve).toEqual([]);
    expect(
      plan([], [alert("k1", { status: "SUPPRESSED", suppressedUntil: new Date(at.getTime() + hour) })]).resolve,
    ).toHaveLength(1);
  });

  it("reopens an alert that resolved itself when the condition comes back", () => {
    const result = plan(
      [signal("k1")],
      [alert("k1", { status: "RESOLVED", resolvedAt: new Date(at.getTime() - hour), resolvedBy: "system" })],
    );
    expect(result.reopen).toHaveLength(1);
    expect(result.reopen[0]!.note).toMatch(/^The condition came back/);
    expect(result.open).toEqual([]);
  });

  it("reopens one a person resolved only when a later sync still sees the problem", () => {
    const resolved = alert("k1", {
      status: "RESOLVED",
      resolvedAt: new Date(at.getTime() - hour),
      resolvedBy: "person",
    });
    expect(plan([signal("k1")], [resolved]).reopen[0]!.note).toMatch(/^Still present at the sync/);
    expect(plan([signal("k1")], [resolved], { fresh: false }).reopen).toEqual([]);
    const resolvedAfter = { ...resolved, resolvedAt: new Date(at.getTime() + hour) };
    expect(plan([signal("k1")], [resolvedAfter]).reopen).toEqual([]);
  });

  it("keeps a suppressed alert suppressed while the suppression holds, and reopens it after", () => {
    const held = plan(
      [signal("k1")],
      [alert("k1", { status: "SUPPRESSED", suppressedUntil: new Date(at.getTime() + hour) })],
    );
    expect(held.repeat).toHaveLength(1);
    expect(held.reopen).toEqual([]);
    const expired = plan(
      [signal("k1")],
      [alert("k1", { status: "SUPPRESSED", suppressedUntil: new Date(at.getTime() - hour) })],
    );
    expect(expired.reopen[0]!.note).toMatch(/^Suppression expired on 2026-03-01/);
  });

  it("picks the unresolved alert of a key, else the one resolved last", () => {
    const old = alert("k1", { id: "old", status: "RESOLVED", resolvedAt: new Date(at.getTime() - 2 * hour) });
    const newer = alert("k1", { id: "newer", status: "RESOLVED", resolvedAt: new Date(at.getTime() - hour) });
    const open = alert("k1", { id: "open" });
    expect(liveAlertByKey([old, newer]).get("k1")!.id).toBe("newer");
    expect(liveAlertByKey([old, open, newer]).get("k1")!.id).toBe("open");
  });
});
