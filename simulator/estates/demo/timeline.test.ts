import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEstate } from "../../estate/schema";
import { parseEstateText } from "../../estate/store";
import { DEMO_PORTFOLIO } from "./index";
import { changeDaysOf, DEMO_TIMELINE, type DemoTimeline, estateOnDay, isChangeActive } from "./timeline";

const accounts = DEMO_PORTFOLIO.flatMap((customer) => customer.accounts);

function baseEstate(estateFile: string): unknown {
  const file = path.join(__dirname, estateFile);
  return parseEstateText(readFileSync(file, "utf8"), file);
}

type Document = { iam: { users: { name: string; mfa?: string }[] }; root?: { mfa?: string } };

describe("the demo timeline", () => {
  it("names only demo accounts", () => {
    const ids = new Set(accounts.map((account) => account.accountId));
    for (const change of DEMO_TIMELINE.changes) expect(ids.has(change.accountId), change.story).toBe(true);
    for (const accountId of Object.keys(DEMO_TIMELINE.onboardedDaysAgo)) expect(ids.has(accountId)).toBe(true);
  });

  it.each(accounts.map((account) => [account.alias, account] as const))(
    "%s: every replayed day is a valid estate, and today's is the file unchanged",
    (_alias, account) => {
      const base = baseEstate(account.estateFile);
      expect(estateOnDay(base, account.accountId, 0)).toEqual(base);
      for (const daysAgo of [90, 71, 70, 59, 58, 46, 45, 22, 21, 20, 1]) {
        expect(() =>
          parseEstate(estateOnDay(base, account.accountId, daysAgo), `${account.alias}@-${daysAgo}d`),
        ).not.toThrow();
      }
    },
  );

  it("applies a change on the days before it ended, not from its last day on", () => {
    const change = { accountId: "1", story: "x", untilDaysAgo: 20, edits: [] };
    expect(isChangeActive(change, 21)).toBe(true);
    expect(isChangeActive(change, 20)).toBe(false);
    expect(isChangeActive({ ...change, fromDaysAgo: 30 }, 30)).toBe(true);
    expect(isChangeActive({ ...change, fromDaysAgo: 30 }, 31)).toBe(false);
  });

  it("tells Bluefin's story: more users without MFA and a root user without MFA 90 days ago, fixed 70 days ago", () => {
    const prod = accounts.find((account) => account.alias === "bluefin-prod")!;
    const logArchive = accounts.find((account) => account.alias === "bluefin-log-archive")!;
    const withoutMfa = (document: unknown) =>
      (document as Document).iam.users
        .filter((user) => user.mfa === undefined || user.mfa === "none")
        .map((user) => user.name);
    expect(withoutMfa(estateOnDay(baseEstate(prod.estateFile), prod.accountId, 90))).toEqual(
      expect.arrayContaining(["carla.finance", "dmitri.sre"]),
    );
    expect(withoutMfa(estateOnDay(baseEstate(prod.estateFile), prod.accountId, 70))).not.toContain("dmitri.sre");
    expect((estateOnDay(baseEstate(logArchive.estateFile), logArchive.accountId, 71) as Document).root?.mfa).toBe(
      "none",
    );
    expect((estateOnDay(baseEstate(logArchive.estateFile), logArchive.accountId, 70) as Document).root?.mfa).toBe(
      "hardware",
    );
  });

  it("lists each account's change days for the replay's collections", () => {
    expect(changeDaysOf("314159265358")).toEqual([70, 58, 20]);
    expect(changeDaysOf("271828182846")).toEqual([21]);
    expect(changeDaysOf("161803398874")).toEqual([]);
  });

  it("fails loudly when an edit no longer matches its estate", () => {
    const timeline: DemoTimeline = {
      onboardedDaysAgo: {},
      changes: [
        {
          accountId: "314159265358",
          story: "a renamed user",
          untilDaysAgo: 5,
          edits: [{ list: "iam.users", match: { name: "nobody" }, merge: { mfa: "none" } }],
        },
      ],
    };
    const prod = accounts.find((account) => account.alias === "bluefin-prod")!;
    expect(() => estateOnDay(baseEstate(prod.estateFile), prod.accountId, 6, timeline)).toThrow(
      /no item of iam\.users/,
    );
  });
});
