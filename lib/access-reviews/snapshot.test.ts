import { describe, expect, it } from "vitest";
import {
  AS_OF,
  accessKey,
  activeKey,
  consoleUserRow,
  daysBefore,
  iamGroup,
  iamUser,
  rootRow,
  userRow,
  withRows,
} from "../controls/rules/testing/iam-evidence";
import { accessFingerprint, buildUserSnapshots, describeAccessChanges, lastActivityAt } from "./snapshot";

const OPTIONS = { accountNumber: "111122223333", asOf: AS_OF };

describe("buildUserSnapshots", () => {
  it("freezes every user and root: console, MFA, keys with age and last use, groups, policies, creation", () => {
    const iam = withRows(
      [
        rootRow(),
        consoleUserRow("alice", 3, {
          accessKeys: [
            activeKey(40, 2),
            accessKey({ active: false, lastRotated: daysBefore(300), lastUsedDate: daysBefore(250) }),
          ],
        }),
        userRow("reportonly"),
      ],
      {
        authorization: {
          users: [
            iamUser("alice", {
              groups: ["admins"],
              attachedManagedPolicies: [{ name: "ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
              inlinePolicies: [{ name: "extra", document: { Statement: [] } }],
              createDate: daysBefore(500),
            }),
            iamUser("detailsonly"),
          ],
          groups: [
            iamGroup("admins", {
              attachedManagedPolicies: [
                { name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess" },
              ],
            }),
          ],
        },
      },
    );
    const snapshots = buildUserSnapshots(iam, OPTIONS);
    expect(snapshots.map((user) => user.userName)).toEqual(["<root_account>", "alice", "detailsonly", "reportonly"]);

    const [root, alice, detailsOnly, reportOnly] = snapshots;
    expect(root).toMatchObject({
      isRoot: true,
      userArn: "arn:aws:iam::111122223333:root",
      adminEquivalent: true,
      consoleAccess: true,
      mfaActive: true,
    });
    expect(alice).toMatchObject({
      userArn: "arn:aws:iam::111122223333:user/alice",
      createdAt: daysBefore(500),
      consoleAccess: true,
      mfaActive: true,
      lastSignInAt: daysBefore(3),
      groups: ["admins"],
      inlinePolicies: ["extra"],
      adminEquivalent: true,
      adminVia: ["group admins: AdministratorAccess attached"],
      asOf: AS_OF.toISOString(),
    });
    expect(alice?.attachedPolicies.map((policy) => policy.name)).toEqual(["ReadOnlyAccess"]);
    expect(alice?.groupGrants).toEqual([
      {
        group: "admins",
        attachedPolicies: [{ name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess" }],
        inlinePolicies: [],
      },
    ]);
    expect(alice?.accessKeys).toEqual([
      {
        slot: 1,
        active: true,
        lastRotatedAt: daysBefore(40),
        ageDays: 40,
        lastUsedAt: daysBefore(2),
        lastUsedService: "s3",
        lastUsedRegion: "eu-west-1",
      },
      {
        slot: 2,
        active: false,
        lastRotatedAt: daysBefore(300),
        ageDays: 300,
        lastUsedAt: daysBefore(250),
        lastUsedService: null,
        lastUsedRegion: null,
      },
    ]);
    expect(detailsOnly).toMatchObject({ inCredentialReport: false, consoleAccess: null, mfaActive: null });
    expect(reportOnly).toMatchObject({ inAuthorizationDetails: false, groups: [], accessKeys: [] });
  });

  it("root falls back to GetAccountSummary's MFA flag when the report has no root row", () => {
    const iam = withRows([consoleUserRow("alice")], { accountMfaEnabled: false });
    expect(buildUserSnapshots(iam, OPTIONS)[0]).toMatchObject({ isRoot: true, mfaActive: false });
  });

  it("the last activity is the latest of sign-in and key use", () => {
    const iam = withRows([consoleUserRow("alice", 30, { accessKeys: [activeKey(40, 5)] })]);
    const alice = buildUserSnapshots(iam, OPTIONS).find((user) => user.userName === "alice")!;
    expect(lastActivityAt(alice)?.toISOString()).toBe(daysBefore(5));
  });

  it("describes access changes between two snapshots, and the fingerprint ignores usage", () => {
    const before = buildUserSnapshots(
      withRows([consoleUserRow("alice", 3, { accessKeys: [activeKey(40, 2)] })]),
      OPTIONS,
    )[1]!;
    const usedAgain = buildUserSnapshots(
      withRows([consoleUserRow("alice", 0, { accessKeys: [activeKey(40, 0)] })]),
      OPTIONS,
    )[1]!;
    expect(accessFingerprint(usedAgain)).toBe(accessFingerprint(before));
    const after = buildUserSnapshots(
      withRows([userRow("alice")], { authorization: { users: [iamUser("alice", { groups: [] })] } }),
      OPTIONS,
    )[1]!;
    expect(describeAccessChanges(before, after)).toEqual([
      "console access removed",
      `active access keys removed: key 1 (${daysBefore(40)})`,
      "groups removed: admins",
    ]);
  });
});
