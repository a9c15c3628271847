import { describe, expect, it } from "vitest";
import { isMonthlyPackMailOn, monthlyPackMail, previousMonth } from "./monthly-mail";

describe("monthly evidence pack", () => {
  it.each([
    [{ evidencePacks: { monthlyMail: true } }, true],
    [{ evidencePacks: { monthlyMail: false } }, false],
    [{ evidencePacks: { monthlyMail: "true" } }, false],
    [{ evidencePacks: null }, false],
    [{}, false],
    [null, false],
    ["monthlyMail", false],
  ])("setting %j → %s", (settings, on) => {
    expect(isMonthlyPackMailOn(settings)).toBe(on);
  });

  it("covers the previous calendar month in UTC, across a year boundary", () => {
    expect(previousMonth(new Date("2026-12-01T06:00:00Z"))).toEqual({
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-12-01T00:00:00Z"),
      label: "2026-11",
    });
    expect(previousMonth(new Date("2027-01-15T23:59:00Z")).label).toBe("2026-12");
  });

  it("links to the signed-in download instead of attaching the pack", () => {
    const mail = monthlyPackMail({
      recipient: { name: "Rita", email: "rita@bluefin.example" },
      customer: { id: "c1", name: "Bluefin Logistics" },
      month: "2026-11",
      contentDigest: "abc123",
      appUrl: "https://rampart.example/",
    });
    expect(mail).toMatchObject({
      to: "rita@bluefin.example",
      subject: "Evidence pack of Bluefin Logistics for 2026-11 is ready",
    });
    expect(mail.text).toContain("https://rampart.example/customers/c1");
    expect(mail.text).toContain("Content digest: abc123");
    expect(mail.html).toBeUndefined();
  });
});
