import { describe, expect, it } from "vitest";
import type { NetworkAclEvidence, SecurityGroupEvidence, SecurityGroupPermission } from "../../evidence/ec2";
import { diffNetworkAcls, diffSecurityGroups } from "./network";
import { EMPTY_CONTEXT } from "./types";

const tcp = (port: number, cidr: string): SecurityGroupPermission => ({
  ipProtocol: "tcp",
  fromPort: port,
  toPort: port,
  ipv4Ranges: [cidr],
  ipv6Ranges: [],
  referencedGroupIds: [],
  prefixListIds: [],
});

const group = (
  groupId: string,
  ingress: SecurityGroupPermission[],
  groupName = "build-agents",
): SecurityGroupEvidence => ({
  groupId,
  groupName,
  vpcId: "vpc-1",
  ownerId: null,
  description: null,
  ingress,
  egress: [],
  tags: {},
});

describe("diffSecurityGroups", () => {
  it("reports RDP opened to the internet as one NET-1 change with the rules before and after", () => {
    const changes = diffSecurityGroups(
      { securityGroups: [group("sg-1", [tcp(3389, "10.41.0.0/16")])] },
      { securityGroups: [group("sg-1", [tcp(3389, "0.0.0.0/0")])] },
      EMPTY_CONTEXT,
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: "security-group-rule",
      resourceKind: "security-group",
      resourceId: "sg-1",
      action: "MODIFIED",
      controlId: "NET-1",
      before: { rules: ["ingress tcp 3389 from 10.41.0.0/16"] },
      after: { rules: ["ingress tcp 3389 from 0.0.0.0/0"] },
    });
    expect(changes[0]?.summary).toContain("now open to the internet");
  });

  it.each([
    ["a database port from the internet", [tcp(5432, "0.0.0.0/0")], "build-agents", "NET-2"],
    ["a rule on a default group", [tcp(443, "10.0.0.0/8")], "default", "NET-3"],
    ["an internal rule", [tcp(443, "10.0.0.0/8")], "web", "NET-2"],
  ])("maps %s to its control", (_, ingress, name, controlId) => {
    const changes = diffSecurityGroups(
      { securityGroups: [group("sg-1", [], name)] },
      { securityGroups: [group("sg-1", ingress, name)] },
      EMPTY_CONTEXT,
    );
    expect(changes.map((change) => change.controlId)).toEqual([controlId]);
  });

  it("reports nothing when only the order of rules changes", () => {
    const rules = [tcp(22, "10.0.0.0/8"), tcp(443, "10.0.0.0/8")];
    expect(
      diffSecurityGroups(
        { securityGroups: [group("sg-1", rules)] },
        { securityGroups: [group("sg-1", [...rules].reverse())] },
        EMPTY_CONTEXT,
      ),
    ).toEqual([]);
  });

  it("reports created and deleted groups", () => {
    const changes = diffSecurityGroups(
      { securityGroups: [group("sg-old", [])] },
      { securityGroups: [group("sg-new", [tcp(22, "0.0.0.0/0")])] },
      EMPTY_CONTEXT,
    );
    expect(changes.map((change) => [change.resourceId, change.action, change.controlId])).toEqual([
      ["sg-new", "ADDED", "NET-1"],
      ["sg-old", "REMOVED", "NET-2"],
    ]);
  });
});

const acl = (entries: NetworkAclEvidence["entries"]): NetworkAclEvidence => ({
  networkAclId: "acl-1",
  vpcId: "vpc-1",
  isDefault: false,
  associatedSubnetIds: ["subnet-1"],
  entries,
});

describe("diffNetworkAcls", () => {
  it("reports an entry added to an ACL as a NET-5 change", () => {
    const entry = {
      ruleNumber: 100,
      egress: false,
      protocol: "6",
      ruleAction: "allow",
      cidrBlock: "0.0.0.0/0",
      ipv6CidrBlock: null,
      portRange: { from: 22, to: 22 },
    };
    const changes = diffNetworkAcls({ networkAcls: [acl([])] }, { networkAcls: [acl([entry])] }, EMPTY_CONTEXT);
    expect(changes).toEqual([
      expect.objectContaining({
        kind: "nacl-entry",
        resourceId: "acl-1",
        action: "MODIFIED",
        controlId: "NET-5",
        after: { entries: ["#100 ingress allow tcp 22 from 0.0.0.0/0"] },
      }),
    ]);
  });

  it("reports nothing for an unchanged ACL", () => {
    expect(diffNetworkAcls({ networkAcls: [acl([])] }, { networkAcls: [acl([])] }, EMPTY_CONTEXT)).toEqual([]);
  });
});
