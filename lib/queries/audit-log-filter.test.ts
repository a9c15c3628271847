import { describe, expect, it } from "vitest";
import { auditLogFilterSchema } from "./audit-log";

describe("audit-log date filters", () => {
  it.each(["0000-01-01", "10000-01-01", "-000001-01-01", "+275760-09-13"])(
    "drops %s, which PostgreSQL cannot hold, instead of querying with it",
    (value) => {
      expect(auditLogFilterSchema.parse({ from: value, to: value })).toMatchObject({ from: undefined, to: undefined });
    },
  );

  it("keeps an ordinary date", () => {
    expect(auditLogFilterSchema.parse({ from: "2026-11-01" }).from?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });
});
