import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../dates";
import type { Ec2Evidence, SecurityGroupPermission } from "../../evidence/contract";
import type { ControlParams } from "../params";
import type { AccountContext } from "../types";
import { endpointKey, listPublicEndpoints, NETWORK_RULES, permissionCoversPort } from "./network";
import {
  AS_OF,
  aclEntry,
  acmEvidence,
  buildContext,
  CATCH_ALL_DENY,
  certificate,
  collected,
  daysBefore,
  dbInstance,
  type EvidenceEntries,
  ec2Evidence,
  elasticIp,
  elbEvidence,
  failed,
  flowLog,
  instance,
  loadBalancer,
  networkAcl,
  permission,
  rdsEvidence,
  securityGroup,
  vpc,
} from "./testing/network-evidence";

function ec2Context(
  byRegion: Record<string, Partial<Ec2Evidence>>,
  params: Partial<ControlParams> = {},
): AccountContext {
  const regions = Object.keys(byRegion);
  return buildContext({
    regions,
    params,
    evidence: {
      ec2: Object.fromEntries(regions.map((region) => [region, collected(ec2Evidence(region, byRegion[region]))])),
    },
  });
}

const openGroup = (groupId: string, ...ingress: SecurityGroupPermission[]) => securityGroup({ groupId, ingress });

describe("permissionCoversPort", () => {
  it.each<[Partial<SecurityGroupPermission>, number, boolean]>([
    [{ ipProtocol: "-1", fromPort: null, toPort: null }, 22, true],
    [{ ipProtocol: "tcp", fromPort: 22, toPort: 22 }, 22, true],
    [{ ipProtocol: "6", fromPort: 0, toPort: 65535 }, 3389, true],
    [{ ipProtocol: "TCP", fromPort: 20, toPort: 23 }, 22, true],
    [{ ipProtocol: "tcp", fromPort: 23, toPort: 3388 }, 22, false],
    [{ ipProtocol: "tcp", fromPort: 23, toPort: 3388 }, 3389, false],
    [{ ipProtocol: "tcp", fromPort: 3389, toPort: 3389 }, 3389, true],
    [{ ipProtocol: "udp", fromPort: 0, toPort: 65535 }, 22, false],
    [{ ipProtocol: "17", fromPort: 22, toPort: 22 }, 22, false],
    [{ ipProtocol: "icmp", fromPort: -1, toPort: -1 }, 22, false],
  ])("%o covers port %i: %s", (overrides, port, expected) => {
    expect(permissionCoversPort(permission(overrides), port)).toBe(expected);
  });
});

describe("NET-1 SSH and RDP closed to the internet", () => {
  it("passes when SSH is open only to a private range and HTTPS to the world", () => {
    const context = ec2Context({
      "eu-west-1": {
        securityGroups: [
          openGroup(
            "sg-web",
            permission({ fromPort: 443, toPort: 443, ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: ["::/0"] }),
            permission({ fromPort: 22, toPort: 22, ipv4Ranges: ["10.0.0.0/8"] }),
          ),
        ],
      },
    });
    expect(NETWORK_RULES["NET-1"](context).status).toBe("PASS");
  });

  it("fails and names group id, port, CIDR and region for every opening", () => {
    const context = ec2Context({
      "eu-west-1": {
        securityGroups: [openGroup("sg-ssh", permission({ fromPort: 22, toPort: 22, ipv4Ranges: ["0.0.0.0/0"] }))],
      },
      "us-east-1": {
        securityGroups: [
          openGroup("sg-all", permission({ ipProtocol: "-1", fromPort: null, toPort: null, ipv6Ranges: ["::/0"] })),
        ],
      },
    });
    const outcome = NETWORK_RULES["NET-1"](context);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      { kind: "security-group", id: "sg-ssh", region: "eu-west-1", detail: "port 22 open to 0.0.0.0/0" },
      { kind: "security-group", id: "sg-all", region: "us-east-1", detail: "port 22 open to ::/0" },
      { kind: "security-group", id: "sg-all", region: "us-east-1", detail: "port 3389 open to ::/0" },
    ]);
    expect(outcome.reason).toContain("2 security groups open SSH or RDP to the internet");
    expect(outcome.reason).toContain(
      "sg-ssh port 22 from 0.0.0.0/0 (eu-west-1) and sg-all ports 22, 3389 from ::/0 (us-east-1)",
    );
  });

  it("names a port once per CIDR even when two permissions cover it", () => {
    const context = ec2Context({
      "eu-west-1": {
        securityGroups: [
          openGroup(
            "sg-dup",
            permission({ fromPort: 0, toPort: 65535, ipv4Ranges: ["0.0.0.0/0"] }),
            permission({ fromPort: 22, toPort: 22, ipv4Ranges: ["0.0.0.0/0"] }),
          ),
        ],
      },
    });
    expect(NETWORK_RULES["NET-1"](context).offenders.map((offender) => offender.detail)).toEqual([
      "port 22 open to 0.0.0.0/0",
      "port 3389 open to 0.0.0.0/0",
    ]);
  });

  it("fails even when another region's evidence is missing", () => {
    const context = buildContext({
      regions: ["eu-west-1", "us-east-1"],
      evidence: {
        ec2: {
          "eu-west-1": collected(
            ec2Evidence("eu-west-1", {
              securityGroups: [
                openGroup("sg-x", permission({ fromPort: 3389, toPort: 3389, ipv4Ranges: ["0.0.0.0/0"] })),
              ],
            }),
          ),
          "us-east-1": failed("ec2", "DescribeSecurityGroups", "us-east-1"),
        },
      },
    });
    expect(NETWORK_RULES["NET-1"](context).status).toBe("FAIL");
  });

  it("is UNKNOWN when a region could not be read and nothing fails", () => {
    const context = buildContext({
      regions: ["eu-west-1", "us-east-1"],
      evidence: {
        ec2: {
          "eu-west-1": collected(ec2Evidence("eu-west-1")),
          "us-east-1": failed("ec2", "DescribeSecurityGroups", "us-east-1", "UnauthorizedOperation"),
        },
      },
    });
    const outcome = NETWORK_RULES["NET-1"](context);
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toBe(
      "Evidence missing: ec2:DescribeSecurityGroups in us-east-1 could not be read (UnauthorizedOperation).",
    );
  });

  it("is NOT_APPLICABLE with no security group", () => {
    const outcome = NETWORK_RULES["NET-1"](ec2Context({ "eu-west-1": { securityGroups: [] } }));
    expect(outcome.status).toBe("NOT_APPLICABLE");
  });
});

describe("NET-2 admin and database ports closed to the internet", () => {
  const mysqlOpen = () =>
    ec2Context({
      "eu-west-1": {
        securityGroups: [openGroup("sg-db", permission({ fromPort: 3306, toPort: 3306, ipv4Ranges: ["0.0.0.0/0"] }))],
      },
    });

  it("fails for a database port from the default list", () => {
    const outcome = NETWORK_RULES["NET-2"](mysqlOpen());
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      { kind: "security-group", id: "sg-db", region: "eu-west-1", detail: "port 3306 open to 0.0.0.0/0" },
    ]);
    expect(NETWORK_RULES["NET-1"](mysqlOpen()).status).toBe("PASS");
  });

  it("uses the adminPorts parameter", () => {
    const context = mysqlOpen();
    expect(NETWORK_RULES["NET-2"]({ ...context, params: { ...context.params, adminPorts: [22, 5432] } }).status).toBe(
      "PASS",
    );
  });

  it("names every listed port an all-traffic rule opens", () => {
    const context = ec2Context(
      {
        "eu-west-1": {
          securityGroups: [openGroup("sg-any", permission({ ipProtocol: "-1", ipv4Ranges: ["0.0.0.0/0"] }))],
        },
      },
      { adminPorts: [9200, 22] },
    );
    expect(NETWORK_RULES["NET-2"](context).offenders.map((offender) => offender.detail)).toEqual([
      "port 22 open to 0.0.0.0/0",
      "port 9200 open to 0.0.0.0/0",
    ]);
  });

  it("is UNKNOWN from a failed collector", () => {
    const context = buildContext({
      evidence: { ec2: { "eu-west-1": failed("ec2", "DescribeSecurityGroups", "eu-west-1") } },
    });
    expect(NETWORK_RULES["NET-2"](context).status).toBe("UNKNOWN");
  });
});

describe("NET-3 default security groups closed", () => {
  it("passes when every VPC's default group is empty", () => {
    expect(NETWORK_RULES["NET-3"](ec2Context({ "eu-west-1": {} })).status).toBe("PASS");
  });

  it("fails and names the default group that keeps rules", () => {
    const context = ec2Context({
      "eu-west-1": {
        vpcs: [vpc("vpc-1"), vpc("vpc-2")],
        securityGroups: [
          securityGroup({ groupId: "sg-d1", groupName: "default", vpcId: "vpc-1" }),
          securityGroup({
            groupId: "sg-d2",
            groupName: "default",
            vpcId: "vpc-2",
            egress: [permission({ ipProtocol: "-1", ipv4Ranges: ["0.0.0.0/0"] })],
          }),
          securityGroup({ groupId: "sg-app", groupName: "app", vpcId: "vpc-1", ingress: [permission()] }),
        ],
      },
    });
    const outcome = NETWORK_RULES["NET-3"](context);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      {
        kind: "security-group",
        id: "sg-d2",
        region: "eu-west-1",
        detail: "default group of vpc-2 has 0 inbound rules and 1 outbound rule",
      },
    ]);
    expect(outcome.reason).toContain("sg-d2");
  });

  it("is NOT_APPLICABLE with no VPC", () => {
    const outcome = NETWORK_RULES["NET-3"](ec2Context({ "eu-west-1": { vpcs: [], securityGroups: [] } }));
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("No VPC");
  });

  it("is UNKNOWN from a failed collector", () => {
    const context = buildContext({ evidence: { ec2: { "eu-west-1": failed("ec2", "DescribeVpcs", "eu-west-1") } } });
    expect(NETWORK_RULES["NET-3"](context).status).toBe("UNKNOWN");
  });
});

describe("NET-4 VPC flow logs", () => {
  it("passes when every VPC has an ACTIVE flow log", () => {
    expect(NETWORK_RULES["NET-4"](ec2Context({ "eu-west-1": {} })).status).toBe("PASS");
  });

  it("fails for a VPC without a flow log, or with only a subnet-level or inactive one", () => {
    const context = ec2Context({
      "eu-west-1": {
        vpcs: [vpc("vpc-1"), vpc("vpc-2"), vpc("vpc-3")],
        flowLogs: [
          flowLog("vpc-1"),
          flowLog("subnet-2"),
          flowLog("vpc-3", { flowLogId: "fl-3", flowLogStatus: "FAILED" }),
        ],
      },
    });
    const outcome = NETWORK_RULES["NET-4"](context);
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      { kind: "vpc", id: "vpc-2", region: "eu-west-1", detail: "no flow log" },
      { kind: "vpc", id: "vpc-3", region: "eu-west-1", detail: "no ACTIVE flow log (fl-3: FAILED)" },
    ]);
    expect(outcome.reason).toContain("2 VPCs have no active flow log");
  });

  it("is NOT_APPLICABLE with no VPC", () => {
    expect(NETWORK_RULES["NET-4"](ec2Context({ "eu-west-1": { vpcs: [] } })).status).toBe("NOT_APPLICABLE");
  });

  it("is UNKNOWN from a failed collector", () => {
    const context = buildContext({
      evidence: { ec2: { "eu-west-1": failed("ec2", "DescribeFlowLogs", "eu-west-1") } },
    });
    expect(NETWORK_RULES["NET-4"](context).status).toBe("UNKNOWN");
  });
});

describe("NET-5 network ACLs", () => {
  const withEntries = (...entries: ReturnType<typeof aclEntry>[]) =>
    ec2Context({ "eu-west-1": { networkAcls: [networkAcl({ entries: [...entries, ...CATCH_ALL_DENY] })] } });

  it("passes when only the catch-all deny matches SSH and RDP", () => {
    expect(NETWORK_RULES["NET-5"](withEntries(aclEntry({ portRange: { from: 443, to: 443 } }))).status).toBe("PASS");
  });

  it("fails when an allow-all entry is the lowest match, per port and per source", () => {
    const outcome = NETWORK_RULES["NET-5"](
      withEntries(aclEntry({ ruleNumber: 100, protocol: "-1", portRange: null, ruleAction: "allow" })),
    );
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      { kind: "network-acl", id: "acl-1", region: "eu-west-1", detail: "rule 100 allows port 22 from 0.0.0.0/0" },
      { kind: "network-acl", id: "acl-1", region: "eu-west-1", detail: "rule 100 allows port 3389 from 0.0.0.0/0" },
    ]);
  });

  it("judges the IPv6 source separately", () => {
    const outcome = NETWORK_RULES["NET-5"](
      withEntries(
        aclEntry({ ruleNumber: 90, ruleAction: "deny", protocol: "-1", portRange: null }),
        aclEntry({ ruleNumber: 100, cidrBlock: null, ipv6CidrBlock: "::/0", portRange: { from: 22, to: 22 } }),
      ),
    );
    expect(outcome.offenders).toEqual([
      { kind: "network-acl", id: "acl-1", region: "eu-west-1", detail: "rule 100 allows port 22 from ::/0" },
    ]);
  });

  it("lets a deny numbered before the allow win", () => {
    const outcome = NETWORK_RULES["NET-5"](
      withEntries(
        aclEntry({ ruleNumber: 200, protocol: "6", portRange: { from: 0, to: 65535 }, ruleAction: "allow" }),
        aclEntry({ ruleNumber: 50, protocol: "6", portRange: { from: 22, to: 22 }, ruleAction: "deny" }),
        aclEntry({ ruleNumber: 60, protocol: "6", portRange: { from: 3389, to: 3389 }, ruleAction: "deny" }),
      ),
    );
    expect(outcome.status).toBe("PASS");
  });

  it("lets an allow numbered before the deny win", () => {
    const outcome = NETWORK_RULES["NET-5"](
      withEntries(
        aclEntry({ ruleNumber: 40, protocol: "6", portRange: { from: 3389, to: 3389 }, ruleAction: "allow" }),
        aclEntry({ ruleNumber: 50, protocol: "-1", portRange: null, ruleAction: "deny" }),
      ),
    );
    expect(outcome.offenders.map((offender) => offender.detail)).toEqual(["rule 40 allows port 3389 from 0.0.0.0/0"]);
  });

  it("ignores UDP, egress, narrower sources and ranges that miss the port", () => {
    const outcome = NETWORK_RULES["NET-5"](
      withEntries(
        aclEntry({ ruleNumber: 10, protocol: "17", portRange: { from: 0, to: 65535 } }),
        aclEntry({ ruleNumber: 20, egress: true, protocol: "-1", portRange: null }),
        aclEntry({ ruleNumber: 30, cidrBlock: "10.0.0.0/8", protocol: "-1", portRange: null }),
        aclEntry({ ruleNumber: 40, portRange: { from: 23, to: 3388 } }),
      ),
    );
    expect(outcome.status).toBe("PASS");
  });

  it("judges only ACLs associated with a subnet", () => {
    const allowAll = aclEntry({ protocol: "-1", portRange: null });
    const context = ec2Context({
      "eu-west-1": {
        networkAcls: [networkAcl({ networkAclId: "acl-unused", associatedSubnetIds: [], entries: [allowAll] })],
      },
    });
    expect(NETWORK_RULES["NET-5"](context).status).toBe("NOT_APPLICABLE");
  });

  it("is UNKNOWN from a failed collector", () => {
    const context = buildContext({
      evidence: { ec2: { "eu-west-1": failed("ec2", "DescribeNetworkAcls", "eu-west-1") } },
    });
    expect(NETWORK_RULES["NET-5"](context).status).toBe("UNKNOWN");
  });
});

describe("NET-6 DB instances not publicly accessible", () => {
  const rdsContext = (instances: ReturnType<typeof dbInstance>[]) =>
    buildContext({ evidence: { rds: { "eu-west-1": collected(rdsEvidence("eu-west-1", instances)) } } });

  it("passes with only private DB instances", () => {
    expect(NETWORK_RULES["NET-6"](rdsContext([dbInstance()])).status).toBe("PASS");
  });

  it("fails and names the public instance", () => {
    const outcome = NETWORK_RULES["NET-6"](
      rdsContext([dbInstance(), dbInstance({ dbInstanceIdentifier: "legacy-mysql", publiclyAccessible: true })]),
    );
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      {
        kind: "db-instance",
        id: "legacy-mysql",
        region: "eu-west-1",
        detail: "publicly accessible at legacy-mysql.abc.eu-west-1.rds.amazonaws.com:5432",
      },
    ]);
    expect(outcome.reason).toContain("legacy-mysql");
  });

  it("is NOT_APPLICABLE with no DB instance", () => {
    expect(NETWORK_RULES["NET-6"](rdsContext([])).status).toBe("NOT_APPLICABLE");
  });

  it("is UNKNOWN from a failed collector", () => {
    const context = buildContext({
      evidence: { rds: { "eu-west-1": failed("rds", "DescribeDBInstances", "eu-west-1") } },
    });
    expect(NETWORK_RULES["NET-6"](context).status).toBe("UNKNOWN");
  });
});

describe("NET-7 public endpoint inventory", () => {
  const region = "eu-west-1";
  const publicAlb = loadBalancer({ loadBalancerName: "web-alb" });
  const internalNlb = loadBalancer({ loadBalancerName: "internal-nlb", scheme: "internal", type: "network" });
  const publicInstance = instance({
    instanceId: "i-public",
    publicIpAddress: "198.51.100.7",
    tags: { Name: "bastion" },
  });
  const privateInstance = instance({ instanceId: "i-private" });
  const eip = elasticIp({ allocationId: "eipalloc-9", publicIp: "203.0.113.9", instanceId: "i-public" });
  const classicEip = elasticIp({ allocationId: null, publicIp: "203.0.113.50" });
  const publicDb = dbInstance({ dbInstanceIdentifier: "reports", publiclyAccessible: true });
  const privateDb = dbInstance({ dbInstanceIdentifier: "orders" });

  function endpointContext(acknowledged: string[] = [], overrides: EvidenceEntries = {}): AccountContext {
    return buildContext({
      regions: [region],
      acknowledgedEndpointKeys: acknowledged,
      evidence: {
        "elastic-load-balancing-v2": { [region]: collected(elbEvidence(region, [publicAlb, internalNlb])) },
        ec2: {
          [region]: collected(
            ec2Evidence(region, { instances: [publicInstance, privateInstance], elasticIps: [eip, classicEip] }),
          ),
        },
        rds: { [region]: collected(rdsEvidence(region, [publicDb, privateDb])) },
        ...overrides,
      },
    });
  }

  const allKeys = [
    `elb:${publicAlb.loadBalancerArn}`,
    "instance:i-public",
    "eip:eipalloc-9",
    "eip:203.0.113.50",
    `rds:${publicDb.dbInstanceArn}`,
  ];

  it("lists every internet-facing endpoint with a stable key, region and label", () => {
    const endpoints = listPublicEndpoints(endpointContext());
    expect(endpoints.map((endpoint) => endpoint.key)).toEqual(allKeys);
    expect(endpoints.every((endpoint) => endpoint.region === region)).toBe(true);
    expect(endpoints.map((endpoint) => endpoint.label)).toEqual([
      "Internet-facing application load balancer web-alb",
      "EC2 instance i-public (bastion) with public IP 198.51.100.7",
      "Elastic IP 203.0.113.9 associated with i-public",
      "Elastic IP 203.0.113.50 (not associated)",
      "Publicly accessible DB instance reports (postgres)",
    ]);
    expect(endpoints[0].address).toBe(publicAlb.dnsName);
  });

  it("builds keys as <kind>:<id>", () => {
    expect(endpointKey("instance", "i-1")).toBe("instance:i-1");
    expect(endpointKey("rds", "arn:aws:rds:eu-west-1:1:db:x")).toBe("rds:arn:aws:rds:eu-west-1:1:db:x");
  });

  it("keys a DB instance by its identifier when no ARN is known", () => {
    const context = endpointContext([], {
      rds: { [region]: collected(rdsEvidence(region, [{ ...publicDb, dbInstanceArn: null }])) },
    });
    expect(listPublicEndpoints(context).map((endpoint) => endpoint.key)).toContain("rds:reports");
  });

  it("passes when every current endpoint is acknowledged, ignoring vanished acknowledgements", () => {
    const outcome = NETWORK_RULES["NET-7"](endpointContext([...allKeys, "instance:i-gone"]));
    expect(outcome.status).toBe("PASS");
  });

  it("fails and names each endpoint not yet acknowledged", () => {
    const outcome = NETWORK_RULES["NET-7"](endpointContext(allKeys.filter((key) => !key.startsWith("instance:"))));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      {
        kind: "instance",
        id: "i-public",
        region,
        detail: "EC2 instance i-public (bastion) with public IP 198.51.100.7",
      },
    ]);
    expect(outcome.reason).toContain("1 public endpoint is not in the acknowledged inventory");
  });

  it("is NOT_APPLICABLE when there is no public endpoint", () => {
    const context = buildContext({
      evidence: {
        "elastic-load-balancing-v2": { [region]: collected(elbEvidence(region, [internalNlb])) },
        ec2: { [region]: collected(ec2Evidence(region, { instances: [privateInstance] })) },
        rds: { [region]: collected(rdsEvidence(region, [privateDb])) },
      },
    });
    const outcome = NETWORK_RULES["NET-7"](context);
    expect(outcome.status).toBe("NOT_APPLICABLE");
    expect(outcome.reason).toContain("No public endpoint");
  });

  it("is UNKNOWN when a source could not be read and everything else is acknowledged", () => {
    const outcome = NETWORK_RULES["NET-7"](
      endpointContext(allKeys, { rds: { [region]: failed("rds", "DescribeDBInstances", region) } }),
    );
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("rds:DescribeDBInstances");
  });

  it("still fails on an unacknowledged endpoint when another source is missing", () => {
    const outcome = NETWORK_RULES["NET-7"](endpointContext([], { rds: {} }));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toHaveLength(4);
  });
});

describe("NET-8 certificates valid for 30 days or more", () => {
  const acmContext = (certificates: ReturnType<typeof certificate>[], params: Partial<ControlParams> = {}) =>
    buildContext({ params, evidence: { acm: { "eu-west-1": collected(acmEvidence("eu-west-1", certificates)) } } });
  const expiringIn = (days: number, domainName = "www.example.com") =>
    certificate({
      domainName,
      notAfter: daysBefore(-days),
      certificateArn: `arn:aws:acm:eu-west-1:1:certificate/${domainName}`,
    });

  it("passes exactly 30 days before expiry", () => {
    expect(NETWORK_RULES["NET-8"](acmContext([expiringIn(30)])).status).toBe("PASS");
  });

  it("fails one minute short of 30 days", () => {
    const outcome = NETWORK_RULES["NET-8"](acmContext([expiringIn(30 - 1 / (24 * 60))]));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders).toEqual([
      {
        kind: "certificate",
        id: "arn:aws:acm:eu-west-1:1:certificate/www.example.com",
        region: "eu-west-1",
        detail: "www.example.com: expires on 2024-07-01 (29 days left)",
      },
    ]);
  });

  it("fails an expired in-use certificate", () => {
    const outcome = NETWORK_RULES["NET-8"](acmContext([expiringIn(-3, "old.example.com")]));
    expect(outcome.status).toBe("FAIL");
    expect(outcome.offenders[0].detail).toBe("old.example.com: expired on 2024-05-29 (3 days ago)");
    expect(outcome.reason).toContain("old.example.com");
  });

  it("ignores certificates not in use", () => {
    const unused = certificate({ inUseBy: [], notAfter: daysBefore(5) });
    expect(NETWORK_RULES["NET-8"](acmContext([unused, expiringIn(200)])).status).toBe("PASS");
  });

  it("is NOT_APPLICABLE with no certificate in use", () => {
    expect(NETWORK_RULES["NET-8"](acmContext([certificate({ inUseBy: [] })])).status).toBe("NOT_APPLICABLE");
  });

  it("uses the certificateMinValidDays parameter", () => {
    expect(NETWORK_RULES["NET-8"](acmContext([expiringIn(20)], { certificateMinValidDays: 14 })).status).toBe("PASS");
    expect(NETWORK_RULES["NET-8"](acmContext([expiringIn(20)], { certificateMinValidDays: 45 })).status).toBe("FAIL");
  });

  it("measures validity from the evidence's asOf, not the evaluation time", () => {
    const context = { ...acmContext([expiringIn(40)]), evaluatedAt: new Date(AS_OF.getTime() + 20 * DAY_MS) };
    expect(NETWORK_RULES["NET-8"](context).status).toBe("PASS");
  });

  it("is UNKNOWN from a failed collector", () => {
    const context = buildContext({
      evidence: { acm: { "eu-west-1": failed("acm", "ListCertificates", "eu-west-1") } },
    });
    expect(NETWORK_RULES["NET-8"](context).status).toBe("UNKNOWN");
  });
});
