import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { CONTROL_AREAS, CONTROL_CATALOGUE, getControl, remediationText } from "./catalogue";

// The catalogue is checked against the spec file itself, parsed at test time, so an edit to either
// side that the other does not follow fails here.
const SPEC_PATH = fileURLToPath(new URL("../../../shared/spec/controls.md", import.meta.url));
const SEEDS_PATH = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
const specPresent = existsSync(SPEC_PATH);

interface SpecRow {
  id: string;
  sectionNumber: number;
  sectionName: string;
  sectionReferences: string;
  control: string;
  severity: string;
  source: string;
  evidence: string;
  reference: string;
}

const SEVERITY_LETTERS: Record<string, string> = { C: "CRITICAL", H: "HIGH", M: "MEDIUM", L: "LOW" };

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

function parseCatalogueTables(markdown: string): SpecRow[] {
  const rows: SpecRow[] = [];
  let section: { number: number; name: string; references: string } | null = null;
  for (const line of markdown.split("\n")) {
    const heading = /^## (\d+)\. (.+?) \((.+)\)\s*$/.exec(line);
    if (heading) {
      section = { number: Number(heading[1]), name: heading[2], references: heading[3] };
      continue;
    }
    if (line.startsWith("## ")) {
      section = null;
      continue;
    }
    if (!section || !line.startsWith("|")) continue;
    const row = cells(line);
    if (!/^[A-Z]+-\d+$/.test(row[0])) continue;
    expect(row, `catalogue row ${row[0]} should have 6 cells`).toHaveLength(6);
    rows.push({
      id: row[0],
      sectionNumber: section.number,
      sectionName: section.name,
      sectionReferences: section.references,
      control: row[1],
      severity: row[2],
      source: row[3],
      evidence: row[4],
      reference: row[5],
    });
  }
  return rows;
}

/** Ids named by the first column of the "Evaluation rules" table: "TRAIL-2, 5", "TRAIL-6–9", "IAM-1–4". */
function parseEvaluationRuleIds(markdown: string): string[] {
  const start = markdown.indexOf("## Evaluation rules");
  const end = markdown.indexOf("\n## ", start + 1);
  const ids: string[] = [];
  for (const line of markdown.slice(start, end === -1 ? undefined : end).split("\n")) {
    if (!line.startsWith("|")) continue;
    const first = cells(line)[0];
    const prefix = /^([A-Z]+)-/.exec(first)?.[1];
    if (!prefix) continue;
    for (const part of first.split(",").map((piece) => piece.trim().replace(`${prefix}-`, ""))) {
      const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
      if (range) {
        for (let number = Number(range[1]); number <= Number(range[2]); number += 1) ids.push(`${prefix}-${number}`);
      } else {
        expect(part, `evaluation rule id "${first}"`).toMatch(/^\d+$/);
        ids.push(`${prefix}-${part}`);
      }
    }
  }
  return ids;
}

/** The SOP files a citation names: "000 §1" → 000, "001/002" → 001 and 002, "002 ACM" → 002. */
function citedSopFiles(citation: string): string[] {
  const match = /^(\d{3}(?:\/\d{3})*)\b/.exec(citation.trim());
  return match ? match[1].split("/") : [];
}

describe("catalogue against ../shared/spec/controls.md", () => {
  const markdown = specPresent ? readFileSync(SPEC_PATH, "utf8") : "";
  const specRows = specPresent ? parseCatalogueTables(markdown) : [];
  const specById = new Map(specRows.map((row) => [row.id, row]));

  it.skipIf(!specPresent)(`parses the spec's tables (skipped only when ${SPEC_PATH} is absent)`, () => {
    expect(specRows.length).toBeGreaterThanOrEqual(50);
    expect(new Set(specRows.map((row) => row.sectionNumber))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it.skipIf(!specPresent)("has every control of the spec and nothing else, in the spec's order", () => {
    expect(CONTROL_CATALOGUE.map((control) => control.id)).toEqual(specRows.map((row) => row.id));
  });

  it.skipIf(!specPresent)("matches every severity of the spec", () => {
    for (const control of CONTROL_CATALOGUE) {
      const row = specById.get(control.id);
      expect(control.severity, control.id).toBe(SEVERITY_LETTERS[row?.severity ?? ""]);
    }
  });

  it.skipIf(!specPresent)("matches every source of the spec; 'T (A where …)' is automated with attestation", () => {
    for (const control of CONTROL_CATALOGUE) {
      const source = specById.get(control.id)?.source ?? "";
      if (source === "A") {
        expect([control.id, control.source, control.acceptsAttestation]).toEqual([control.id, "AUTOMATED", false]);
      } else if (source === "T") {
        expect([control.id, control.source, control.acceptsAttestation]).toEqual([control.id, "ATTESTED", true]);
      } else {
        expect(source, control.id).toMatch(/^T \(A where .+\)$/);
        expect([control.id, control.source, control.acceptsAttestation]).toEqual([control.id, "AUTOMATED", true]);
      }
    }
  });

  it.skipIf(!specPresent)("every automated control, and no attested one, has a row in the Evaluation rules", () => {
    const ruleIds = parseEvaluationRuleIds(markdown);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    const automated = CONTROL_CATALOGUE.filter((control) => control.source === "AUTOMATED").map(
      (control) => control.id,
    );
    expect([...ruleIds].sort()).toEqual([...automated].sort());
  });

  it.skipIf(!specPresent)("puts each control in its spec section, with the section's name", () => {
    for (const control of CONTROL_CATALOGUE) {
      const row = specById.get(control.id);
      expect([control.id, control.area.name]).toEqual([control.id, row?.sectionName]);
      expect([control.id, CONTROL_AREAS.findIndex((area) => area.key === control.area.key) + 1]).toEqual([
        control.id,
        row?.sectionNumber,
      ]);
    }
  });

  it.skipIf(!specPresent)("keeps the spec's Reference column, with null for —", () => {
    for (const control of CONTROL_CATALOGUE) {
      const reference = specById.get(control.id)?.reference;
      expect([control.id, control.reference]).toEqual([control.id, reference === "—" ? null : reference]);
    }
  });

  it.skipIf(!specPresent)("cites only SOP files named by the control's section heading or Reference", () => {
    for (const control of CONTROL_CATALOGUE) {
      const row = specById.get(control.id)!;
      const allowed = new Set(
        [row.sectionReferences, row.reference].flatMap((text) => text.match(/\b00[0-4]\b/g) ?? []),
      );
      for (const citation of control.sopReference.split(",")) {
        const files = citedSopFiles(citation);
        expect(files.length, `${control.id} cites "${citation.trim()}"`).toBeGreaterThan(0);
        for (const file of files) expect(allowed.has(file), `${control.id} cites SOP ${file}`).toBe(true);
      }
    }
  });

  it.skipIf(!existsSync(SEEDS_PATH))("cites only SOP files that exist in ../shared/seeds", () => {
    const seedNumbers = new Set(readdirSync(SEEDS_PATH).map((name) => name.slice(0, 3)));
    for (const control of CONTROL_CATALOGUE) {
      for (const citation of control.sopReference.split(",")) {
        for (const file of citedSopFiles(citation)) expect(seedNumbers.has(file), `${control.id}: ${file}`).toBe(true);
      }
    }
  });
});

describe("CONTROL_CATALOGUE", () => {
  it("has unique ids", () => {
    const ids = CONTROL_CATALOGUE.map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has the 59 controls of the spec's nine sections", () => {
    const counts = Object.fromEntries(
      CONTROL_AREAS.map((area) => [area.key, CONTROL_CATALOGUE.filter((c) => c.area.key === area.key).length]),
    );
    expect(counts).toEqual({
      root: 6,
      logging: 9,
      iam: 14,
      change: 2,
      network: 8,
      kms: 3,
      detection: 7,
      backup: 5,
      governance: 5,
    });
  });

  it("lists the areas in the spec's order", () => {
    expect(CONTROL_AREAS.map((area) => area.name)).toEqual([
      "Root account",
      "CloudTrail and logging",
      "IAM users and access",
      "Change control and deployment",
      "Network",
      "Encryption keys",
      "Detection and response",
      "Patching, backup and recovery",
      "Governance and cost",
    ]);
  });

  it("gives every control a title, evidence, a rationale citing an SOP, and remediation steps", () => {
    for (const control of CONTROL_CATALOGUE) {
      expect(control.title.trim(), control.id).not.toBe("");
      expect(control.evidenceDescription.trim(), control.id).not.toBe("");
      expect(control.rationale, `${control.id} rationale cites an SOP or benchmark`).toMatch(
        /SOP|\b00[0-4]\b|001\/002|CIS/,
      );
      expect(control.remediation.length, `${control.id} remediation`).toBeGreaterThanOrEqual(2);
      for (const step of control.remediation) expect(step.trim(), control.id).not.toBe("");
      expect(control.sopReference, control.id).toMatch(/^\d{3}/);
    }
  });

  it("tells how to record the attestation for every attested control", () => {
    for (const control of CONTROL_CATALOGUE.filter((candidate) => candidate.acceptsAttestation)) {
      expect(remediationText(control), control.id).toMatch(new RegExp(`attestation for ${control.id}`));
    }
  });
});

describe("getControl", () => {
  it("returns the control with that id", () => {
    const control = getControl("TRAIL-4");
    expect(control.title).toBe("CloudTrail log group retention ≥ 180 days (or never expire)");
    expect(control.severity).toBe("HIGH");
    expect(control.area).toEqual({ key: "logging", name: "CloudTrail and logging" });
  });

  it("marks BAK-4 as automated with an attestation fallback", () => {
    expect(getControl("BAK-4")).toMatchObject({ source: "AUTOMATED", acceptsAttestation: true });
    expect(getControl("BAK-3")).toMatchObject({ source: "AUTOMATED", acceptsAttestation: false });
  });

  it("throws NOT_FOUND for an unknown id, including a wrongly cased one", () => {
    for (const id of ["ROOT-7", "root-1", ""]) {
      expect(() => getControl(id)).toThrow(AppError);
      try {
        getControl(id);
      } catch (error) {
        expect((error as AppError).code).toBe("NOT_FOUND");
      }
    }
  });
});

describe("remediationText", () => {
  it("numbers the steps one per line", () => {
    const text = remediationText(getControl("TRAIL-4"));
    const lines = text.split("\n");
    expect(lines).toHaveLength(getControl("TRAIL-4").remediation.length);
    expect(lines[0]).toMatch(/^1\. If the trail does not deliver to CloudWatch Logs/);
    expect(lines[2]).toMatch(/^3\. Or CLI: `aws logs put-retention-policy/);
  });
});
