import { describe, expect, it } from "vitest";
import { COLLECTORS } from "../aws/collectors";
import { READ_ONLY_OPERATIONS } from "../aws/read-only-operations";
import { apiCallsOf } from "./build-pack";
import { projectFields } from "./evidence-trace";

describe("projectFields", () => {
  const data = {
    passwordPolicy: { minimumPasswordLength: 8, requireSymbols: false, hardExpiry: true },
    users: [
      { name: "alice", mfaActive: true, arn: "arn:aws:iam::1:user/alice" },
      { name: "bob", mfaActive: false, arn: "arn:aws:iam::1:user/bob" },
    ],
    other: "not read",
  };

  it("keeps only the fields a rule read, through arrays", () => {
    expect(projectFields(data, ["passwordPolicy.minimumPasswordLength", "users[].mfaActive", "users[].name"])).toEqual({
      passwordPolicy: { minimumPasswordLength: 8 },
      users: [
        { mfaActive: true, name: "alice" },
        { mfaActive: false, name: "bob" },
      ],
    });
  });

  it("keeps a whole value that was enumerated and counts an array whose length alone was read", () => {
    expect(projectFields(data, ["passwordPolicy.*", "users.length"])).toEqual({
      passwordPolicy: data.passwordPolicy,
      users: { count: 2 },
    });
  });
});

describe("API calls named for evidence", () => {
  it("names, for every collector, calls of its own service that are on the read-only operation list", () => {
    for (const collector of COLLECTORS) {
      const calls = apiCallsOf(collector.key);
      expect(calls.length, collector.key).toBeGreaterThan(0);
      const allowed: readonly string[] =
        READ_ONLY_OPERATIONS[collector.service as keyof typeof READ_ONLY_OPERATIONS] ?? [];
      for (const call of calls) {
        const [service, operation] = call.split(":");
        expect(service, `${collector.key}: ${call}`).toBe(collector.service);
        expect(allowed, `${collector.key}: ${call}`).toContain(operation);
      }
    }
  });
});
