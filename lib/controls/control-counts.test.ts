import { describe, expect, it } from "vitest";
import { type CountableControl, countControls, isAwaitingAttestation } from "./control-counts";

const account = (status: string, extra: Partial<CountableControl["accounts"][number]> = {}) => ({
  status,
  suppressed: false,
  needsAttestation: false,
  ...extra,
});

describe("countControls", () => {
  it("counts each control once and partitions failing from needs-attestation", () => {
    const controls: CountableControl[] = [
      { status: "PASS", accounts: [account("PASS"), account("PASS")] },
      { status: "FAIL", accounts: [account("FAIL"), account("PASS")] },
      {
        status: "FAIL",
        accounts: [account("FAIL", { needsAttestation: true }), account("FAIL", { needsAttestation: true })],
      },
      { status: "FAIL", accounts: [account("FAIL", { needsAttestation: true }), account("FAIL")] },
      { status: "UNKNOWN", accounts: [account("UNKNOWN")] },
      { status: "SUPPRESSED", accounts: [account("FAIL", { suppressed: true })] },
      { status: "NOT_APPLICABLE", accounts: [account("NOT_APPLICABLE")] },
    ];
    const counts = countControls(controls);
    expect(counts).toEqual({
      passing: 1,
      failing: 2,
      needsAttestation: 1,
      unknown: 1,
      suppressed: 1,
      notApplicable: 1,
      total: 7,
    });
    expect(
      counts.passing +
        counts.failing +
        counts.needsAttestation +
        counts.unknown +
        counts.suppressed +
        counts.notApplicable,
    ).toBe(counts.total);
  });

  it("treats a failure suppressed in one account and awaiting attestation in another as awaiting attestation", () => {
    expect(
      isAwaitingAttestation({
        status: "FAIL",
        accounts: [account("FAIL", { suppressed: true }), account("FAIL", { needsAttestation: true })],
      }),
    ).toBe(true);
  });
});
