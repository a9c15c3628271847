import { describe, expect, it } from "vitest";
import { parseCredentialReport } from "../../aws/iam";
import type { ControlOutcome } from "../types";
import { isCorporateAddress, ROOT_RULES } from "./root";
import {
  AS_OF,
  accessKey,
  accountContext,
  buildContext,
  consoleUserRow,
  daysBefore,
  FakeEvidence,
  failedIamContext,
  iamContext,
  iamEvidence,
  rootRow,
  securityContact,
  virtualMfaDevice,
  withRows,
} from "./testing/iam-evidence";

const ROOT_ARN = "arn:aws:iam::111122223333:root";

function offenderIds(outcome: ControlOutcome): string[] {
  return outcome.offenders.map((offender) => offender.id);
}

describe("ROOT rules registry", () => {
  it("implements exactly ROOT-1..5 (ROOT-6 is attested)", () => {
    expect(Object.keys(ROOT_RULES).sort()).toEqual(["ROOT-1", "ROOT-2", "ROOT-3", "ROOT-4", "ROOT-5"]);
  });

  it.each(["ROOT-1", "ROOT-2", "ROOT-3", "ROOT-4"])("%s is UNKNOWN when the IAM collector failed", (id) => {
    const outcome = ROOT_RULES[id](failedIamContext("GetAccountSummary"));
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("iam:GetAccountSummary in global could not be read (AccessDenied)");
  });

  it.each(["ROOT-1", "ROOT-2", "ROOT-3", "ROOT-4"])("%s is UNKNOWN when IAM was never collected", (id) => {
    const outcome = ROOT_RULES[id](buildContext());
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("not been collected");
  });
});

describe("ROOT-1 root MFA", () => {
  const rule = ROOT_RULES["ROOT-1"];

  it("passes when AccountMFAEnabled = 1", () => {
    expect(rule(iamContext(iamEvidence())).status).toBe("PASS");
  });

  it("fails when AccountMFAEnabled = 0 and names the root user, even if the report row says otherwise", () => {
    const outcome = rule(iamContext(withRows([rootRow({ mfaActive: true })], { accountMfaEnabled: false })));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/root user has no MFA/);
    expect(offenderIds(outcome)).toEqual(["<root_account>"]);
  });

  it.each([
    [true, "PASS"],
    [false, "FAIL"],
  ] as const)("falls back to the root row's mfa_active=%s when the summary has no flag", (mfaActive, status) => {
    const outcome = rule(iamContext(withRows([rootRow({ mfaActive })], { accountMfaEnabled: null })));
    expect(outcome.status).toBe(status);
  });

  it.each([
    ["TRUE", "PASS"],
    ["False", "FAIL"],
  ])("reads the report's mfa_active case-insensitively (%s)", (value, status) => {
    const csv = [
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
      `<root_account>,${ROOT_ARN},2019-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,${value},false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    ].join("\n");
    const outcome = rule(iamContext(withRows(parseCredentialReport(csv), { accountMfaEnabled: null })));
    expect(outcome.status).toBe(status);
  });

  it("is UNKNOWN when neither the summary nor a root row says", () => {
    const outcome = rule(iamContext(withRows([consoleUserRow("alice")], { accountMfaEnabled: null })));
    expect(outcome.status).toBe("UNKNOWN");
    // The reason names the missing root user row in words, not by the report's "<root_account>" (issue 19 §11).
    expect(outcome.reason).toContain("no row for the root user");
    expect(outcome.reason).not.toContain("<root_account>");
  });
});

describe("ROOT-2 root access keys", () => {
  const rule = ROOT_RULES["ROOT-2"];

  it("passes when AccountAccessKeysPresent = 0", () => {
    expect(rule(iamContext(iamEvidence())).status).toBe("PASS");
  });

  it("fails when AccountAccessKeysPresent = 1 and names each root key, active or not", () => {
    const root = rootRow({
      accessKeys: [
        accessKey({ active: true, lastRotated: daysBefore(30) }),
        accessKey({ active: false, lastRotated: daysBefore(300) }),
      ],
    });
    const outcome = rule(iamContext(withRows([root], { accountAccessKeysPresent: true })));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("access key 1 and access key 2");
    expect(outcome.offenders).toEqual([
      { kind: "access-key", id: "<root_account> access key 1", detail: "active root access key" },
      { kind: "access-key", id: "<root_account> access key 2", detail: "inactive root access key" },
    ]);
  });

  it("fails on the summary alone, naming the root user, when the report shows no key", () => {
    const outcome = rule(iamContext(iamEvidence({ accountAccessKeysPresent: true })));
    expect(outcome.status).toBe("FAIL");
    expect(offenderIds(outcome)).toEqual(["<root_account>"]);
  });

  it("falls back to the root row: an active key fails", () => {
    const root = rootRow({ accessKeys: [undefined, accessKey({ active: true, lastRotated: daysBefore(5) })] });
    const outcome = rule(iamContext(withRows([root], { accountAccessKeysPresent: null })));
    expect(outcome.status).toBe("FAIL");
    expect(offenderIds(outcome)).toEqual(["<root_account> access key 2"]);
  });

  it("falls back to the root row: only an inactive key passes", () => {
    const root = rootRow({ accessKeys: [accessKey({ active: false, lastRotated: daysBefore(500) })] });
    expect(rule(iamContext(withRows([root], { accountAccessKeysPresent: null }))).status).toBe("PASS");
  });

  it("is UNKNOWN when neither the summary nor a root row says", () => {
    const outcome = rule(iamContext(withRows([], { accountAccessKeysPresent: null })));
    expect(outcome.status).toBe("UNKNOWN");
  });
});

describe("ROOT-3 root not used for daily work", () => {
  const rule = ROOT_RULES["ROOT-3"];
  const judge = (overrides: Parameters<typeof rootRow>[0], asOf = AS_OF) =>
    rule(iamContext(withRows([rootRow(overrides)]), { asOf }));

  it("passes when root last signed in exactly 90 days before collection", () => {
    expect(judge({ passwordLastUsed: daysBefore(90) }).status).toBe("PASS");
  });

  it("fails when root signed in just under 90 days before collection", () => {
    const outcome = judge({ passwordLastUsed: daysBefore(89.9) });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("console sign-in on 2025-04-01");
    expect(outcome.offenders).toEqual([
      { kind: "user", id: "<root_account>", detail: "root console sign-in 2025-04-01 (89 days ago)" },
    ]);
  });

  it("measures from the evidence's collection time, not from now", () => {
    const collectedLater = new Date(AS_OF.getTime() + 30 * 24 * 60 * 60 * 1000);
    expect(judge({ passwordLastUsed: daysBefore(80) }, collectedLater).status).toBe("PASS");
  });

  it("fails on any root key used within 90 days, even an inactive one", () => {
    const outcome = judge({
      passwordLastUsed: daysBefore(400),
      accessKeys: [
        accessKey({ active: true, lastRotated: daysBefore(500), lastUsedDate: daysBefore(200) }),
        accessKey({ active: false, lastRotated: daysBefore(500), lastUsedDate: daysBefore(10) }),
      ],
    });
    expect(outcome.status).toBe("FAIL");
    expect(offenderIds(outcome)).toEqual(["<root_account> access key 2"]);
  });

  it.each(["N/A", "no_information", "not_supported", null])("treats %s as never used", (value) => {
    const outcome = judge({
      passwordLastUsed: value,
      accessKeys: [accessKey({ active: true, lastRotated: daysBefore(10), lastUsedDate: value })],
    });
    expect(outcome.status).toBe("PASS");
  });

  it("is UNKNOWN without a root row", () => {
    expect(rule(iamContext(withRows([consoleUserRow("alice")]))).status).toBe("UNKNOWN");
  });
});

describe("ROOT-4 root hardware MFA", () => {
  const rule = ROOT_RULES["ROOT-4"];

  it("passes when root has MFA and no virtual device is assigned to root", () => {
    const iam = iamEvidence({
      virtualMfaDevices: [virtualMfaDevice("arn:aws:iam::111122223333:user/alice"), virtualMfaDevice(null, "spare")],
    });
    expect(rule(iamContext(iam)).status).toBe("PASS");
  });

  it("fails with the virtual device's serial when root's MFA is virtual", () => {
    const serial = "arn:aws:iam::111122223333:mfa/root-account-mfa-device";
    const outcome = rule(iamContext(iamEvidence({ virtualMfaDevices: [virtualMfaDevice(ROOT_ARN, serial)] })));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/virtual device/);
    expect(outcome.offenders).toEqual([{ kind: "mfa-device", id: serial, detail: "virtual MFA device on root" }]);
  });

  it("fails when root has no MFA at all", () => {
    const outcome = rule(iamContext(iamEvidence({ accountMfaEnabled: false })));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/no MFA/);
    expect(offenderIds(outcome)).toEqual(["<root_account>"]);
  });
});

describe("ROOT-5 security alternate contact", () => {
  const rule = ROOT_RULES["ROOT-5"];

  it("fails when no SECURITY contact exists", () => {
    const outcome = rule(accountContext(null));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/No SECURITY alternate contact/);
    expect(outcome.offenders).toEqual([{ kind: "alternate-contact", id: "SECURITY", detail: "not set" }]);
  });

  it("passes with any address when no corporate domain is configured", () => {
    expect(rule(accountContext(securityContact({ emailAddress: "someone@gmail.com" }))).status).toBe("PASS");
  });

  it.each([
    ["security@acme.com", ["acme.com"], "PASS"],
    ["Security@ACME.Com", ["acme.com"], "PASS"],
    ["soc@eu.acme.com", ["acme.com"], "PASS"],
    ["sec@acme.com", ["@Acme.COM"], "PASS"],
    ["sec@partner.io", ["acme.com", "partner.io"], "PASS"],
    ["sec@notacme.com", ["acme.com"], "FAIL"],
    ["sec@acme.com.evil.io", ["acme.com"], "FAIL"],
    ["someone@gmail.com", ["acme.com"], "FAIL"],
  ])("%s against %j → %s", (emailAddress, corporateEmailDomains, status) => {
    const outcome = rule(accountContext(securityContact({ emailAddress }), { params: { corporateEmailDomains } }));
    expect(outcome.status).toBe(status);
    if (status === "FAIL") {
      expect(outcome.reason).toContain(emailAddress);
      expect(outcome.offenders).toHaveLength(1);
      expect(outcome.offenders[0]).toMatchObject({ kind: "alternate-contact", id: "SECURITY" });
    }
  });

  it("fails a contact without an e-mail address when domains are configured", () => {
    const outcome = rule(
      accountContext(securityContact({ emailAddress: null }), { params: { corporateEmailDomains: ["acme.com"] } }),
    );
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("no e-mail address");
  });

  it("is UNKNOWN when the Account collector failed", () => {
    const evidence = new FakeEvidence().failed("account", "global", {
      service: "account",
      operation: "GetAlternateContact",
    });
    const outcome = rule(buildContext({ evidence }));
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("account:GetAlternateContact in global could not be read (AccessDenied)");
  });

  it("does not treat a bare address without @ as corporate", () => {
    expect(isCorporateAddress("acme.com", ["acme.com"])).toBe(false);
  });
});
