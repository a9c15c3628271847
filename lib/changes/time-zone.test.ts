import { describe, expect, it } from "vitest";
import { isTimeZone, parseCustomerSettings } from "../customers/settings";
import { formatInZone, instantToZonedTime, zonedTimeToInstant } from "./time-zone";

describe("change windows in the customer's time zone", () => {
  it("turns wall-clock times into instants, across summer and winter time", () => {
    expect(zonedTimeToInstant("2026-12-10T22:00", "Europe/Madrid")?.toISOString()).toBe("2026-12-10T21:00:00.000Z");
    expect(zonedTimeToInstant("2026-07-10T22:00", "Europe/Madrid")?.toISOString()).toBe("2026-07-10T20:00:00.000Z");
    expect(zonedTimeToInstant("2026-12-10T22:00", "America/New_York")?.toISOString()).toBe("2026-12-11T03:00:00.000Z");
    expect(zonedTimeToInstant("2026-12-10T22:00", "UTC")?.toISOString()).toBe("2026-12-10T22:00:00.000Z");
  });

  it("refuses what is not a time", () => {
    expect(zonedTimeToInstant("2026-02-30T10:00", "UTC")).toBeNull();
    expect(zonedTimeToInstant("2026-12-10 22:00", "UTC")).toBeNull();
    expect(zonedTimeToInstant("2026-12-10T25:00", "UTC")).toBeNull();
  });

  it("shows an instant back in the zone", () => {
    const instant = new Date("2026-12-10T21:00:00.000Z");
    expect(instantToZonedTime(instant, "Europe/Madrid")).toBe("2026-12-10T22:00");
    expect(formatInZone(instant, "Europe/Madrid")).toBe("2026-12-10 22:00 Europe/Madrid");
  });
});

describe("customer settings read by change management (typed in lib/customers/settings.ts)", () => {
  const collaborative = (raw: unknown) => parseCustomerSettings(raw).changeManagement.collaborative;
  const timeZone = (raw: unknown) => parseCustomerSettings(raw).timeZone;

  it("is collaborative only when the setting is true", () => {
    expect(collaborative({ changeManagement: { collaborative: true } })).toBe(true);
    expect(collaborative({ changeManagement: { collaborative: "yes" } })).toBe(false);
    expect(collaborative({})).toBe(false);
    expect(collaborative(null)).toBe(false);
  });

  it("takes the customer's time zone when it is a real one", () => {
    expect(timeZone({ timeZone: "Europe/Madrid" })).toBe("Europe/Madrid");
    expect(timeZone({ timeZone: "Mars/Olympus" })).toBe("UTC");
    expect(timeZone({})).toBe("UTC");
    expect(isTimeZone("Asia/Tokyo")).toBe(true);
  });
});
