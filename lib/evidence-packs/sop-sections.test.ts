import { describe, expect, it } from "vitest";
import { CONTROL_CATALOGUE, getControl } from "../controls/catalogue";
import { SOP_SECTIONS, sop000SectionsCited, sopSectionsOf } from "./sop-sections";

describe("SOP 000 chapters", () => {
  it.each([
    ["000 §1, 003 §3.1, 004 §3, 001/002", [1]],
    ["000 §5, 000 §7, 003 §9.2", [5, 7]],
    ["000 §7–8", [7, 8]],
    ["003 §5.2, 001/002", []],
    ["004 §2–3, 003 §3.2", []],
    ["000 §11", [11]],
  ])("%s cites SOP 000 sections %j", (reference, sections) => {
    expect(sop000SectionsCited(reference)).toEqual(sections);
  });

  it("files a control that cites no SOP 000 section under its area's section", () => {
    expect(sopSectionsOf(getControl("IAM-1"))).toEqual([3]);
    expect(sopSectionsOf(getControl("TRAIL-6"))).toEqual([2]);
  });

  it("puts every control of the catalogue in at least one of the twelve sections", () => {
    expect(SOP_SECTIONS).toHaveLength(12);
    for (const control of CONTROL_CATALOGUE) {
      const sections = sopSectionsOf(control);
      expect(sections.length, control.id).toBeGreaterThan(0);
      for (const section of sections) expect(section).toBeGreaterThanOrEqual(1);
      for (const section of sections) expect(section).toBeLessThanOrEqual(12);
    }
  });
});
