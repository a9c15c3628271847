import { describe, expect, it } from "vitest";
import { CONTROL_CATALOGUE } from "../controls/catalogue";
import { CONTROL_EVIDENCE_NEEDS } from "../controls/evidence-needs";
import { getCollector } from "./collectors";
import { READ_ONLY_OPERATIONS } from "./read-only-operations";

// The calls a rule declares it needs (lib/controls/evidence-needs.ts) are calls its collector makes.
describe("control evidence needs", () => {
  it("declares only controls of the catalogue and operations the collector calls", () => {
    const ids = new Set(CONTROL_CATALOGUE.map((control) => control.id));
    for (const [controlId, needs] of Object.entries(CONTROL_EVIDENCE_NEEDS)) {
      expect(ids.has(controlId), controlId).toBe(true);
      for (const [collector, operations] of Object.entries(needs)) {
        const service = getCollector(collector).service as keyof typeof READ_ONLY_OPERATIONS;
        for (const operation of operations ?? [])
          expect(READ_ONLY_OPERATIONS[service] as readonly string[], `${controlId} ${operation}`).toContain(operation);
      }
    }
  });
});
