import { describe, expect, it } from "vitest";
import type { OrganizationsEvidence } from "../evidence/organization-tree";
import type { RegionsEvidence } from "../evidence/regions";
import { organizationSignals, regionSignals } from "./sources";

const account = { id: "acc-management", customerId: "cust-1", alias: "bluefin-management" };

function organization(members: { id: string; status?: string }[]): OrganizationsEvidence {
  return {
    inOrganization: true,
    organizationId: "o-bluefin7c1e2a",
    organizationArn: null,
    featureSet: "ALL",
    managementAccountId: "314159265300",
    isManagementAccount: true,
    structure: {
      rootId: "r-b7c1",
      organizationalUnits: [{ id: "ou-b7c1-workloads", name: "Workloads", parentId: "r-b7c1" }],
      accounts: members.map((member) => ({
        accountId: member.id,
        name: `name-${member.id}`,
        email: `${member.id}@example.com`,
        status: member.status ?? "ACTIVE",
        joinedMethod: "CREATED",
        joinedAt: "2026-10-01T00:00:00.000Z",
        parentId: "ou-b7c1-workloads",
      })),
      attachments: {},
      policies: [],
    },
  };
}

describe("organizationSignals", () => {
  const monitored = new Set(["314159265300", "314159265358"]);

  it.each([
    ["an active member not connected", [{ id: "314159265361" }], ["314159265361"]],
    ["a suspended member not connected", [{ id: "314159265361", status: "SUSPENDED" }], ["314159265361"]],
    ["a member being closed", [{ id: "314159265361", status: "PENDING_CLOSURE" }], []],
    ["connected members only", [{ id: "314159265300" }, { id: "314159265358" }], []],
  ])("%s", (_case, members, expected) => {
    const outcome = organizationSignals({ account, evidence: organization(members), monitored });
    expect(outcome.signals.map((signal) => signal.resource)).toEqual(expected);
  });

  it("titles the alert and says where the account sits", () => {
    const [signal] = organizationSignals({
      account,
      evidence: organization([{ id: "314159265361" }]),
      monitored,
    }).signals;
    expect(signal?.title).toBe("Account in the organization not monitored: name-314159265361 (314159265361)");
    expect(signal?.detail).toContain("under Root / Workloads, joined 2026-10-01");
    expect(signal?.dedupKey).toBe("ORGANIZATION|acc-management|unmonitored-account|314159265361");
  });

  it("clears when the account is connected or leaves, and not while the tree could not be read", () => {
    const key = {
      dedupKey: "ORGANIZATION|acc-management|unmonitored-account|314159265361",
      source: "ORGANIZATION",
      region: null,
    };
    const connected = organizationSignals({
      account,
      evidence: organization([{ id: "314159265361" }]),
      monitored: new Set([...monitored, "314159265361"]),
    });
    expect(connected.signals).toEqual([]);
    expect(connected.clearedNote(key)).toBe("Account 314159265361 is connected to Rampart.");
    const left = organizationSignals({ account, evidence: organization([]), monitored });
    expect(left.clearedNote(key)).toBe("Account 314159265361 is no longer in the organization.");
    const unread = organizationSignals({ account, evidence: null, monitored });
    expect(unread.signals).toEqual([]);
    expect(unread.clearedNote(key)).toBeNull();
  });

  it("raises nothing from a member account that cannot read the tree", () => {
    const member = { ...organization([]), isManagementAccount: false, structure: null };
    expect(organizationSignals({ account, evidence: member, monitored }).signals).toEqual([]);
  });
});

describe("regionSignals", () => {
  const evidence = (sweeps: RegionsEvidence["sweeps"]): RegionsEvidence => ({
    readFrom: "us-east-1",
    regions: [],
    sweeps,
  });

  it.each([
    ["an instance", [{ region: "ap-south-1", instanceIds: ["i-1"], vpcIds: [] }], ["ap-south-1"]],
    ["a non-default VPC", [{ region: "af-south-1", instanceIds: [], vpcIds: ["vpc-1"] }], ["af-south-1"]],
    ["nothing", [{ region: "ca-central-1", instanceIds: [], vpcIds: [] }], []],
    ["a region configured since the sweep", [{ region: "eu-west-1", instanceIds: ["i-2"], vpcIds: [] }], []],
  ])("an unconfigured region holding %s", (_case, sweeps, expected) => {
    const outcome = regionSignals({
      account,
      evidence: evidence(sweeps),
      configuredRegions: ["us-east-1", "eu-west-1"],
    });
    expect(outcome.signals.map((signal) => signal.region)).toEqual(expected);
  });

  it("names the resources, and leaves alerts alone while the regions could not be read", () => {
    const [signal] = regionSignals({
      account,
      evidence: evidence([{ region: "ap-south-1", instanceIds: ["i-1"], vpcIds: ["vpc-9"] }]),
      configuredRegions: ["us-east-1"],
    }).signals;
    expect(signal?.detail).toContain("holds instances i-1 and VPCs vpc-9");
    const unread = regionSignals({ account, evidence: null, configuredRegions: ["us-east-1"] });
    expect(
      unread.clearedNote({
        dedupKey: "REGION|acc|unconfigured-region|ap-south-1",
        source: "REGION",
        region: "ap-south-1",
      }),
    ).toBeNull();
  });
});
