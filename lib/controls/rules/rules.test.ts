import { describe, expect, it } from "vitest";
import { CONTROL_CATALOGUE } from "../catalogue";
import { AUTOMATED_RULES } from ".";

describe("the rule registry", () => {
  it("has exactly one rule per automated control of the catalogue", () => {
    const automated = CONTROL_CATALOGUE.filter((control) => control.source === "AUTOMATED").map(
      (control) => control.id,
    );
    expect(Object.keys(AUTOMATED_RULES).sort()).toEqual([...automated].sort());
  });

  it("has no rule for an attested control (those are decided by attestations)", () => {
    const attested = CONTROL_CATALOGUE.filter((control) => control.source === "ATTESTED").map((control) => control.id);
    for (const id of attested) expect(AUTOMATED_RULES[id]).toBeUndefined();
  });
});
