import { describe, expect, it } from "vitest";
import {
  AS_OF,
  activeKey,
  consoleUserRow,
  iamUser,
  rootRow,
  userRow,
  withRows,
} from "../controls/rules/testing/iam-evidence";
import { buildUserSnapshots } from "./snapshot";
import { verifyDecision } from "./verification";

const OPTIONS = { accountNumber: "111122223333", asOf: AS_OF };
const alice = (iam: Parameters<typeof buildUserSnapshots>[0]) =>
  buildUserSnapshots(iam, OPTIONS).find((user) => user.userName === "alice");

describe("verifyDecision", () => {
  const before = alice(
    withRows([rootRow(), consoleUserRow("alice", 3, { accessKeys: [activeKey(40, 2)] })], {
      authorization: { users: [iamUser("alice", { groups: ["admins"] })] },
    }),
  )!;

  it("REVOKE: verified when the user is gone", () => {
    expect(verifyDecision("REVOKE", before, undefined)).toEqual({
      status: "verified",
      detail: "user no longer exists",
    });
  });

  it("REVOKE: verified when the user remains without a password or active key; not yet otherwise", () => {
    const disabled = alice(withRows([userRow("alice")], { authorization: { users: [iamUser("alice")] } }));
    expect(verifyDecision("REVOKE", before, disabled).status).toBe("verified");
    expect(verifyDecision("REVOKE", before, before).status).toBe("not yet");
  });

  it("MODIFY: verified when access changed, with what changed; not yet when only usage changed", () => {
    const changed = alice(
      withRows([consoleUserRow("alice", 0, { accessKeys: [activeKey(40, 0)] })], {
        authorization: { users: [iamUser("alice", { groups: ["readers"] })] },
      }),
    );
    expect(verifyDecision("MODIFY", before, changed)).toEqual({
      status: "verified",
      detail: "groups removed: admins; groups added: readers",
    });
    const usedOnly = alice(
      withRows([consoleUserRow("alice", 0, { accessKeys: [activeKey(40, 0)] })], {
        authorization: { users: [iamUser("alice", { groups: ["admins"] })] },
      }),
    );
    expect(verifyDecision("MODIFY", before, usedOnly).status).toBe("not yet");
  });

  it("REVOKE on root: verified once root has no active access key", () => {
    const withKey = buildUserSnapshots(withRows([rootRow({ accessKeys: [activeKey(10, 1)] })]), OPTIONS)[0]!;
    const withoutKey = buildUserSnapshots(withRows([rootRow()]), OPTIONS)[0]!;
    expect(verifyDecision("REVOKE", withKey, withKey).status).toBe("not yet");
    expect(verifyDecision("REVOKE", withKey, withoutKey).status).toBe("verified");
  });
});
