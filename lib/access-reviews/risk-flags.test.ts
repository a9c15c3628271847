import { describe, expect, it } from "vitest";
import {
  AS_OF,
  accessKey,
  activeKey,
  attached,
  consoleUserRow,
  customerPolicy,
  daysBefore,
  iamGroup,
  iamUser,
  rootRow,
  userRow,
  withRows,
} from "../controls/rules/testing/iam-evidence";
import { computeRiskFlags, isRisky, type RiskFlag, riskWeight } from "./risk-flags";
import { buildUserSnapshots, type UserSnapshot } from "./snapshot";

const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

/** The snapshot of `name` built from a credential report row and its authorization details. */
function snapshotOf(
  row: ReturnType<typeof userRow>,
  user: ReturnType<typeof iamUser> = iamUser(row.user, { groups: ["staff"] }),
  extra: Parameters<typeof withRows>[1] = {},
): UserSnapshot {
  const iam = withRows([rootRow(), row], {
    ...extra,
    authorization: { users: [user], groups: [iamGroup("staff"), iamGroup("admins")], ...extra.authorization },
  });
  const snapshot = buildUserSnapshots(iam, { accountNumber: "111122223333", asOf: AS_OF }).find(
    (candidate) => candidate.userName === row.user,
  );
  if (!snapshot) throw new Error(`no snapshot for ${row.user}`);
  return snapshot;
}

describe("computeRiskFlags", () => {
  const cases: { name: string; snapshot: () => UserSnapshot; flags: RiskFlag[] }[] = [
    {
      name: "a console user with MFA, in a group, who signed in yesterday: no flag",
      snapshot: () => snapshotOf(consoleUserRow("alice", 1)),
      flags: [],
    },
    {
      name: "console access without MFA",
      snapshot: () => snapshotOf(consoleUserRow("bob", 1, { mfaActive: false })),
      flags: ["NO_MFA_CONSOLE"],
    },
    {
      name: "no console password and no MFA is not flagged for MFA (nothing to sign in with)",
      snapshot: () => snapshotOf(userRow("svc", { accessKeys: [activeKey(10, 1)] })),
      flags: [],
    },
    {
      name: "inactive for exactly 90 days",
      snapshot: () => snapshotOf(consoleUserRow("carol", 90)),
      flags: ["INACTIVE_90_DAYS"],
    },
    {
      name: "89 days idle is not inactive yet",
      snapshot: () => snapshotOf(consoleUserRow("carol", 89)),
      flags: [],
    },
    {
      name: "a key used recently keeps a user with an old sign-in active",
      snapshot: () => snapshotOf(consoleUserRow("dave", 200, { accessKeys: [activeKey(30, 2)] })),
      flags: [],
    },
    {
      name: "a key older than 90 days",
      snapshot: () => snapshotOf(userRow("ci", { accessKeys: [activeKey(91, 1)] })),
      flags: ["KEY_OLDER_THAN_90_DAYS"],
    },
    {
      name: "a key older than a year is flagged once, in the higher band",
      snapshot: () => snapshotOf(userRow("ci", { accessKeys: [activeKey(400, 1)] })),
      flags: ["KEY_OLDER_THAN_1_YEAR"],
    },
    {
      name: "an old inactive key is not flagged for age",
      snapshot: () =>
        snapshotOf(
          userRow("ci", {
            accessKeys: [activeKey(10, 1), accessKey({ active: false, lastRotated: daysBefore(500) })],
          }),
        ),
      flags: [],
    },
    {
      name: "two active keys",
      snapshot: () => snapshotOf(userRow("ci", { accessKeys: [activeKey(10, 1), activeKey(20, 3)] })),
      flags: ["TWO_ACTIVE_KEYS"],
    },
    {
      name: "never used, created long ago",
      snapshot: () => snapshotOf(userRow("ghost")),
      flags: ["NEVER_USED"],
    },
    {
      name: "never used but created 2 days ago: still in its grace period",
      snapshot: () =>
        snapshotOf(
          userRow("newbie", { userCreationTime: daysBefore(2) }),
          iamUser("newbie", { groups: ["staff"], createDate: daysBefore(2) }),
        ),
      flags: [],
    },
    {
      name: "AdministratorAccess attached directly: admin-equivalent and a direct policy",
      snapshot: () =>
        snapshotOf(
          consoleUserRow("erin"),
          iamUser("erin", { attachedManagedPolicies: [{ name: "AdministratorAccess", arn: ADMIN_ARN }] }),
        ),
      flags: ["ADMIN_EQUIVALENT", "DIRECT_POLICIES"],
    },
    {
      name: "admin through a group's customer-managed *:* policy: admin-equivalent, no direct policy",
      snapshot: () =>
        snapshotOf(consoleUserRow("frank"), iamUser("frank", { groups: ["admins"] }), {
          authorization: {
            groups: [iamGroup("admins", { attachedManagedPolicies: [attached("everything")] })],
            customerManagedPolicies: [
              customerPolicy("everything", {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
              }),
            ],
          },
        }),
      flags: ["ADMIN_EQUIVALENT"],
    },
    {
      name: "an inline iam:* policy on the user: admin-equivalent (it can grant itself admin) and direct",
      snapshot: () =>
        snapshotOf(
          consoleUserRow("gina"),
          iamUser("gina", {
            groups: ["staff"],
            inlinePolicies: [
              { name: "iam-admin", document: { Statement: { Effect: "Allow", Action: ["iam:*"], Resource: "*" } } },
            ],
          }),
        ),
      flags: ["ADMIN_EQUIVALENT", "DIRECT_POLICIES"],
    },
    {
      name: "a narrow inline policy is direct but not admin",
      snapshot: () =>
        snapshotOf(
          consoleUserRow("hank"),
          iamUser("hank", {
            inlinePolicies: [
              { name: "read-logs", document: { Statement: { Effect: "Allow", Action: "logs:Get*", Resource: "*" } } },
            ],
          }),
        ),
      flags: ["DIRECT_POLICIES"],
    },
    {
      name: "everything at once, most serious first",
      snapshot: () =>
        snapshotOf(
          consoleUserRow("ivan", 120, { mfaActive: false, accessKeys: [activeKey(400, 100), activeKey(100, 95)] }),
          iamUser("ivan", { attachedManagedPolicies: [{ name: "AdministratorAccess", arn: ADMIN_ARN }] }),
        ),
      flags: [
        "NO_MFA_CONSOLE",
        "ADMIN_EQUIVALENT",
        "KEY_OLDER_THAN_1_YEAR",
        "TWO_ACTIVE_KEYS",
        "INACTIVE_90_DAYS",
        "DIRECT_POLICIES",
      ],
    },
  ];

  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(computeRiskFlags(testCase.snapshot())).toEqual(testCase.flags);
    });
  }

  it("root is admin-equivalent; its MFA and keys are judged, its inactivity is not", () => {
    const iam = withRows([rootRow({ mfaActive: false, passwordLastUsed: null, accessKeys: [activeKey(500, null)] })]);
    const [root] = buildUserSnapshots(iam, { accountNumber: "111122223333", asOf: AS_OF });
    expect(root?.isRoot).toBe(true);
    expect(computeRiskFlags(root!)).toEqual(["NO_MFA_CONSOLE", "ADMIN_EQUIVALENT", "KEY_OLDER_THAN_1_YEAR"]);
  });

  it("a user only in the authorization details (report not refreshed yet) gets no activity flags", () => {
    const iam = withRows([rootRow()], { authorization: { users: [iamUser("fresh", { groups: ["staff"] })] } });
    const fresh = buildUserSnapshots(iam, { accountNumber: "111122223333", asOf: AS_OF }).find(
      (user) => user.userName === "fresh",
    )!;
    expect(fresh.inCredentialReport).toBe(false);
    expect(computeRiskFlags(fresh)).toEqual([]);
  });

  it("ranks high-severity flags above several medium ones", () => {
    expect(riskWeight(["NO_MFA_CONSOLE"])).toBeGreaterThan(riskWeight(["NEVER_USED", "DIRECT_POLICIES"]));
    expect(isRisky([])).toBe(false);
    expect(isRisky(["NEVER_USED"])).toBe(true);
  });
});
