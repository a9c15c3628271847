import {
  DescribeAddressesCommand,
  DescribeRegionsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  type Instance,
  type IpPermission,
  type NetworkAcl,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeSecurityGroups,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
  type SecurityGroup,
  type Tag,
} from "@aws-sdk/client-ec2";
import type {
  Ec2Evidence,
  ElasticIpEvidence,
  FlowLogEvidence,
  InstanceEvidence,
  NetworkAclEvidence,
  RegionAvailability,
  SecurityGroupEvidence,
  SecurityGroupPermission,
  Tags,
  VolumeEvidence,
  VpcEvidence,
} from "../evidence/ec2";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { withSessionClient } from "./clients";
import { type AwsCallContext, callAws } from "./errors";
import { collectPages, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "ec2";
const context = (operation: string, region: string): AwsCallContext => ({ service: SERVICE, operation, region });

export function mapTags(tags: Tag[] | undefined): Tags {
  return Object.fromEntries((tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
}

export function mapPermission(permission: IpPermission): SecurityGroupPermission {
  return {
    ipProtocol: permission.IpProtocol ?? "-1",
    fromPort: permission.FromPort ?? null,
    toPort: permission.ToPort ?? null,
    ipv4Ranges: (permission.IpRanges ?? []).flatMap((range) => (range.CidrIp ? [range.CidrIp] : [])),
    ipv6Ranges: (permission.Ipv6Ranges ?? []).flatMap((range) => (range.CidrIpv6 ? [range.CidrIpv6] : [])),
    referencedGroupIds: (permission.UserIdGroupPairs ?? []).flatMap((pair) => (pair.GroupId ? [pair.GroupId] : [])),
    prefixListIds: (permission.PrefixListIds ?? []).flatMap((prefix) =>
      prefix.PrefixListId ? [prefix.PrefixListId] : [],
    ),
  };
}

export function mapSecurityGroup(group: SecurityGroup): SecurityGroupEvidence {
  return {
    groupId: group.GroupId ?? "",
    groupName: group.GroupName ?? "",
    vpcId: group.VpcId ?? null,
    ownerId: group.OwnerId ?? null,
    description: group.Description ?? null,
    ingress: (group.IpPermissions ?? []).map(mapPermission),
    egress: (group.IpPermissionsEgress ?? []).map(mapPermission),
    tags: mapTags(group.Tags),
  };
}

export function mapNetworkAcl(acl: NetworkAcl): NetworkAclEvidence {
  return {
    networkAclId: acl.NetworkAclId ?? "",
    vpcId: acl.VpcId ?? null,
    isDefault: acl.IsDefault ?? false,
    associatedSubnetIds: (acl.Associations ?? []).flatMap((association) =>
      association.SubnetId ? [association.SubnetId] : [],
    ),
    entries: (acl.Entries ?? []).map((entry) => ({
      ruleNumber: entry.RuleNumber ?? 32767,
      egress: entry.Egress ?? false,
      protocol: entry.Protocol ?? "-1",
      ruleAction: entry.RuleAction ?? "deny",
      cidrBlock: entry.CidrBlock ?? null,
      ipv6CidrBlock: entry.Ipv6CidrBlock ?? null,
      portRange:
        entry.PortRange?.From !== undefined && entry.PortRange?.To !== undefined
          ? { from: entry.PortRange.From, to: entry.PortRange.To }
          : null,
    })),
  };
}

export function mapInstance(instance: Instance): InstanceEvidence {
  return {
    instanceId: instance.InstanceId ?? "",
    state: instance.State?.Name ?? null,
    instanceType: instance.InstanceType ?? null,
    vpcId: instance.VpcId ?? null,
    subnetId: instance.SubnetId ?? null,
    publicIpAddress: instance.PublicIpAddress || null,
    publicDnsName: instance.PublicDnsName || null,
    ipv6Addresses: (instance.NetworkInterfaces ?? []).flatMap((networkInterface) =>
      (networkInterface.Ipv6Addresses ?? []).flatMap((address) => (address.Ipv6Address ? [address.Ipv6Address] : [])),
    ),
    securityGroupIds: (instance.SecurityGroups ?? []).flatMap((group) => (group.GroupId ? [group.GroupId] : [])),
    launchTime: toIsoString(instance.LaunchTime),
    tags: mapTags(instance.Tags),
  };
}

/** DescribeRegions(AllRegions): every region with its opt-in status (read once per sync by regions.ts). */
export async function describeRegions(client: EC2Client, region: string): Promise<RegionAvailability[]> {
  const response = await callAws(context("DescribeRegions", region), () =>
    client.send(new DescribeRegionsCommand({ AllRegions: true })),
  );
  return (response.Regions ?? []).map((entry) => ({
    regionName: entry.RegionName ?? "",
    optInStatus: entry.OptInStatus ?? null,
  }));
}

export async function getEbsEncryptionByDefault(client: EC2Client, region: string): Promise<boolean> {
  const response = await callAws(context("GetEbsEncryptionByDefault", region), () =>
    client.send(new GetEbsEncryptionByDefaultCommand({})),
  );
  return response.EbsEncryptionByDefault ?? false;
}

export async function describeVpcs(client: EC2Client, region: string): Promise<VpcEvidence[]> {
  const vpcs = await collectPages(
    context("DescribeVpcs", region),
    () => paginateDescribeVpcs({ client }, {}),
    (page) => page.Vpcs,
  );
  return vpcs.map((vpc) => ({
    vpcId: vpc.VpcId ?? "",
    cidrBlock: vpc.CidrBlock ?? null,
    ipv6CidrBlocks: (vpc.Ipv6CidrBlockAssociationSet ?? [])
      .filter((association) => association.Ipv6CidrBlockState?.State !== "disassociated")
      .flatMap((association) => (association.Ipv6CidrBlock ? [association.Ipv6CidrBlock] : [])),
    isDefault: vpc.IsDefault ?? false,
    state: vpc.State ?? null,
    tags: mapTags(vpc.Tags),
  }));
}

export async function describeSecurityGroups(client: EC2Client, region: string): Promise<SecurityGroupEvidence[]> {
  const groups = await collectPages(
    context("DescribeSecurityGroups", region),
    () => paginateDescribeSecurityGroups({ client }, {}),
    (page) => page.SecurityGroups,
  );
  return groups.map(mapSecurityGroup);
}

export async function describeNetworkAcls(client: EC2Client, region: string): Promise<NetworkAclEvidence[]> {
  const acls = await collectPages(
    context("DescribeNetworkAcls", region),
    () => paginateDescribeNetworkAcls({ client }, {}),
    (page) => page.NetworkAcls,
  );
  return acls.map(mapNetworkAcl);
}

export async function describeFlowLogs(client: EC2Client, region: string): Promise<FlowLogEvidence[]> {
  const flowLogs = await collectPages(
    context("DescribeFlowLogs", region),
    () => paginateDescribeFlowLogs({ client }, {}),
    (page) => page.FlowLogs,
  );
  return flowLogs.map((flowLog) => ({
    flowLogId: flowLog.FlowLogId ?? "",
    resourceId: flowLog.ResourceId ?? null,
    flowLogStatus: flowLog.FlowLogStatus ?? null,
    deliverLogsStatus: flowLog.DeliverLogsStatus ?? null,
    trafficType: flowLog.TrafficType ?? null,
    logDestinationType: flowLog.LogDestinationType ?? null,
    logDestination: flowLog.LogDestination ?? flowLog.LogGroupName ?? null,
  }));
}

export async function describeInstances(client: EC2Client, region: string): Promise<InstanceEvidence[]> {
  const reservations = await collectPages(
    context("DescribeInstances", region),
    () => paginateDescribeInstances({ client }, {}),
    (page) => page.Reservations,
  );
  return reservations.flatMap((reservation) => reservation.Instances ?? []).map(mapInstance);
}

/** DescribeAddresses does not paginate (api-map §8). */
export async function describeAddresses(client: EC2Client, region: string): Promise<ElasticIpEvidence[]> {
  const response = await callAws(context("DescribeAddresses", region), () =>
    client.send(new DescribeAddressesCommand({})),
  );
  return (response.Addresses ?? []).map((address) => ({
    allocationId: address.AllocationId ?? null,
    publicIp: address.PublicIp ?? null,
    domain: address.Domain ?? null,
    instanceId: address.InstanceId || null,
    networkInterfaceId: address.NetworkInterfaceId ?? null,
    associationId: address.AssociationId ?? null,
    tags: mapTags(address.Tags),
  }));
}

export async function describeVolumes(client: EC2Client, region: string): Promise<VolumeEvidence[]> {
  const volumes = await collectPages(
    context("DescribeVolumes", region),
    () => paginateDescribeVolumes({ client }, {}),
    (page) => page.Volumes,
  );
  return volumes.map((volume) => ({
    volumeId: volume.VolumeId ?? "",
    encrypted: volume.Encrypted ?? false,
    kmsKeyId: volume.KmsKeyId ?? null,
    state: volume.State ?? null,
    sizeGiB: volume.Size ?? null,
    attachedInstanceIds: (volume.Attachments ?? []).flatMap((attachment) =>
      attachment.InstanceId ? [attachment.InstanceId] : [],
    ),
    createdAt: toIsoString(volume.CreateTime),
    tags: mapTags(volume.Tags),
  }));
}

export async function collectEc2(
  client: EC2Client,
  region: string,
): Promise<{ evidence: Ec2Evidence; failedCalls: FailedCall[] }> {
  const calls = new CallRecorder();
  const [ebsEncryptionByDefault, vpcs, securityGroups, networkAcls, flowLogs, instances, elasticIps, volumes] =
    await Promise.all([
      calls.attempt(getEbsEncryptionByDefault(client, region), false),
      calls.attempt(describeVpcs(client, region), []),
      calls.attempt(describeSecurityGroups(client, region), []),
      calls.attempt(describeNetworkAcls(client, region), []),
      calls.attempt(describeFlowLogs(client, region), []),
      calls.attempt(describeInstances(client, region), []),
      calls.attempt(describeAddresses(client, region), []),
      calls.attempt(describeVolumes(client, region), []),
    ]);
  calls.throwIfNothingAnswered();
  return {
    evidence: {
      region,
      ebsEncryptionByDefault,
      vpcs,
      securityGroups,
      networkAcls,
      flowLogs,
      instances,
      elasticIps,
      volumes,
    },
    failedCalls: calls.failedCalls,
  };
}

export const ec2Collector: CollectorDefinition<Ec2Evidence> = {
  key: "ec2",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const { evidence, failedCalls } = await withSessionClient(EC2Client, session, region, (client) =>
      collectEc2(client, region),
    );
    const itemCount =
      evidence.vpcs.length +
      evidence.securityGroups.length +
      evidence.networkAcls.length +
      evidence.instances.length +
      evidence.elasticIps.length +
      evidence.volumes.length;
    return { evidence, failedCalls, itemCount };
  },
};
