import { describe, expect, it } from "vitest";
import { requestEvidencePackSchema } from "./evidence-pack-schemas";

describe("requestEvidencePackSchema", () => {
  it("takes empty fields as the defaults and the last day as inclusive", () => {
    expect(requestEvidencePackSchema.parse({ customerId: "c1", asOf: "", from: "", to: "" })).toEqual({
      customerId: "c1",
      asOf: undefined,
      from: undefined,
      to: undefined,
    });
    const parsed = requestEvidencePackSchema.parse({
      customerId: "c1",
      asOf: "2026-10-01T12:30",
      from: "2026-07-01",
      to: "2026-09-30",
    });
    expect(parsed.asOf?.toISOString()).toBe("2026-10-01T12:30:00.000Z");
    expect(parsed.to?.toISOString()).toBe("2026-10-01T00:00:00.000Z");
  });

  it.each([
    [{ from: "2026-09-01", to: "2026-08-01" }, "to", "The period must end after it starts"],
    [{ from: "2026-09-01" }, "to", "Give both the first and the last day of the period"],
    [{ asOf: "yesterday" }, "asOf", "Enter a date and time"],
    [{ from: "2026-02-30", to: "2026-03-01" }, "from", "Enter a real date"],
  ])("refuses %j at the field", (input, field, message) => {
    const parsed = requestEvidencePackSchema.safeParse({ customerId: "c1", ...input });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path).toEqual([field]);
    expect(issue.message).toContain(message);
  });
});
