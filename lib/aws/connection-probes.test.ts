import { describe, expect, it } from "vitest";
import { COLLECTORS } from "./collectors";
import { CONNECTION_PROBES, DESCRIBE_REGIONS_PROBE } from "./connection-probes";
import { isReadOnlyOperation } from "./read-only-operations";

describe("connection probes", () => {
  it("has exactly one probe per collector, on that collector's service", () => {
    expect(Object.keys(CONNECTION_PROBES).sort()).toEqual(COLLECTORS.map((collector) => collector.key).sort());
    for (const collector of COLLECTORS) {
      expect(CONNECTION_PROBES[collector.key as keyof typeof CONNECTION_PROBES].service, collector.key).toBe(
        collector.service,
      );
    }
  });

  it("calls only allowlisted read-only operations", () => {
    for (const probe of [...Object.values(CONNECTION_PROBES), DESCRIBE_REGIONS_PROBE]) {
      expect(isReadOnlyOperation(probe.service, probe.operation), `${probe.service}:${probe.operation}`).toBe(true);
    }
  });
});
