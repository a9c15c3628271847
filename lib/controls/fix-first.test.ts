import { describe, expect, it } from "vitest";
import { type RankableControl, rankFixFirst } from "./fix-first";
import { scoreResults } from "./scoring";

const result = (awsAccountId: string, status: string, extra: Partial<RankableControl["accounts"][number]> = {}) => ({
  awsAccountId,
  accountAlias: awsAccountId,
  status,
  suppressed: false,
  needsAttestation: false,
  offenders: [],
  ...extra,
});

describe("rankFixFirst", () => {
  const controls: RankableControl[] = [
    { id: "ROOT-1", title: "Root MFA", severity: "CRITICAL", accounts: [result("prod", "FAIL", { offenders: [{}] })] },
    { id: "NET-1", title: "SSH", severity: "HIGH", accounts: [result("prod", "FAIL"), result("dev", "FAIL")] },
    { id: "IAM-2", title: "Keys", severity: "MEDIUM", accounts: [result("prod", "PASS"), result("dev", "FAIL")] },
    { id: "LOG-1", title: "Logs", severity: "LOW", accounts: [result("prod", "PASS"), result("dev", "UNKNOWN")] },
    { id: "NET-7", title: "Suppressed", severity: "HIGH", accounts: [result("prod", "FAIL", { suppressed: true })] },
  ];

  it("ranks by points won back, and fixing a control moves the score by exactly those points", () => {
    const ranked = rankFixFirst(controls);
    expect(ranked.map((item) => item.id)).toEqual(["NET-1", "ROOT-1", "IAM-2"]);
    // Evaluated weight: 10 + 5 + 5 + 2 + 2 + 1 = 25.
    expect(ranked[0]).toMatchObject({ points: 40, accounts: ["prod", "dev"] });
    expect(ranked[1]).toMatchObject({ points: 40, resources: 1 });

    const toScorable = (list: RankableControl[]) =>
      list.flatMap((control) =>
        control.accounts.map((account) => ({
          controlId: control.id,
          severity: control.severity,
          status: account.status as "PASS",
          suppressed: account.suppressed,
          needsAttestation: false,
          awsAccountId: account.awsAccountId,
        })),
      );
    const before = scoreResults(toScorable(controls)).score ?? 0;
    const fixed = controls.map((control) =>
      control.id === "IAM-2"
        ? { ...control, accounts: control.accounts.map((account) => ({ ...account, status: "PASS" })) }
        : control,
    );
    const after = scoreResults(toScorable(fixed)).score ?? 0;
    expect(after - before).toBeCloseTo(ranked[2]!.points, 10);
  });

  it("leaves out accounts awaiting their first collection", () => {
    const ranked = rankFixFirst(controls, new Set(["dev"]));
    expect(ranked.find((item) => item.id === "IAM-2")).toBeUndefined();
    expect(ranked.find((item) => item.id === "NET-1")?.accounts).toEqual(["prod"]);
  });
});
