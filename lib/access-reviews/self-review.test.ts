import { describe, expect, it } from "vitest";
import { isOwnIamUser, normalizeIdentity } from "./self-review";

const carlos = { email: "carlos.consultant@rampart.example", name: "Carlos Consultant" };
const rita = { email: "reviewer@bluefin-logistics.example", name: "Rita Reviewer (Bluefin)" };

describe("isOwnIamUser", () => {
  const cases: [string, { email: string; name: string }, string, boolean][] = [
    ["e-mail local part", carlos, "carlos.consultant", true],
    ["local part with another separator", carlos, "carlos_consultant", true],
    ["the whole e-mail address", carlos, "carlos.consultant@rampart.example", true],
    ["given name alone", carlos, "carlos", true],
    ["initial + family name", carlos, "cconsultant", true],
    ["given name + family initial", carlos, "CarlosC", true],
    ["family + given name", carlos, "consultant.carlos", true],
    ["a path prefix is ignored", carlos, "humans/carlos", true],
    ["a different person", carlos, "alice", false],
    ["a service user", carlos, "ci-deployer", false],
    ["a name that only contains the given name", carlos, "carlos-ci", false],
    ["root never matches", carlos, "<root_account>", false],
    ["bracketed qualifiers in a display name are ignored", rita, "rita.reviewer", true],
    ["the bracketed word is not a name", rita, "bluefin", false],
    ["e-mail local part of a role address", rita, "reviewer", true],
    ["a +tag in the e-mail is dropped", { email: "ana+aws@x.example", name: "Ana Ruiz" }, "ana", true],
    ["accents are folded", { email: "jose@x.example", name: "José Núñez" }, "jnunez", true],
  ];
  for (const [label, reviewer, userName, expected] of cases) {
    it(`${label}: ${reviewer.name} vs ${userName} → ${expected}`, () => {
      expect(isOwnIamUser(reviewer, userName)).toBe(expected);
    });
  }

  it("normalises case, separators and accents", () => {
    expect(normalizeIdentity("Zoë_O'Brien-Smith")).toBe("zoeobriensmith");
  });
});
