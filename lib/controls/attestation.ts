import { isoDay } from "../dates";
import { AppError } from "../errors";
import { getControl } from "./catalogue";
import { pass } from "./outcome";
import type { AccountContext, AttestationRecord, ControlOutcome } from "./types";

// Attested controls (spec, "Attested controls"): a valid attestation passes; none at all fails as
// "needs attestation", shown apart from evidence failures; only expired ones fail as "attestation expired".
// Validity is measured against `evaluatedAt`, since attestations are Rampart's own records.

const NOTE_MAX_LENGTH = 120;

/** The outcome of an attested control (or of BAK-4's attestation fallback) for one account. */
export function evaluateAttestedControl(
  controlId: string,
  context: Pick<AccountContext, "evaluatedAt" | "records">,
): ControlOutcome {
  const control = getControl(controlId);
  if (!control.acceptsAttestation) {
    throw new AppError("INTERNAL", `${controlId} is decided from evidence and does not accept attestations.`);
  }
  const attestations = context.records.attestations.filter((attestation) => attestation.controlId === controlId);
  const now = context.evaluatedAt.getTime();
  const valid = attestations.filter((attestation) => attestation.validUntil.getTime() > now);

  if (valid.length > 0) {
    const best = latestValidUntil(valid);
    return pass(
      `Attested by ${best.attestedBy} on ${isoDay(best.attestedAt)}, valid until ${isoDay(best.validUntil)}${evidenceEnding(best)}`,
    );
  }

  if (attestations.length === 0) {
    return {
      status: "FAIL",
      reason: `Needs attestation: no consultant has attested "${control.title}" for this account. Record an attestation with the evidence, who checked it and until when.`,
      offenders: [{ kind: "attestation", id: controlId, detail: "no attestation recorded" }],
      needsAttestation: true,
    };
  }

  const lastExpired = latestValidUntil(attestations);
  const expiredOn = isoDay(lastExpired.validUntil);
  return {
    status: "FAIL",
    reason: `Attestation expired on ${expiredOn} (attested by ${lastExpired.attestedBy} on ${isoDay(lastExpired.attestedAt)}). Check the control again and record a new attestation.`,
    offenders: [
      {
        kind: "attestation",
        id: controlId,
        detail: `expired on ${expiredOn}, attested by ${lastExpired.attestedBy}`,
      },
    ],
    needsAttestation: false,
  };
}

/** The attestation valid the longest; among equals, the most recently attested. */
function latestValidUntil(attestations: readonly AttestationRecord[]): AttestationRecord {
  return attestations.reduce((best, candidate) => {
    const difference = candidate.validUntil.getTime() - best.validUntil.getTime();
    if (difference !== 0) return difference > 0 ? candidate : best;
    return candidate.attestedAt.getTime() > best.attestedAt.getTime() ? candidate : best;
  });
}

/** The end of the PASS reason: the link and document reference, or the quoted note when there is neither. */
function evidenceEnding(attestation: AttestationRecord): string {
  const references = [attestation.link, attestation.documentRef].filter(
    (reference): reference is string => typeof reference === "string" && reference.trim() !== "",
  );
  if (references.length > 0) return ` (${references.map((reference) => reference.trim()).join("; ")}).`;
  const note = attestation.note.trim();
  if (note === "") return ".";
  return `: "${note.length > NOTE_MAX_LENGTH ? `${note.slice(0, NOTE_MAX_LENGTH - 1)}…` : note}"`;
}
