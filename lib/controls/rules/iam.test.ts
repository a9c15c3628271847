import { describe, expect, it } from "vitest";
import { mapManagedPolicyDetail, parseCredentialReport } from "../../aws/iam";
import { DAY_MS } from "../../dates";
import {
  type CustomerManagedPolicy,
  type IamGroup,
  type IamRole,
  type IamUser,
  SUPPORT_ACCESS_POLICY_ARN,
} from "../../evidence/contract";
import type { ControlOutcome } from "../types";
import { IAM_RULES } from "./iam";
import {
  AS_OF,
  accessKey,
  activeKey,
  attached,
  buildContext,
  consoleUserRow,
  customerPolicy,
  customerPolicyArn,
  daysBefore,
  failedIamContext,
  iamContext,
  iamEvidence,
  iamGroup,
  iamRole,
  iamUser,
  rootRow,
  strongPasswordPolicy,
  userRow,
  withRows,
} from "./testing/iam-evidence";

function offenderIds(outcome: ControlOutcome): string[] {
  return outcome.offenders.map((offender) => offender.id);
}

const EVIDENCE_RULES = [
  "IAM-1",
  "IAM-2",
  "IAM-3",
  "IAM-4",
  "IAM-5",
  "IAM-6",
  "IAM-7",
  "IAM-8",
  "IAM-9",
  "IAM-10",
  "IAM-11",
];

describe("IAM rules registry", () => {
  it("implements exactly IAM-1..12 (IAM-13/14 are attested)", () => {
    expect(Object.keys(IAM_RULES)).toEqual([...EVIDENCE_RULES, "IAM-12"]);
  });

  it.each(EVIDENCE_RULES)("%s passes on a well-configured account", (id) => {
    const iam = iamEvidence({
      credentialReport: {
        generatedAt: AS_OF.toISOString(),
        rows: [rootRow(), consoleUserRow("alice", 1, { accessKeys: [activeKey(10, 1)] })],
      },
      authorization: {
        roles: [iamRole("aws-support"), iamRole("deployer", { attachedManagedPolicies: [attached("deploy")] })],
        customerManagedPolicies: [
          customerPolicy("deploy", { Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "*" }] }),
        ],
      },
    });
    const outcome = IAM_RULES[id](iamContext(iam));
    expect(outcome).toMatchObject({ status: "PASS", offenders: [] });
  });

  it.each(EVIDENCE_RULES)("%s is UNKNOWN, naming the failed call, when the IAM collector failed", (id) => {
    const outcome = IAM_RULES[id](failedIamContext("GetAccountAuthorizationDetails"));
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("iam:GetAccountAuthorizationDetails in global could not be read (AccessDenied)");
  });

  it.each(EVIDENCE_RULES)("%s is UNKNOWN when IAM was never collected", (id) => {
    expect(IAM_RULES[id](buildContext()).status).toBe("UNKNOWN");
  });
});

describe("IAM-1–4 password policy", () => {
  it.each(["IAM-1", "IAM-2", "IAM-3", "IAM-4"])("%s fails with the AWS default when no policy is set", (id) => {
    const outcome = IAM_RULES[id](iamContext(iamEvidence({ passwordPolicy: null })));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("AWS default policy: 8 characters, no expiry");
    expect(outcome.offenders).toEqual([
      {
        kind: "password-policy",
        id: "111122223333",
        detail: "no password policy: AWS default of 8 characters, no expiry",
      },
    ]);
  });

  it.each([
    ["IAM-1", { minimumPasswordLength: 14 }, {}, "PASS", null],
    ["IAM-1", { minimumPasswordLength: 13 }, {}, "FAIL", "minimum length is 13"],
    ["IAM-1", { minimumPasswordLength: 8 }, {}, "FAIL", "minimum length is 8"],
    ["IAM-1", { minimumPasswordLength: null }, {}, "FAIL", "sets no minimum length"],
    ["IAM-1", { minimumPasswordLength: 14 }, { minimumPasswordLength: 16 }, "FAIL", "minimum length is 14"],
    ["IAM-1", { minimumPasswordLength: 10 }, { minimumPasswordLength: 10 }, "PASS", null],
    ["IAM-2", {}, {}, "PASS", null],
    ["IAM-2", { requireSymbols: false }, {}, "FAIL", "does not require symbols"],
    [
      "IAM-2",
      { requireUppercaseCharacters: false, requireNumbers: false },
      {},
      "FAIL",
      "does not require uppercase letters and numbers",
    ],
    ["IAM-2", { requireLowercaseCharacters: false }, {}, "FAIL", "does not require lowercase letters"],
    ["IAM-3", { maxPasswordAge: 180 }, {}, "PASS", null],
    ["IAM-3", { maxPasswordAge: 181 }, {}, "FAIL", "lets passwords live 181 days"],
    ["IAM-3", { expirePasswords: false, maxPasswordAge: null }, {}, "FAIL", "does not make passwords expire"],
    ["IAM-3", { expirePasswords: false, maxPasswordAge: 90 }, {}, "FAIL", "does not make passwords expire"],
    ["IAM-3", { maxPasswordAge: 120 }, { maxPasswordAgeDays: 90 }, "FAIL", "lets passwords live 120 days"],
    ["IAM-4", { passwordReusePrevention: 24 }, {}, "PASS", null],
    ["IAM-4", { passwordReusePrevention: 23 }, {}, "FAIL", "prevents reuse of only the last 23 passwords"],
    ["IAM-4", { passwordReusePrevention: null }, {}, "FAIL", "does not prevent password reuse"],
    ["IAM-4", { passwordReusePrevention: 5 }, { passwordReusePrevention: 5 }, "PASS", null],
  ] as const)("%s with %j and params %j → %s", (id, policy, params, status, detail) => {
    const context = iamContext(iamEvidence({ passwordPolicy: strongPasswordPolicy(policy) }), { params });
    const outcome = IAM_RULES[id](context);
    expect(outcome.status).toBe(status);
    if (detail) {
      expect(outcome.reason).toContain(detail);
      expect(outcome.offenders).toEqual([{ kind: "password-policy", id: "111122223333", detail }]);
    }
  });

  it("IAM-1 names the configured minimum in its reason", () => {
    const context = iamContext(iamEvidence({ passwordPolicy: strongPasswordPolicy({ minimumPasswordLength: 12 }) }), {
      params: { minimumPasswordLength: 16 },
    });
    expect(IAM_RULES["IAM-1"](context).reason).toContain("16 or more");
  });
});

describe("IAM-5 console users have MFA", () => {
  const rule = IAM_RULES["IAM-5"];

  it("fails naming every console user without MFA, ignoring root and users without a password", () => {
    const rows = [
      rootRow({ mfaActive: false, passwordEnabled: true }),
      consoleUserRow("alice"),
      consoleUserRow("bob", 1, { mfaActive: false }),
      consoleUserRow("carol", 1, { mfaActive: null }),
      userRow("ci-bot", { mfaActive: false, accessKeys: [activeKey(5)] }),
    ];
    const outcome = rule(iamContext(withRows(rows)));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/^2 users have a console password without MFA: bob and carol\./);
    expect(outcome.offenders).toEqual([
      { kind: "user", id: "bob", detail: "console password without MFA" },
      { kind: "user", id: "carol", detail: "console password without MFA" },
    ]);
  });

  it("says 'has' for a single user", () => {
    const outcome = rule(iamContext(withRows([consoleUserRow("bob", 1, { mfaActive: false })])));
    expect(outcome.reason).toMatch(/^1 user has a console password without MFA: bob\./);
  });

  it("is NOT_APPLICABLE when no non-root user has a console password", () => {
    const rows = [
      rootRow({ passwordEnabled: true, mfaActive: false }),
      userRow("ci-bot", { accessKeys: [activeKey(5)] }),
    ];
    const outcome = rule(iamContext(withRows(rows)));
    expect(outcome).toMatchObject({ status: "NOT_APPLICABLE", reason: "No IAM user has a console password." });
  });

  it("recognises the <root_account> row by name even when it is not flagged", () => {
    const unflaggedRoot = rootRow({ isRoot: false, passwordEnabled: true, mfaActive: false });
    expect(rule(iamContext(withRows([unflaggedRoot]))).status).toBe("NOT_APPLICABLE");
  });

  it("reads password_enabled and mfa_active case-insensitively from the credential report", () => {
    const header =
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    const row = (user: string, password: string, mfa: string) =>
      `${user},arn:aws:iam::111122223333:user/${user},2024-01-01T00:00:00+00:00,${password},2025-06-29T00:00:00+00:00,2025-01-01T00:00:00+00:00,N/A,${mfa},FALSE,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
    const csv = [header, row("alice", "TRUE", "True"), row("bob", "True", "FALSE"), row("carol", "FALSE", "false")];
    const outcome = rule(iamContext(withRows(parseCredentialReport(csv.join("\n")))));
    expect(outcome.status).toBe("FAIL");
    expect(offenderIds(outcome)).toEqual(["bob"]);
  });
});

describe("IAM-6 unused credentials", () => {
  const rule = IAM_RULES["IAM-6"];
  const judge = (rows: Parameters<typeof withRows>[0], params = {}) => rule(iamContext(withRows(rows), { params }));

  it.each([
    ["password used 44.9 days ago", consoleUserRow("alice", 44.9), "PASS"],
    ["password used exactly 45 days ago", consoleUserRow("alice", 45), "FAIL"],
    ["key used 44.9 days ago", userRow("bot", { accessKeys: [activeKey(300, 44.9)] }), "PASS"],
    ["key used exactly 45 days ago", userRow("bot", { accessKeys: [activeKey(300, 45)] }), "FAIL"],
    [
      "never-used password changed 10 days ago",
      consoleUserRow("alice", 0, { passwordLastUsed: "N/A", passwordLastChanged: daysBefore(10) }),
      "PASS",
    ],
    [
      "never-used password changed 50 days ago",
      consoleUserRow("alice", 0, { passwordLastUsed: "no_information", passwordLastChanged: daysBefore(50) }),
      "FAIL",
    ],
    [
      "never-used password without change date, user created 10 days ago",
      consoleUserRow("alice", 0, {
        passwordLastUsed: null,
        passwordLastChanged: "N/A",
        userCreationTime: daysBefore(10),
      }),
      "PASS",
    ],
    [
      "never-used password without change date, user created 100 days ago",
      consoleUserRow("alice", 0, {
        passwordLastUsed: null,
        passwordLastChanged: null,
        userCreationTime: daysBefore(100),
      }),
      "FAIL",
    ],
    ["never-used key rotated 5 days ago", userRow("bot", { accessKeys: [activeKey(5, null)] }), "PASS"],
    ["never-used key rotated 46 days ago", userRow("bot", { accessKeys: [activeKey(46, null)] }), "FAIL"],
  ])("%s → %s", (_label, row, status) => {
    expect(judge([rootRow(), row]).status).toBe(status);
  });

  it("names each stale credential with its last use", () => {
    const rows = [
      rootRow({ passwordLastUsed: daysBefore(1000) }),
      consoleUserRow("alice", 60, { accessKeys: [activeKey(200, 1), activeKey(200, null)] }),
      userRow("bob", { accessKeys: [accessKey({ active: false, lastRotated: daysBefore(900) }), activeKey(200, 100)] }),
    ];
    const outcome = judge(rows);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(
      /^3 credentials unused for 45 days or more: alice's console password, alice access key 2 and bob access key 2\./,
    );
    expect(outcome.offenders).toEqual([
      { kind: "user", id: "alice", detail: `console password last used ${daysBefore(60).slice(0, 10)} (60 days ago)` },
      {
        kind: "access-key",
        id: "alice access key 2",
        detail: `never used, set ${daysBefore(200).slice(0, 10)} (200 days ago)`,
      },
      {
        kind: "access-key",
        id: "bob access key 2",
        detail: `last used ${daysBefore(100).slice(0, 10)} (100 days ago)`,
      },
    ]);
  });

  it("uses the customer's window", () => {
    expect(judge([consoleUserRow("alice", 60)], { unusedCredentialDays: 90 }).status).toBe("PASS");
    expect(judge([consoleUserRow("alice", 20)], { unusedCredentialDays: 14 }).status).toBe("FAIL");
  });

  it("ignores root and inactive keys; NOT_APPLICABLE with no password and no active key", () => {
    const rows = [
      rootRow({ passwordLastUsed: daysBefore(900), accessKeys: [activeKey(900, 900)] }),
      userRow("retired", { accessKeys: [accessKey({ active: false, lastRotated: daysBefore(900) })] }),
    ];
    const outcome = judge(rows);
    expect(outcome).toMatchObject({
      status: "NOT_APPLICABLE",
      reason: "No IAM user has a console password or an active access key.",
    });
  });
});

describe("IAM-7 access key rotation", () => {
  const rule = IAM_RULES["IAM-7"];
  const judge = (rows: Parameters<typeof withRows>[0], params = {}) => rule(iamContext(withRows(rows), { params }));

  it.each([
    [89.9, "PASS"],
    [90, "FAIL"],
  ])("a key rotated %s days ago → %s", (days, status) => {
    expect(judge([userRow("bot", { accessKeys: [activeKey(days)] })]).status).toBe(status);
  });

  it("names old keys, calling those 365 days or older 'over a year'", () => {
    const rows = [
      userRow("bot", { accessKeys: [activeKey(364), activeKey(365)] }),
      userRow("ci", { accessKeys: [activeKey(30), activeKey(500)] }),
    ];
    const outcome = judge(rows);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toBe(
      "3 active access keys not rotated within 90 days: bot access key 1, bot access key 2 and ci access key 2. 2 are over a year old: bot access key 2 and ci access key 2. Rotate or deactivate them.",
    );
    expect(outcome.offenders).toEqual([
      {
        kind: "access-key",
        id: "bot access key 1",
        detail: `last rotated ${daysBefore(364).slice(0, 10)} (364 days ago)`,
      },
      {
        kind: "access-key",
        id: "bot access key 2",
        detail: `over a year old: last rotated ${daysBefore(365).slice(0, 10)} (365 days ago)`,
      },
      {
        kind: "access-key",
        id: "ci access key 2",
        detail: `over a year old: last rotated ${daysBefore(500).slice(0, 10)} (500 days ago)`,
      },
    ]);
  });

  it("does not mention 'over a year' when no key is that old", () => {
    const outcome = judge([userRow("bot", { accessKeys: [activeKey(100)] })]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).not.toContain("over a year");
  });

  it("uses the customer's maximum age", () => {
    expect(judge([userRow("bot", { accessKeys: [activeKey(45)] })], { accessKeyMaxAgeDays: 30 }).status).toBe("FAIL");
  });

  it("fails an active key with no rotation date", () => {
    const outcome = judge([userRow("bot", { accessKeys: [accessKey({ active: true, lastRotated: "N/A" })] })]);
    expect(outcome.status).toBe("FAIL");
    expect(offenderIds(outcome)).toEqual(["bot access key 1"]);
  });

  it("ignores root and inactive keys; NOT_APPLICABLE with no active key", () => {
    const rows = [
      rootRow({ accessKeys: [activeKey(900)] }),
      userRow("bot", { accessKeys: [accessKey({ active: false, lastRotated: daysBefore(900) })] }),
    ];
    expect(judge(rows)).toMatchObject({ status: "NOT_APPLICABLE", reason: "No IAM user has an active access key." });
  });
});

describe("IAM-8 one active key per user", () => {
  const rule = IAM_RULES["IAM-8"];

  it("fails naming users with both keys active; one active and one inactive passes", () => {
    const rows = [
      rootRow({ accessKeys: [activeKey(10), activeKey(10)] }),
      userRow("bot", { accessKeys: [activeKey(10), activeKey(20)] }),
      userRow("ci", { accessKeys: [activeKey(10), accessKey({ active: false, lastRotated: daysBefore(20) })] }),
    ];
    const outcome = rule(iamContext(withRows(rows)));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/^1 user has two active access keys: bot\./);
    expect(outcome.offenders).toEqual([{ kind: "user", id: "bot", detail: "access keys 1 and 2 both active" }]);
  });

  it("passes when no user has two active keys", () => {
    const rows = [userRow("ci", { accessKeys: [activeKey(10), accessKey({ active: false })] })];
    expect(rule(iamContext(withRows(rows))).status).toBe("PASS");
  });

  it("is NOT_APPLICABLE with no IAM user (root only)", () => {
    const outcome = rule(iamContext(withRows([rootRow({ accessKeys: [activeKey(1), activeKey(1)] })])));
    expect(outcome).toMatchObject({ status: "NOT_APPLICABLE", reason: "The account has no IAM user." });
  });
});

describe("IAM-9 permissions through groups", () => {
  const rule = IAM_RULES["IAM-9"];

  it("fails naming users with attached or inline policies", () => {
    const users = [
      iamUser("alice", { groups: ["admins"] }),
      iamUser("bob", {
        attachedManagedPolicies: [{ name: "ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
      }),
      iamUser("carol", {
        attachedManagedPolicies: [attached("deploy")],
        inlinePolicies: [{ name: "s3-extra", document: { Statement: [] } }],
      }),
    ];
    const outcome = rule(iamContext(iamEvidence({ authorization: { users } })));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/^2 users have policies attached directly: bob and carol\./);
    expect(outcome.offenders).toEqual([
      { kind: "user", id: "bob", detail: "attached: ReadOnlyAccess" },
      { kind: "user", id: "carol", detail: "attached: deploy; inline: s3-extra" },
    ]);
  });

  it("is NOT_APPLICABLE with no IAM user", () => {
    const outcome = rule(iamContext(iamEvidence({ authorization: { users: [] } })));
    expect(outcome).toMatchObject({ status: "NOT_APPLICABLE", reason: "The account has no IAM user." });
  });
});

describe("IAM-10 no full-admin customer-managed policy", () => {
  const rule = IAM_RULES["IAM-10"];
  const ADMIN_OBJECT = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } };
  const judge = (
    customerManagedPolicies: CustomerManagedPolicy[],
    entities: { users?: IamUser[]; groups?: IamGroup[]; roles?: IamRole[] } = {},
  ) =>
    rule(
      iamContext(
        iamEvidence({
          authorization: {
            users: entities.users ?? [],
            groups: entities.groups ?? [],
            roles: entities.roles ?? [],
            customerManagedPolicies,
          },
        }),
      ),
    );
  const onRole = (policy: string) => ({ roles: [iamRole("ops", { attachedManagedPolicies: [attached(policy)] })] });

  it("fails on an attached policy whose single Statement object allows * on *", () => {
    const outcome = judge([customerPolicy("god-mode", ADMIN_OBJECT, { attachmentCount: 1 })], onRole("god-mode"));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/^1 customer-managed policy grants full "\*:\*" admin: god-mode\./);
    expect(outcome.offenders).toEqual([
      {
        kind: "policy",
        id: "god-mode",
        detail: 'default version v1 allows Action "*" on Resource "*"; attached to role ops',
      },
    ]);
  });

  it("names a policy AWS returned without a name by its ARN (issue 12 item 4)", () => {
    const arn = "arn:aws:iam::111122223333:policy/team/god-mode";
    const outcome = judge([customerPolicy("", ADMIN_OBJECT, { arn, attachmentCount: 1 })]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/^1 customer-managed policy grants full "\*:\*" admin: god-mode\./);
    expect(outcome.offenders).toEqual([expect.objectContaining({ kind: "policy", id: "god-mode" })]);
  });

  it.each([
    [
      "Action list containing *",
      { Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: ["*"] }] },
      "FAIL",
    ],
    [
      "Resource list containing *",
      { Statement: [{ Effect: "Allow", Action: "*", Resource: ["arn:aws:s3:::x", "*"] }] },
      "FAIL",
    ],
    [
      "admin in the second statement",
      { Statement: [{ Effect: "Deny", Action: "iam:*", Resource: "*" }, ADMIN_OBJECT.Statement] },
      "FAIL",
    ],
    ["URL-encoded document text", encodeURIComponent(JSON.stringify(ADMIN_OBJECT)), "FAIL"],
    ["plain JSON document text", JSON.stringify(ADMIN_OBJECT), "FAIL"],
    ["Deny * on *", { Statement: { Effect: "Deny", Action: "*", Resource: "*" } }, "PASS"],
    [
      "* on a specific resource",
      { Statement: { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket/*" } },
      "PASS",
    ],
    ["service wildcard on *", { Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } }, "PASS"],
    ["NotAction with Resource *", { Statement: { Effect: "Allow", NotAction: "iam:*", Resource: "*" } }, "PASS"],
  ])("%s → %s", (_label, document, status) => {
    expect(judge([customerPolicy("p", document, { attachmentCount: 1 })], onRole("p")).status).toBe(status);
  });

  it("judges policies attached to users and groups, naming where each is attached", () => {
    const outcome = judge(
      [
        customerPolicy("a", ADMIN_OBJECT, { attachmentCount: 2 }),
        customerPolicy("b", ADMIN_OBJECT, { attachmentCount: 1 }),
      ],
      {
        users: [iamUser("alice", { attachedManagedPolicies: [attached("a")] })],
        groups: [iamGroup("admins", { attachedManagedPolicies: [attached("a"), attached("b")] })],
      },
    );
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders.map((offender) => offender.detail)).toEqual([
      'default version v1 allows Action "*" on Resource "*"; attached to user alice, group admins',
      'default version v1 allows Action "*" on Resource "*"; attached to group admins',
    ]);
  });

  it("ignores an admin policy that is not attached, or used only as a permissions boundary", () => {
    const boundaryArn = customerPolicyArn("boundary");
    const outcome = judge(
      [
        customerPolicy("unused", ADMIN_OBJECT),
        customerPolicy("boundary", ADMIN_OBJECT, { permissionsBoundaryUsageCount: 1 }),
        customerPolicy(
          "deploy",
          { Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } },
          { attachmentCount: 1 },
        ),
      ],
      {
        roles: [iamRole("ops", { attachedManagedPolicies: [attached("deploy")], permissionsBoundaryArn: boundaryArn })],
        users: [iamUser("alice", { permissionsBoundaryArn: boundaryArn })],
      },
    );
    expect(outcome.status).toBe("PASS");
  });

  it("is NOT_APPLICABLE when no customer-managed policy is attached", () => {
    const outcome = judge([customerPolicy("boundary", ADMIN_OBJECT, { permissionsBoundaryUsageCount: 1 })], {
      users: [iamUser("alice", { permissionsBoundaryArn: customerPolicyArn("boundary") })],
    });
    expect(outcome).toMatchObject({
      status: "NOT_APPLICABLE",
      reason: "No customer-managed policy is attached to a user, group or role.",
    });
  });

  it("is NOT_APPLICABLE with no customer-managed policy", () => {
    expect(judge([])).toMatchObject({
      status: "NOT_APPLICABLE",
      reason: "The account has no customer-managed policy.",
    });
  });

  it("judges a policy whose AttachmentCount says it is attached even when the entity is not listed", () => {
    const outcome = judge([customerPolicy("god-mode", ADMIN_OBJECT, { attachmentCount: 1 })]);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders[0].detail).toContain("attached to 1 entities");
  });

  it("judges only the default version, as the collector maps it", () => {
    const limited = { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } };
    const policy = (defaultVersionId: string) =>
      mapManagedPolicyDetail({
        PolicyName: "evolving",
        Arn: customerPolicyArn("evolving"),
        AttachmentCount: 1,
        DefaultVersionId: defaultVersionId,
        PolicyVersionList: [
          {
            VersionId: "v1",
            IsDefaultVersion: defaultVersionId === "v1",
            Document: encodeURIComponent(JSON.stringify(ADMIN_OBJECT)),
          },
          {
            VersionId: "v2",
            IsDefaultVersion: defaultVersionId === "v2",
            Document: encodeURIComponent(JSON.stringify(limited)),
          },
        ],
      });
    expect(judge([policy("v2")], onRole("evolving")).status).toBe("PASS");
    expect(judge([policy("v1")], onRole("evolving")).status).toBe("FAIL");
  });

  it("is UNKNOWN when an attached policy's document cannot be read, and FAIL still wins over it", () => {
    const unreadable = customerPolicy("garbled", "%7Bnot-json", { attachmentCount: 1 });
    const unknown = judge([unreadable], onRole("garbled"));
    expect(unknown.status).toBe("UNKNOWN");
    expect(offenderIds(unknown)).toEqual(["garbled"]);

    const withAdmin = judge(
      [unreadable, customerPolicy("god-mode", ADMIN_OBJECT, { attachmentCount: 1 })],
      onRole("god-mode"),
    );
    expect(withAdmin.status).toBe("FAIL");
    expect(offenderIds(withAdmin)).toEqual(["god-mode"]);
  });
});

describe("IAM-11 support role", () => {
  const rule = IAM_RULES["IAM-11"];

  it("passes naming the support role", () => {
    const outcome = rule(iamContext(iamEvidence({ supportAccessRoles: ["aws-support"] })));
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain("aws-support");
  });

  it("fails when AWSSupportAccess is attached to no role", () => {
    const outcome = rule(iamContext(iamEvidence({ supportAccessRoles: [] })));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      { kind: "policy", id: SUPPORT_ACCESS_POLICY_ARN, detail: "not attached to any role" },
    ]);
  });
});

describe("IAM-12 quarterly access review", () => {
  const rule = IAM_RULES["IAM-12"];
  const EVALUATED_AT = new Date("2025-07-15T08:00:00.000Z");
  const signedOff = (daysAgo: number) => new Date(EVALUATED_AT.getTime() - daysAgo * DAY_MS);
  const judge = (lastAccessReviewSignOffAt: Date | null, params = {}) =>
    rule(buildContext({ evaluatedAt: EVALUATED_AT, records: { lastAccessReviewSignOffAt }, params }));

  it("fails when no review was ever signed off", () => {
    const outcome = judge(null);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toMatch(/no access review signed off yet/i);
    expect(outcome.offenders).toEqual([
      { kind: "account", id: "111122223333", detail: "no access review signed off yet" },
    ]);
  });

  it("passes 91.9 days after sign-off, giving the date", () => {
    const outcome = judge(signedOff(91.9));
    expect(outcome.status).toBe("PASS");
    expect(outcome.reason).toContain("2025-04-14");
  });

  it("fails exactly 92 days after sign-off, giving the date", () => {
    const outcome = judge(signedOff(92));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.reason).toContain("2025-04-14 (92 days ago)");
    expect(offenderIds(outcome)).toEqual(["111122223333"]);
  });

  it("measures from the evaluation time, not the evidence's collection time", () => {
    const evaluatedAt = new Date(AS_OF.getTime() + 60 * DAY_MS);
    const context = iamContext(iamEvidence(), {
      evaluatedAt,
      records: { lastAccessReviewSignOffAt: new Date(AS_OF.getTime() - 40 * DAY_MS) },
    });
    expect(rule(context).status).toBe("FAIL");
  });

  it("uses the customer's maximum age", () => {
    expect(judge(signedOff(40), { accessReviewMaxAgeDays: 30 }).status).toBe("FAIL");
    expect(judge(signedOff(100), { accessReviewMaxAgeDays: 183 }).status).toBe("PASS");
  });
});
