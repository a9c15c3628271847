import { describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_PARAMS } from "../controls/params";
import { readControlSettings } from "./control-settings";

describe("readControlSettings", () => {
  it("keeps the corporate e-mail domains when another control parameter is set (issue 12 item 7)", () => {
    const settings = readControlSettings(
      { emailDomains: ["acme.example"], controlParams: { minimumPasswordLength: 16 } },
      "customer-1",
    );
    expect(settings.params.corporateEmailDomains).toEqual(["acme.example"]);
    expect(settings.params.minimumPasswordLength).toBe(16);
  });

  it("never lets one parameter reset another to its default", () => {
    const settings = readControlSettings({ controlParams: { requiredTagKeys: ["Owner"] } }, "customer-1");
    expect(settings.params).toEqual({ ...DEFAULT_CONTROL_PARAMS, requiredTagKeys: ["Owner"] });
  });

  it("prefers corporate e-mail domains set as a control parameter over the customer's", () => {
    const settings = readControlSettings(
      { emailDomains: ["acme.example"], controlParams: { corporateEmailDomains: ["sec.acme.example"] } },
      "customer-1",
    );
    expect(settings.params.corporateEmailDomains).toEqual(["sec.acme.example"]);
  });

  it("uses the default for an invalid stored parameter and keeps the others (never a crash: ADR 016)", () => {
    const settings = readControlSettings(
      { emailDomains: ["acme.example"], controlParams: { minimumPasswordLength: 2, maxPasswordAgeDays: 90 } },
      "customer-1",
    );
    expect(settings.params.minimumPasswordLength).toBe(DEFAULT_CONTROL_PARAMS.minimumPasswordLength);
    expect(settings.params.maxPasswordAgeDays).toBe(90);
    expect(settings.params.corporateEmailDomains).toEqual(["acme.example"]);
  });

  it("re-weights a control by the customer's severity, else the catalogue's", () => {
    const settings = readControlSettings({ controlSeverities: { "ROOT-5": "LOW" } }, "customer-1");
    expect(settings.severityOf("ROOT-5")).toBe("LOW");
    expect(settings.severityOf("ROOT-1")).toBe("CRITICAL");
  });
});
