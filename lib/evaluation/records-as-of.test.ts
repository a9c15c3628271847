import { describe, expect, it } from "vitest";
import { DAY_MS } from "../dates";
import { type CustomerRecordHistory, recordsAsOf, suppressionsAsOf } from "./records-as-of";

const now = new Date("2026-06-30T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

const history: CustomerRecordHistory = {
  attestations: [
    {
      awsAccountId: null,
      controlId: "ROOT-6",
      attestedAt: daysAgo(34),
      validUntil: daysAgo(-300),
      attestedBy: "Casey",
      note: "vault checked",
      link: null,
      documentRef: null,
    },
    {
      awsAccountId: "other-account",
      controlId: "CHG-1",
      attestedAt: daysAgo(80),
      validUntil: daysAgo(-100),
      attestedBy: "Casey",
      note: "ICR log",
      link: null,
      documentRef: null,
    },
  ],
  alertReviewsAt: [daysAgo(112), daysAgo(21)],
  accessReviews: [{ accountIds: ["account"], signedOffAt: daysAgo(50) }],
  alerts: [
    {
      id: "resolved-later",
      title: "Root login",
      severity: "HIGH",
      status: "RESOLVED",
      firstSeenAt: daysAgo(40),
      dueAt: daysAgo(39),
      resolvedAt: daysAgo(10),
    },
    {
      id: "still-open",
      title: "Public bucket",
      severity: "CRITICAL",
      status: "NEW",
      firstSeenAt: daysAgo(5),
      dueAt: daysAgo(4),
      resolvedAt: null,
    },
  ],
  acknowledgements: [{ awsAccountId: "account", endpointKey: "elb:us-east-1:web", acknowledgedAt: daysAgo(15) }],
  suppressions: [
    {
      id: "s-old",
      awsAccountId: null,
      controlId: "NET-7",
      createdAt: daysAgo(60),
      expiresAt: daysAgo(30),
      revokedAt: null,
    },
    {
      id: "s-revoked",
      awsAccountId: "account",
      controlId: "IAM-7",
      createdAt: daysAgo(60),
      expiresAt: daysAgo(-30),
      revokedAt: daysAgo(20),
    },
  ],
};

describe("recordsAsOf", () => {
  it("sees only the records made by the replayed day", () => {
    const before = recordsAsOf(history, "account", daysAgo(60));
    expect(before.attestations).toEqual([]);
    expect(before.lastAlertReviewAt).toEqual(daysAgo(112));
    expect(before.lastAccessReviewSignOffAt).toBeNull();
    expect(before.acknowledgedEndpointKeys.size).toBe(0);

    const later = recordsAsOf(history, "account", daysAgo(1));
    expect(later.attestations.map((row) => row.controlId)).toEqual(["ROOT-6"]);
    expect(later.lastAlertReviewAt).toEqual(daysAgo(21));
    expect(later.lastAccessReviewSignOffAt).toEqual(daysAgo(50));
    expect([...later.acknowledgedEndpointKeys]).toEqual(["elb:us-east-1:web"]);
  });

  it("keeps another account's attestations out", () => {
    expect(recordsAsOf(history, "account", daysAgo(1)).attestations.map((row) => row.controlId)).not.toContain("CHG-1");
    expect(recordsAsOf(history, "other-account", daysAgo(1)).attestations.map((row) => row.controlId)).toContain(
      "CHG-1",
    );
  });

  it("counts an alert as open and overdue between its due time and its resolution", () => {
    const ids = (days: number) =>
      recordsAsOf(history, "account", daysAgo(days)).openCriticalOrHighAlertsPastSla.map((alert) => alert.id);
    expect(ids(45)).toEqual([]);
    expect(ids(30)).toEqual(["resolved-later"]);
    expect(ids(8)).toEqual([]);
    expect(ids(1)).toEqual(["still-open"]);
  });
});

describe("suppressionsAsOf", () => {
  it("applies a suppression between its creation and its expiry or revocation", () => {
    expect([...suppressionsAsOf(history, "account", daysAgo(61))]).toEqual([]);
    expect(Object.fromEntries(suppressionsAsOf(history, "account", daysAgo(40)))).toEqual({
      "NET-7": "s-old",
      "IAM-7": "s-revoked",
    });
    expect(Object.fromEntries(suppressionsAsOf(history, "account", daysAgo(25)))).toEqual({ "IAM-7": "s-revoked" });
    expect([...suppressionsAsOf(history, "account", daysAgo(10))]).toEqual([]);
    expect([...suppressionsAsOf(history, "other-account", daysAgo(40)).keys()]).toEqual(["NET-7"]);
  });
});
