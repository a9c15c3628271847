import { describe, expect, it } from "vitest";
import { canonicalTimeZone, customerTimeZoneSchema, TIME_ZONE_REFUSAL } from "./practice-settings";

describe("the customer's time zone", () => {
  it.each([
    ["Europe/Madrid", "Europe/Madrid"],
    ["  europe/madrid ", "Europe/Madrid"],
    ["UTC", "UTC"],
    ["Etc/UTC", "UTC"],
  ])("accepts %j as %s", (input, zone) => {
    expect(customerTimeZoneSchema.parse(input)).toBe(zone);
  });

  it.each(["Mars/Olympus_Mons", "+01:00", "Madrid", "Europe/Madrid; DROP TABLE"])(
    "refuses %j, saying what is expected",
    (input) => {
      expect(canonicalTimeZone(input)).toBeNull();
      const parsed = customerTimeZoneSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(TIME_ZONE_REFUSAL);
    },
  );

  it("asks for a zone when the field is empty", () => {
    expect(customerTimeZoneSchema.safeParse(" ").error?.issues[0]?.message).toMatch(/^Give the customer's time zone/);
  });
});
