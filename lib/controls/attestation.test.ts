import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { evaluateAttestedControl } from "./attestation";
import { buildAccountContext, buildAttestation } from "./testing/context";

const evaluatedAt = new Date("2025-06-01T12:00:00.000Z");

function contextWith(...attestations: ReturnType<typeof buildAttestation>[]) {
  return buildAccountContext({ evaluatedAt, records: { attestations } });
}

describe("evaluateAttestedControl", () => {
  it("passes with a valid attestation, naming who, when, until when and the link and document", () => {
    const outcome = evaluateAttestedControl(
      "CHG-1",
      contextWith(
        buildAttestation({
          controlId: "CHG-1",
          attestedBy: "Ana Ruiz",
          attestedAt: new Date("2025-04-10T15:00:00.000Z"),
          validUntil: new Date("2025-10-10T00:00:00.000Z"),
          link: "https://wiki.example.com/icr-log",
          documentRef: "ICR-2025-04",
        }),
      ),
    );
    expect(outcome).toEqual({
      status: "PASS",
      reason:
        "Attested by Ana Ruiz on 2025-04-10, valid until 2025-10-10 (https://wiki.example.com/icr-log; ICR-2025-04).",
      offenders: [],
    });
  });

  it("quotes the note when the attestation has neither link nor document", () => {
    const outcome = evaluateAttestedControl(
      "ROOT-6",
      contextWith(buildAttestation({ controlId: "ROOT-6", note: "Vault item 'Root – Acme prod', checked with Luis." })),
    );
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toBe(
      "Attested by Ana Ruiz on 2025-03-01, valid until 2025-09-01: \"Vault item 'Root – Acme prod', checked with Luis.\"",
    );
  });

  it("ends plainly when the attestation has no link, document or note", () => {
    const outcome = evaluateAttestedControl(
      "ROOT-6",
      contextWith(buildAttestation({ controlId: "ROOT-6", note: " " })),
    );
    expect(outcome.reason).toBe("Attested by Ana Ruiz on 2025-03-01, valid until 2025-09-01.");
  });

  it("shortens a long note in the reason", () => {
    const note = "x".repeat(300);
    const outcome = evaluateAttestedControl("ROOT-6", contextWith(buildAttestation({ controlId: "ROOT-6", note })));
    expect(outcome.reason.length).toBeLessThan(200);
    expect(outcome.reason).toMatch(/x…"$/);
  });

  it("picks the attestation valid the longest when several are valid", () => {
    const outcome = evaluateAttestedControl(
      "DET-7",
      contextWith(
        buildAttestation({ controlId: "DET-7", attestedBy: "Ana Ruiz", validUntil: new Date("2025-08-01T00:00Z") }),
        buildAttestation({ controlId: "DET-7", attestedBy: "Luis Soto", validUntil: new Date("2026-02-01T00:00Z") }),
        buildAttestation({ controlId: "DET-7", attestedBy: "Eva Paz", validUntil: new Date("2025-12-01T00:00Z") }),
      ),
    );
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toMatch(/^Attested by Luis Soto on .*, valid until 2026-02-01/);
  });

  it("passes on a valid attestation even when an expired one exists", () => {
    const outcome = evaluateAttestedControl(
      "PATCH-1",
      contextWith(
        buildAttestation({ controlId: "PATCH-1", attestedBy: "Old", validUntil: new Date("2025-01-01T00:00Z") }),
        buildAttestation({ controlId: "PATCH-1", attestedBy: "New", validUntil: new Date("2025-06-02T00:00Z") }),
      ),
    );
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toMatch(/^Attested by New /);
  });

  it("fails as needing attestation when none exists for the control", () => {
    const outcome = evaluateAttestedControl(
      "IAM-13",
      contextWith(buildAttestation({ controlId: "IAM-14" }), buildAttestation({ controlId: "CHG-1" })),
    );
    expect(outcome).toEqual({
      status: "FAIL",
      reason:
        'Needs attestation: no consultant has attested "Each partner administrator has dedicated credentials (no shared users)" for this account. Record an attestation with the evidence, who checked it and until when.',
      offenders: [{ kind: "attestation", id: "IAM-13", detail: "no attestation recorded" }],
      needsAttestation: true,
    });
  });

  it("fails as expired, not as needing attestation, when only expired ones exist, naming the latest", () => {
    const outcome = evaluateAttestedControl(
      "CHG-2",
      contextWith(
        buildAttestation({
          controlId: "CHG-2",
          attestedBy: "Eva Paz",
          attestedAt: new Date("2024-05-01T10:00Z"),
          validUntil: new Date("2025-05-01T00:00Z"),
        }),
        buildAttestation({
          controlId: "CHG-2",
          attestedBy: "Ana Ruiz",
          attestedAt: new Date("2024-01-01T10:00Z"),
          validUntil: new Date("2024-07-01T00:00Z"),
        }),
      ),
    );
    expect(outcome).toEqual({
      status: "FAIL",
      reason:
        "Attestation expired on 2025-05-01 (attested by Eva Paz on 2024-05-01). Check the control again and record a new attestation.",
      offenders: [{ kind: "attestation", id: "CHG-2", detail: "expired on 2025-05-01, attested by Eva Paz" }],
      needsAttestation: false,
    });
  });

  it("treats an attestation whose validUntil equals evaluatedAt as expired, and one a millisecond later as valid", () => {
    const atTheInstant = evaluateAttestedControl(
      "CHG-1",
      contextWith(buildAttestation({ controlId: "CHG-1", validUntil: new Date(evaluatedAt.getTime()) })),
    );
    expect(atTheInstant.status).toBe("FAIL");
    expect(atTheInstant.reason).toMatch(/^Attestation expired on 2025-06-01/);

    const justAfter = evaluateAttestedControl(
      "CHG-1",
      contextWith(buildAttestation({ controlId: "CHG-1", validUntil: new Date(evaluatedAt.getTime() + 1) })),
    );
    expect(justAfter.status).toBe("PASS");
  });

  it("measures validity from evaluatedAt, not from the wall clock", () => {
    const attestation = buildAttestation({ controlId: "CHG-1", validUntil: new Date("2030-01-01T00:00Z") });
    const later = buildAccountContext({
      evaluatedAt: new Date("2030-06-01T00:00Z"),
      records: { attestations: [attestation] },
    });
    expect(evaluateAttestedControl("CHG-1", later).reason).toMatch(/^Attestation expired on 2030-01-01/);
  });

  it("serves as BAK-4's fallback", () => {
    expect(evaluateAttestedControl("BAK-4", contextWith()).needsAttestation).toBe(true);
    expect(evaluateAttestedControl("BAK-4", contextWith(buildAttestation({ controlId: "BAK-4" }))).status).toBe("PASS");
  });

  it("refuses a control decided only from evidence, and an unknown id", () => {
    expect(() => evaluateAttestedControl("ROOT-1", contextWith())).toThrow(AppError);
    expect(() => evaluateAttestedControl("NOPE-1", contextWith())).toThrow(/Unknown control "NOPE-1"/);
  });
});
