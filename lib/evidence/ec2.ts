// The ec2 evidence as its collector (lib/aws/ec2.ts) stores it and the rules read it: no SDK here (contract.ts).

export type Tags = Record<string, string>;

export interface SecurityGroupPermission {
  /** "-1" = all protocols; "tcp"/"6", "udp"/"17", "icmp"/"1" (NET-1/2). */
  ipProtocol: string;
  /** null when the protocol has no ports (-1, icmp without type). */
  fromPort: number | null;
  toPort: number | null;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  referencedGroupIds: string[];
  prefixListIds: string[];
}

export interface SecurityGroupEvidence {
  groupId: string;
  groupName: string;
  vpcId: string | null;
  ownerId: string | null;
  description: string | null;
  ingress: SecurityGroupPermission[];
  egress: SecurityGroupPermission[];
  tags: Tags;
}

export interface NetworkAclEntryEvidence {
  ruleNumber: number;
  egress: boolean;
  /** "-1" = all, "6" = tcp, "17" = udp (protocol numbers as EC2 returns them). */
  protocol: string;
  ruleAction: "allow" | "deny" | string;
  cidrBlock: string | null;
  ipv6CidrBlock: string | null;
  portRange: { from: number; to: number } | null;
}

export interface NetworkAclEvidence {
  networkAclId: string;
  vpcId: string | null;
  isDefault: boolean;
  /** NET-5 judges only ACLs associated with a subnet. */
  associatedSubnetIds: string[];
  entries: NetworkAclEntryEvidence[];
}

export interface VpcEvidence {
  vpcId: string;
  cidrBlock: string | null;
  /** Associated IPv6 blocks (Ipv6CidrBlockAssociationSet): a dual-stack VPC is reachable over ::/0 too. */
  ipv6CidrBlocks: string[];
  isDefault: boolean;
  state: string | null;
  tags: Tags;
}

export interface FlowLogEvidence {
  flowLogId: string;
  /** The VPC, subnet or ENI id the flow log is attached to. */
  resourceId: string | null;
  /** ACTIVE (NET-4). */
  flowLogStatus: string | null;
  deliverLogsStatus: string | null;
  trafficType: string | null;
  logDestinationType: string | null;
  logDestination: string | null;
}

export interface InstanceEvidence {
  instanceId: string;
  state: string | null;
  instanceType: string | null;
  vpcId: string | null;
  subnetId: string | null;
  publicIpAddress: string | null;
  publicDnsName: string | null;
  ipv6Addresses: string[];
  securityGroupIds: string[];
  launchTime: string | null;
  tags: Tags;
}

export interface ElasticIpEvidence {
  allocationId: string | null;
  publicIp: string | null;
  domain: string | null;
  instanceId: string | null;
  networkInterfaceId: string | null;
  associationId: string | null;
  tags: Tags;
}

export interface VolumeEvidence {
  volumeId: string;
  encrypted: boolean;
  kmsKeyId: string | null;
  state: string | null;
  sizeGiB: number | null;
  attachedInstanceIds: string[];
  createdAt: string | null;
  tags: Tags;
}

export interface RegionAvailability {
  regionName: string;
  /** opt-in-not-required, opted-in, not-opted-in. */
  optInStatus: string | null;
}

export interface Ec2Evidence {
  region: string;
  /** KMS-3. */
  ebsEncryptionByDefault: boolean;
  vpcs: VpcEvidence[];
  securityGroups: SecurityGroupEvidence[];
  networkAcls: NetworkAclEvidence[];
  flowLogs: FlowLogEvidence[];
  instances: InstanceEvidence[];
  elasticIps: ElasticIpEvidence[];
  volumes: VolumeEvidence[];
}
