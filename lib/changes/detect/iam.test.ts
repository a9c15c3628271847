import { describe, expect, it } from "vitest";
import type { CredentialReportRow, IamEvidence, IamUser } from "../../evidence/iam";
import { diffAccessKeys, diffAttachedPolicies, diffIamUsers } from "./iam";
import { EMPTY_CONTEXT } from "./types";

const noKey = { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };
const key = (lastRotated: string) => ({ ...noKey, active: true, lastRotated });

function row(user: string, keys: CredentialReportRow["accessKeys"] = [noKey, noKey]): CredentialReportRow {
  return {
    user,
    arn: `arn:aws:iam::111122223333:user/${user}`,
    isRoot: user === "<root_account>",
    userCreationTime: null,
    passwordEnabled: true,
    passwordLastUsed: null,
    passwordLastChanged: null,
    passwordNextRotation: null,
    mfaActive: true,
    accessKeys: keys,
    certificates: [
      { active: false, lastRotated: null },
      { active: false, lastRotated: null },
    ],
  };
}

function user(name: string, policies: string[] = []): IamUser {
  return {
    name,
    arn: `arn:aws:iam::111122223333:user/${name}`,
    path: "/",
    createDate: null,
    groups: [],
    attachedManagedPolicies: policies.map((arn) => ({ arn, name: arn.split("/").pop() ?? arn })),
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    tags: {},
  };
}

function iam(
  users: IamUser[],
  rows: CredentialReportRow[] = [],
): Pick<IamEvidence, "credentialReport" | "authorization"> {
  return {
    credentialReport: { generatedAt: null, rows },
    authorization: { users, groups: [], roles: [], customerManagedPolicies: [] },
  };
}

describe("diffIamUsers", () => {
  it("reports users created and deleted (IAM-12)", () => {
    const changes = diffIamUsers(
      iam([user("alice"), user("bob")]),
      iam([user("alice"), user("vendor")]),
      EMPTY_CONTEXT,
    );
    expect(changes.map((change) => [change.resourceId, change.action, change.controlId])).toEqual([
      ["vendor", "ADDED", "IAM-12"],
      ["bob", "REMOVED", "IAM-12"],
    ]);
  });

  it("reports nothing when the users are the same", () => {
    expect(diffIamUsers(iam([user("alice")]), iam([user("alice")]), EMPTY_CONTEXT)).toEqual([]);
  });
});

describe("diffAccessKeys", () => {
  it.each([
    ["a new key", [noKey, noKey], [key("2026-01-01T00:00:00Z"), noKey], "ADDED"],
    ["a deleted key", [key("2026-01-01T00:00:00Z"), noKey], [noKey, noKey], "REMOVED"],
    ["a replaced key", [key("2026-01-01T00:00:00Z"), noKey], [key("2026-03-01T00:00:00Z"), noKey], "MODIFIED"],
  ] as const)("reports %s (IAM-7)", (_, before, after, action) => {
    const changes = diffAccessKeys(
      iam([], [row("alice", [...before] as CredentialReportRow["accessKeys"])]),
      iam([], [row("alice", [...after] as CredentialReportRow["accessKeys"])]),
      EMPTY_CONTEXT,
    );
    expect(changes).toEqual([
      expect.objectContaining({ kind: "access-key", resourceId: "alice", action, controlId: "IAM-7" }),
    ]);
  });

  it("reports a root key as ROOT-2 and ignores last-used dates", () => {
    const used = { ...key("2026-01-01T00:00:00Z"), lastUsedDate: "2026-02-01T00:00:00Z" };
    const changes = diffAccessKeys(
      iam([], [row("<root_account>"), row("alice", [key("2026-01-01T00:00:00Z"), noKey])]),
      iam([], [row("<root_account>", [key("2026-04-01T00:00:00Z"), noKey]), row("alice", [used, noKey])]),
      EMPTY_CONTEXT,
    );
    expect(changes.map((change) => [change.resourceId, change.controlId])).toEqual([["<root_account>", "ROOT-2"]]);
  });
});

describe("diffAttachedPolicies", () => {
  it("reports a policy attached to a user directly (IAM-9)", () => {
    const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    const changes = diffAttachedPolicies(iam([user("alice")]), iam([user("alice", [admin])]), EMPTY_CONTEXT);
    expect(changes).toEqual([
      expect.objectContaining({
        kind: "attached-policy",
        resourceKind: "iam-user",
        resourceId: "alice",
        action: "ADDED",
        controlId: "IAM-9",
        before: { policies: [] },
        after: { policies: [admin] },
      }),
    ]);
  });

  it("reports detachments from roles as permission-review changes (IAM-12)", () => {
    const role = (policies: string[]) => ({
      name: "deployer",
      arn: "arn:aws:iam::111122223333:role/deployer",
      path: "/",
      createDate: null,
      assumeRolePolicyDocument: null,
      attachedManagedPolicies: policies.map((arn) => ({ arn, name: arn })),
      inlinePolicies: [],
      permissionsBoundaryArn: null,
      lastUsedDate: null,
      lastUsedRegion: null,
    });
    const before = iam([]);
    const after = iam([]);
    before.authorization.roles = [role(["arn:aws:iam::aws:policy/PowerUserAccess"])];
    after.authorization.roles = [role([])];
    expect(diffAttachedPolicies(before, after, EMPTY_CONTEXT)).toEqual([
      expect.objectContaining({
        resourceKind: "iam-role",
        resourceId: "deployer",
        action: "REMOVED",
        controlId: "IAM-12",
      }),
    ]);
  });
});
