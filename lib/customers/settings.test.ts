import { describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_PARAMS } from "../controls/params";
import {
  controlParamsOf,
  DEFAULT_MAX_SUPPRESSION_DAYS,
  mergeCustomerSettings,
  parseCustomerSettings,
} from "./settings";

describe("parseCustomerSettings", () => {
  it("gives every key its default when nothing is stored", () => {
    for (const raw of [{}, null, undefined]) {
      expect(parseCustomerSettings(raw)).toEqual({
        emailDomains: [],
        controlParams: {},
        controlSeverities: {},
        alertSla: {},
        maxSuppressionDays: DEFAULT_MAX_SUPPRESSION_DAYS,
        changeManagement: { collaborative: false },
        timeZone: "UTC",
        evidencePacks: { monthlyMail: false },
        problems: [],
      });
    }
  });

  it("keeps a valid time zone and replaces an unknown one by UTC, naming it", () => {
    expect(parseCustomerSettings({ timeZone: "Europe/Madrid" }).timeZone).toBe("Europe/Madrid");
    const unknown = parseCustomerSettings({ timeZone: "Mars/Olympus_Mons", evidencePacks: { monthlyMail: true } });
    expect(unknown.timeZone).toBe("UTC");
    expect(unknown.problems).toEqual(["timeZone: is not an IANA time zone"]);
    expect(unknown.evidencePacks.monthlyMail).toBe(true);
  });

  it.each([
    [{ maxSuppressionDays: 365 }, 365],
    [{ maxSuppressionDays: 0 }, DEFAULT_MAX_SUPPRESSION_DAYS],
    [{ maxSuppressionDays: 30.5 }, DEFAULT_MAX_SUPPRESSION_DAYS],
    [{ maxSuppressionDays: "365" }, DEFAULT_MAX_SUPPRESSION_DAYS],
  ])("maxSuppressionDays of %j is %i", (raw, expected) => {
    expect(parseCustomerSettings(raw).maxSuppressionDays).toBe(expected);
  });

  it("replaces an invalid key by its default, names it, and keeps every other key", () => {
    const settings = parseCustomerSettings({
      emailDomains: ["acme.example"],
      alertSla: { critical: "soon" },
      controlParams: { minimumPasswordLength: 2, requiredTagKeys: ["Owner"], madeUp: 1 },
      changeManagement: { collaborative: true },
    });
    expect(settings.emailDomains).toEqual(["acme.example"]);
    expect(settings.alertSla).toEqual({});
    expect(settings.controlParams).toEqual({ requiredTagKeys: ["Owner"] });
    expect(settings.changeManagement).toEqual({ collaborative: true });
    expect(settings.problems).toEqual([
      expect.stringMatching(/^controlParams\.minimumPasswordLength: /),
      "controlParams.madeUp: not a control parameter",
      expect.stringMatching(/^alertSla\.critical: /),
    ]);
  });

  it("never throws on a value that is not an object", () => {
    expect(parseCustomerSettings("oops").problems).toEqual(["(root): not an object"]);
    expect(parseCustomerSettings({ controlParams: [] }).problems).toEqual(["controlParams: not an object"]);
  });
});

describe("controlParamsOf", () => {
  it("keeps the corporate e-mail domains when another control parameter is set (issue 12 item 7)", () => {
    const params = controlParamsOf(
      parseCustomerSettings({ emailDomains: ["acme.example"], controlParams: { minimumPasswordLength: 16 } }),
    );
    expect(params).toEqual({
      ...DEFAULT_CONTROL_PARAMS,
      corporateEmailDomains: ["acme.example"],
      minimumPasswordLength: 16,
    });
  });
});

describe("mergeCustomerSettings", () => {
  const stored = {
    emailDomains: ["acme.example"],
    alertSla: { critical: 8 },
    controlParams: { minimumPasswordLength: 16, accountAliasPattern: "^acme-" },
    somethingElse: { kept: true },
  };

  it("changes only the keys it names and never drops another (unknown keys included)", () => {
    expect(
      mergeCustomerSettings(stored, { maxSuppressionDays: 30, controlParams: { requiredTagKeys: ["Owner"] } }),
    ).toEqual({
      ...stored,
      maxSuppressionDays: 30,
      controlParams: { minimumPasswordLength: 16, accountAliasPattern: "^acme-", requiredTagKeys: ["Owner"] },
    });
  });

  it("removes a key or a parameter set to null (back to its default)", () => {
    expect(
      mergeCustomerSettings(stored, {
        alertSla: null,
        controlParams: { minimumPasswordLength: null, accountAliasPattern: null },
      }),
    ).toEqual({ emailDomains: ["acme.example"], somethingElse: { kept: true } });
  });

  it("refuses a value the schema refuses", () => {
    expect(() => mergeCustomerSettings(stored, { maxSuppressionDays: 0 })).toThrow(/maxSuppressionDays/);
    expect(() => mergeCustomerSettings(stored, { controlParams: { minimumPasswordLength: 2 } } as never)).toThrow(
      /minimumPasswordLength/,
    );
  });
});
