import { describe, expect, it } from "vitest";
import { mapNetworkAcl, mapSecurityGroup } from "./ec2";

describe("EC2 mappers", () => {
  it("keeps protocol, ports and every source of a security group permission", () => {
    const group = mapSecurityGroup({
      GroupId: "sg-1",
      GroupName: "default",
      VpcId: "vpc-1",
      IpPermissions: [
        {
          IpProtocol: "tcp",
          FromPort: 3389,
          ToPort: 3389,
          IpRanges: [{ CidrIp: "0.0.0.0/0" }],
          Ipv6Ranges: [{ CidrIpv6: "::/0" }],
        },
        { IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: "sg-1" }] },
      ],
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
      Tags: [{ Key: "Environment", Value: "" }],
    });
    expect(group.ingress).toEqual([
      {
        ipProtocol: "tcp",
        fromPort: 3389,
        toPort: 3389,
        ipv4Ranges: ["0.0.0.0/0"],
        ipv6Ranges: ["::/0"],
        referencedGroupIds: [],
        prefixListIds: [],
      },
      {
        ipProtocol: "-1",
        fromPort: null,
        toPort: null,
        ipv4Ranges: [],
        ipv6Ranges: [],
        referencedGroupIds: ["sg-1"],
        prefixListIds: [],
      },
    ]);
    expect(group.egress).toHaveLength(1);
    expect(group.tags).toEqual({ Environment: "" });
  });

  it("keeps NACL entries in rule order data and the associated subnets", () => {
    const acl = mapNetworkAcl({
      NetworkAclId: "acl-1",
      VpcId: "vpc-1",
      Associations: [{ SubnetId: "subnet-a" }, { SubnetId: "subnet-b" }],
      Entries: [
        {
          RuleNumber: 100,
          Egress: false,
          Protocol: "6",
          RuleAction: "allow",
          CidrBlock: "0.0.0.0/0",
          PortRange: { From: 22, To: 22 },
        },
        { RuleNumber: 32767, Egress: false, Protocol: "-1", RuleAction: "deny", CidrBlock: "0.0.0.0/0" },
      ],
    });
    expect(acl.associatedSubnetIds).toEqual(["subnet-a", "subnet-b"]);
    expect(acl.entries[0]).toEqual({
      ruleNumber: 100,
      egress: false,
      protocol: "6",
      ruleAction: "allow",
      cidrBlock: "0.0.0.0/0",
      ipv6CidrBlock: null,
      portRange: { from: 22, to: 22 },
    });
    expect(acl.entries[1].portRange).toBeNull();
  });
});
