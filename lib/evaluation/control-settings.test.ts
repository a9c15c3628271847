import { describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_PARAMS } from "../controls/params";
import { readControlSettings } from "./control-settings";

describe("readControlSettings", () => {
  it("keeps the corporate e-mail domains when another control parameter is set (issue 12 item 7)", () => {
    const settings = readControlSettings({
      emailDomains: ["acme.example"],
      controlParams: { minimumPasswordLength: 16 },
    });
    expect(settings.params.corporateEmailDomains).toEqual(["acme.example"]);
    expect(settings.params.minimumPasswordLength).toBe(16);
  });

  it("never lets one parameter reset another to its default", () => {
    const settings = readControlSettings({ controlParams: { requiredTagKeys: ["Owner"] } });
    expect(settings.params).toEqual({ ...DEFAULT_CONTROL_PARAMS, requiredTagKeys: ["Owner"] });
  });

  it("prefers corporate e-mail domains set as a control parameter over the customer's", () => {
    const settings = readControlSettings({
      emailDomains: ["acme.example"],
      controlParams: { corporateEmailDomains: ["sec.acme.example"] },
    });
    expect(settings.params.corporateEmailDomains).toEqual(["sec.acme.example"]);
  });

  it("rejects an invalid stored parameter by name", () => {
    expect(() => readControlSettings({ controlParams: { minimumPasswordLength: 2 } })).toThrow(
      /controlParams\.minimumPasswordLength/,
    );
  });
});
