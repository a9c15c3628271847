import { DEFAULT_ENABLED_REGIONS, OPT_IN_REGIONS } from "../../lib/evidence/known-regions";
import { AwsError, GenericAwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";
import { stableHex } from "../estate/ids";
import type { Estate } from "../estate/schema";

// EC2 (ec2 query dialect, regional). Every Describe* honours Filter.N.Name/Value.M with the filter
// names AWS documents (an unknown filter is InvalidParameterValue, as in EC2), ids lists and
// MaxResults/NextToken. A VPC without a declared "default" security group or default network ACL
// gets the ones AWS creates: all traffic within the group / allow everything.

type Ec2 = Estate["ec2"];
type SecurityGroup = Ec2["securityGroups"][number];
type Rule = SecurityGroup["ingress"][number];
type NetworkAcl = Ec2["networkAcls"][number];
type FieldValue = string | number | boolean | undefined | (string | number | boolean | undefined)[];
type FieldGetters<T> = Record<string, (item: T) => FieldValue>;

// DescribeRegions answers from Rampart's list of known regions (lib/evidence/known-regions.ts).
const STANDARD_REGIONS = DEFAULT_ENABLED_REGIONS;
const INSTANCE_STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};
// The default VPC flow log format, "${version} ${account-id} …" in AWS's placeholder syntax.
const DEFAULT_FLOW_LOG_FORMAT = [
  "version",
  "account-id",
  "interface-id",
  "srcaddr",
  "dstaddr",
  "srcport",
  "dstport",
  "protocol",
  "packets",
  "bytes",
  "start",
  "end",
  "action",
  "log-status",
]
  .map((field) => `\${${field}}`)
  .join(" ");
// Protocols are served as the estate writes them ("6" stays "6", as some endpoints answer); only the
// estate shorthand "all" becomes AWS's "-1".
const PROTOCOL_NAMES: Record<string, string> = { all: "-1" };

function inRegion<T extends { region?: string }>(items: readonly T[], context: OperationContext): T[] {
  return items.filter((item) => (item.region ?? context.index.defaultRegion) === context.region);
}

function tagSet(tags: Record<string, string>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function wildcardMatch(value: string, pattern: string): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) return value === pattern;
  const expression = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${expression}$`).test(value);
}

/** EC2 filter semantics: values within a filter are ORed, filters are ANDed. */
function applyFilters<T extends { tags?: Record<string, string> }>(
  items: T[],
  filters: { Name?: string; Values?: string[] }[] | undefined,
  getters: FieldGetters<T>,
): T[] {
  if (!filters?.length) return items;
  return items.filter((item) =>
    filters.every((filter) => {
      const name = filter.Name ?? "";
      const wanted = filter.Values ?? [];
      let actual: FieldValue;
      if (name.startsWith("tag:")) actual = item.tags?.[name.slice(4)];
      else if (name === "tag-key") actual = Object.keys(item.tags ?? {});
      else if (name === "tag-value") actual = Object.values(item.tags ?? {});
      else if (getters[name]) actual = getters[name](item);
      else throw new GenericAwsError("validation", `The filter '${name}' is invalid`);
      const values = (Array.isArray(actual) ? actual : [actual]).filter((value) => value !== undefined).map(String);
      return values.some((value) => wanted.some((pattern) => wildcardMatch(value, pattern)));
    }),
  );
}

function ec2Page<T>(context: OperationContext, items: T[], input: OperationInput, minimum = 5, maximum = 1000) {
  const size = pageSize(input.MaxResults, {
    defaultSize: Math.max(items.length, 1),
    minimum,
    maximum,
    parameter: "maxResults",
  });
  return context.paginate(items, input.NextToken, size, input.Filters ?? input.Filter ?? null);
}

function normalizeProtocol(protocol: string): string {
  return PROTOCOL_NAMES[protocol] ?? protocol;
}

function ipPermissions(rules: Rule[], groupId: string, accountId: string) {
  return rules.map((rule) => {
    const protocol = normalizeProtocol(rule.protocol);
    return {
      IpProtocol: protocol,
      FromPort: protocol === "-1" ? undefined : rule.fromPort,
      ToPort: protocol === "-1" ? undefined : rule.toPort,
      UserIdGroupPairs: rule.groups.map((group) => ({
        GroupId: group === "self" ? groupId : group,
        UserId: accountId,
      })),
      IpRanges: rule.cidrs.map((cidr) => ({ CidrIp: cidr, Description: rule.description })),
      Ipv6Ranges: rule.ipv6Cidrs.map((cidr) => ({ CidrIpv6: cidr, Description: rule.description })),
      PrefixListIds: rule.prefixLists.map((prefixList) => ({ PrefixListId: prefixList })),
    };
  });
}

/** Declared groups plus the default group AWS creates in every VPC that did not declare one. */
function securityGroupsInRegion(context: OperationContext): SecurityGroup[] {
  const declared = inRegion(context.estate.ec2.securityGroups, context);
  const synthesized = inRegion(context.estate.ec2.vpcs, context)
    .filter((vpc) => !declared.some((group) => group.vpcId === vpc.id && group.name === "default"))
    .map(
      (vpc): SecurityGroup => ({
        id: `sg-${stableHex(17, context.accountId, vpc.id, "default-sg")}`,
        name: "default",
        description: "default VPC security group",
        vpcId: vpc.id,
        region: context.region,
        ingress: [{ protocol: "-1", cidrs: [], ipv6Cidrs: [], groups: ["self"], prefixLists: [] }],
        egress: [{ protocol: "-1", cidrs: ["0.0.0.0/0"], ipv6Cidrs: [], groups: [], prefixLists: [] }],
        tags: {},
      }),
    );
  return [...declared, ...synthesized];
}

function networkAclsInRegion(context: OperationContext): NetworkAcl[] {
  const declared = inRegion(context.estate.ec2.networkAcls, context);
  const synthesized = inRegion(context.estate.ec2.vpcs, context)
    .filter((vpc) => !declared.some((acl) => acl.vpcId === vpc.id && acl.isDefault))
    .map((vpc): NetworkAcl => {
      const associatedElsewhere = new Set(
        declared.filter((acl) => acl.vpcId === vpc.id).flatMap((acl) => acl.associations),
      );
      const allowAll = (egress: boolean) => [
        { ruleNumber: 100, protocol: "-1", action: "allow" as const, egress, cidr: "0.0.0.0/0" },
        { ruleNumber: 32767, protocol: "-1", action: "deny" as const, egress, cidr: "0.0.0.0/0" },
      ];
      return {
        id: `acl-${stableHex(17, context.accountId, vpc.id, "default-acl")}`,
        vpcId: vpc.id,
        region: context.region,
        isDefault: true,
        entries: [...allowAll(false), ...allowAll(true)],
        associations: vpc.subnets.map((subnet) => subnet.id).filter((id) => !associatedElsewhere.has(id)),
        tags: {},
      };
    });
  return [...declared, ...synthesized];
}

function describeRegions(input: OperationInput, context: OperationContext): Output {
  const enabled = new Set([...context.estate.regions, ...context.estate.ec2.optedInRegions]);
  const regions = [
    ...STANDARD_REGIONS.map((name) => ({ name, status: "opt-in-not-required" })),
    ...OPT_IN_REGIONS.map((name) => ({ name, status: enabled.has(name) ? "opted-in" : "not-opted-in" })),
  ]
    .filter((region) => input.AllRegions || region.status !== "not-opted-in")
    .filter((region) => !input.RegionNames?.length || input.RegionNames.includes(region.name))
    .map((region) => ({ ...region, tags: {} }));
  const filtered = applyFilters(regions, input.Filters, {
    "region-name": (region) => region.name,
    "opt-in-status": (region) => region.status,
    endpoint: (region) => `ec2.${region.name}.amazonaws.com`,
  });
  return {
    Regions: filtered.map((region) => ({
      RegionName: region.name,
      Endpoint: `ec2.${region.name}.amazonaws.com`,
      OptInStatus: region.status,
    })),
  };
}

function describeVpcs(input: OperationInput, context: OperationContext): Output {
  let vpcs = inRegion(context.estate.ec2.vpcs, context);
  vpcs = byIdList(vpcs, input.VpcIds, (vpc) => vpc.id, "InvalidVpcID.NotFound", "vpc ID");
  vpcs = applyFilters(vpcs, input.Filters, {
    "vpc-id": (vpc) => vpc.id,
    "is-default": (vpc) => vpc.isDefault,
    state: (vpc) => vpc.state,
    "cidr-block": (vpc) => vpc.cidr,
    cidr: (vpc) => vpc.cidr,
    "cidr-block-association.cidr-block": (vpc) => vpc.cidr,
    "owner-id": () => context.accountId,
  });
  const page = ec2Page(context, vpcs, input);
  return {
    Vpcs: page.items.map((vpc) => ({
      VpcId: vpc.id,
      OwnerId: context.accountId,
      State: vpc.state,
      CidrBlock: vpc.cidr,
      DhcpOptionsId: `dopt-${stableHex(8, context.accountId, context.region)}`,
      InstanceTenancy: "default",
      IsDefault: vpc.isDefault,
      CidrBlockAssociationSet: [
        {
          AssociationId: `vpc-cidr-assoc-${stableHex(17, vpc.id)}`,
          CidrBlock: vpc.cidr,
          CidrBlockState: { State: "associated" },
        },
      ],
      Ipv6CidrBlockAssociationSet: vpc.ipv6Cidrs.map((cidr) => ({
        AssociationId: `vpc-cidr-assoc-${stableHex(17, vpc.id, cidr)}`,
        Ipv6CidrBlock: cidr,
        Ipv6CidrBlockState: { State: "associated" },
        NetworkBorderGroup: context.region,
        Ipv6Pool: "Amazon",
      })),
      Tags: tagSet(vpc.tags),
    })),
    NextToken: page.nextToken,
  };
}

function byIdList<T>(
  items: T[],
  ids: string[] | undefined,
  idOf: (item: T) => string,
  code: string,
  label: string,
): T[] {
  if (!ids?.length) return items;
  const missing = ids.filter((id) => !items.some((item) => idOf(item) === id));
  if (missing.length > 0) throw new AwsError(code, `The ${label} '${missing.join("', '")}' does not exist`, 400);
  return items.filter((item) => ids.includes(idOf(item)));
}

function describeSecurityGroups(input: OperationInput, context: OperationContext): Output {
  let groups = securityGroupsInRegion(context);
  groups = byIdList(groups, input.GroupIds, (group) => group.id, "InvalidGroup.NotFound", "security group");
  groups = byIdList(groups, input.GroupNames, (group) => group.name, "InvalidGroup.NotFound", "security group");
  groups = applyFilters(groups, input.Filters, {
    "group-id": (group) => group.id,
    "group-name": (group) => group.name,
    "vpc-id": (group) => group.vpcId,
    description: (group) => group.description,
    "owner-id": () => context.accountId,
    "ip-permission.cidr": (group) => group.ingress.flatMap((rule) => rule.cidrs),
    "ip-permission.from-port": (group) => group.ingress.map((rule) => rule.fromPort),
    "ip-permission.to-port": (group) => group.ingress.map((rule) => rule.toPort),
    "ip-permission.protocol": (group) => group.ingress.map((rule) => normalizeProtocol(rule.protocol)),
  });
  const page = ec2Page(context, groups, input);
  return {
    SecurityGroups: page.items.map((group) => ({
      GroupId: group.id,
      GroupName: group.name,
      Description: group.description,
      OwnerId: context.accountId,
      VpcId: group.vpcId,
      SecurityGroupArn: `arn:aws:ec2:${context.region}:${context.accountId}:security-group/${group.id}`,
      IpPermissions: ipPermissions(group.ingress, group.id, context.accountId),
      IpPermissionsEgress: ipPermissions(group.egress, group.id, context.accountId),
      Tags: tagSet(group.tags),
    })),
    NextToken: page.nextToken,
  };
}

function describeNetworkAcls(input: OperationInput, context: OperationContext): Output {
  let acls = networkAclsInRegion(context);
  acls = byIdList(acls, input.NetworkAclIds, (acl) => acl.id, "InvalidNetworkAclID.NotFound", "network ACL");
  acls = applyFilters(acls, input.Filters, {
    "network-acl-id": (acl) => acl.id,
    "vpc-id": (acl) => acl.vpcId,
    default: (acl) => acl.isDefault,
    "association.subnet-id": (acl) => acl.associations,
    "owner-id": () => context.accountId,
  });
  const page = ec2Page(context, acls, input);
  return {
    NetworkAcls: page.items.map((acl) => ({
      NetworkAclId: acl.id,
      VpcId: acl.vpcId,
      IsDefault: acl.isDefault,
      OwnerId: context.accountId,
      Associations: acl.associations.map((subnetId) => ({
        NetworkAclAssociationId: `aclassoc-${stableHex(8, acl.id, subnetId)}`,
        NetworkAclId: acl.id,
        SubnetId: subnetId,
      })),
      Entries: acl.entries.map((entry) => ({
        RuleNumber: entry.ruleNumber,
        Protocol: entry.protocol === "tcp" ? "6" : entry.protocol === "udp" ? "17" : entry.protocol,
        RuleAction: entry.action,
        Egress: entry.egress,
        CidrBlock: entry.cidr,
        Ipv6CidrBlock: entry.ipv6Cidr,
        PortRange:
          entry.fromPort !== undefined ? { From: entry.fromPort, To: entry.toPort ?? entry.fromPort } : undefined,
      })),
      Tags: tagSet(acl.tags),
    })),
    NextToken: page.nextToken,
  };
}

function describeFlowLogs(input: OperationInput, context: OperationContext): Output {
  let flowLogs = inRegion(context.estate.ec2.flowLogs, context);
  flowLogs = byIdList(flowLogs, input.FlowLogIds, (flowLog) => flowLog.id, "InvalidFlowLogId.NotFound", "flow log");
  flowLogs = applyFilters(flowLogs, input.Filter, {
    "resource-id": (flowLog) => flowLog.resourceId,
    "flow-log-id": (flowLog) => flowLog.id,
    "deliver-log-status": (flowLog) => flowLog.deliverLogsStatus,
    "log-destination-type": (flowLog) => flowLog.logDestinationType,
    "traffic-type": (flowLog) => flowLog.trafficType,
    "log-group-name": (flowLog) => flowLog.logGroupName,
  });
  const page = context.paginate(
    flowLogs,
    input.NextToken,
    pageSize(input.MaxResults, { defaultSize: 1000, maximum: 1000, parameter: "maxResults" }),
    input.Filter ?? null,
  );
  return {
    FlowLogs: page.items.map((flowLog) => ({
      FlowLogId: flowLog.id,
      CreationTime: context.date(flowLog.createdAt),
      DeliverLogsStatus: flowLog.deliverLogsStatus,
      FlowLogStatus: flowLog.status,
      LogGroupName: flowLog.logGroupName,
      ResourceId: flowLog.resourceId,
      TrafficType: flowLog.trafficType,
      LogDestinationType: flowLog.logDestinationType,
      LogDestination: flowLog.logDestination,
      LogFormat: DEFAULT_FLOW_LOG_FORMAT,
      MaxAggregationInterval: 600,
      Tags: tagSet(flowLog.tags),
    })),
    NextToken: page.nextToken,
  };
}

function describeInstances(input: OperationInput, context: OperationContext): Output {
  let instances = inRegion(context.estate.ec2.instances, context);
  instances = byIdList(
    instances,
    input.InstanceIds,
    (instance) => instance.id,
    "InvalidInstanceID.NotFound",
    "instance ID",
  );
  instances = applyFilters(instances, input.Filters, {
    "instance-id": (instance) => instance.id,
    "instance-state-name": (instance) => instance.state,
    "instance-state-code": (instance) => INSTANCE_STATE_CODES[instance.state],
    "instance-type": (instance) => instance.type,
    "vpc-id": (instance) => instance.vpcId,
    "subnet-id": (instance) => instance.subnetId,
    "ip-address": (instance) => instance.publicIp,
    "private-ip-address": (instance) => instance.privateIp,
    "image-id": (instance) => instance.imageId,
    "instance.group-id": (instance) => instance.securityGroups,
    "metadata-options.http-tokens": (instance) => instance.httpTokens,
    "availability-zone": () => `${context.region}a`,
    "owner-id": () => context.accountId,
  });
  const page = ec2Page(context, instances, input);
  const groups = securityGroupsInRegion(context);
  const volumes = inRegion(context.estate.ec2.volumes, context);
  return {
    Reservations: page.items.map((instance) => ({
      ReservationId: `r-${stableHex(17, instance.id, "reservation")}`,
      OwnerId: context.accountId,
      Groups: [],
      Instances: [
        {
          InstanceId: instance.id,
          ImageId: instance.imageId,
          State: { Code: INSTANCE_STATE_CODES[instance.state], Name: instance.state },
          PrivateDnsName: `ip-${instance.privateIp.replace(/\./g, "-")}.${context.region === "us-east-1" ? "ec2.internal" : `${context.region}.compute.internal`}`,
          PublicDnsName: instance.publicIp
            ? `ec2-${instance.publicIp.replace(/\./g, "-")}.${context.region}.compute.amazonaws.com`
            : "",
          StateTransitionReason: "",
          AmiLaunchIndex: 0,
          InstanceType: instance.type,
          LaunchTime: context.date(instance.launchedAt),
          Placement: { AvailabilityZone: `${context.region}a`, GroupName: "", Tenancy: "default" },
          Monitoring: { State: "disabled" },
          SubnetId: instance.subnetId,
          VpcId: instance.vpcId,
          PrivateIpAddress: instance.privateIp,
          PublicIpAddress: instance.publicIp,
          Architecture: "x86_64",
          RootDeviceType: "ebs",
          RootDeviceName: "/dev/xvda",
          BlockDeviceMappings: volumes
            .filter((volume) => volume.attachedTo === instance.id)
            .map((volume, position) => ({
              DeviceName: position === 0 ? "/dev/xvda" : `/dev/sd${String.fromCharCode(98 + position)}`,
              Ebs: {
                VolumeId: volume.id,
                Status: "attached",
                AttachTime: context.date(instance.launchedAt),
                DeleteOnTermination: true,
              },
            })),
          IamInstanceProfile: instance.iamInstanceProfileArn
            ? {
                Arn: instance.iamInstanceProfileArn,
                Id: `AIPA${stableHex(17, instance.iamInstanceProfileArn).toUpperCase()}`,
              }
            : undefined,
          SecurityGroups: instance.securityGroups.map((groupId) => ({
            GroupId: groupId,
            GroupName: groups.find((group) => group.id === groupId)?.name ?? groupId,
          })),
          SourceDestCheck: true,
          Hypervisor: "xen",
          VirtualizationType: "hvm",
          EbsOptimized: false,
          EnaSupport: true,
          MetadataOptions: {
            State: "applied",
            HttpTokens: instance.httpTokens,
            HttpPutResponseHopLimit: 2,
            HttpEndpoint: "enabled",
          },
          PlatformDetails: "Linux/UNIX",
          Tags: tagSet(instance.tags),
        },
      ],
    })),
    NextToken: page.nextToken,
  };
}

function describeAddresses(input: OperationInput, context: OperationContext): Output {
  let addresses = inRegion(context.estate.ec2.addresses, context);
  addresses = byIdList(addresses, input.PublicIps, (address) => address.publicIp, "InvalidAddress.NotFound", "address");
  addresses = byIdList(
    addresses,
    input.AllocationIds,
    (address) => address.allocationId,
    "InvalidAllocationID.NotFound",
    "allocation ID",
  );
  addresses = applyFilters(addresses, input.Filters, {
    "allocation-id": (address) => address.allocationId,
    "public-ip": (address) => address.publicIp,
    "instance-id": (address) => address.instanceId,
    "association-id": (address) =>
      address.instanceId || address.networkInterfaceId ? `eipassoc-${stableHex(17, address.allocationId)}` : undefined,
    "network-interface-id": (address) => address.networkInterfaceId,
    domain: () => "vpc",
    "private-ip-address": (address) => address.privateIp,
  });
  return {
    Addresses: addresses.map((address) => ({
      AllocationId: address.allocationId,
      PublicIp: address.publicIp,
      Domain: "vpc",
      InstanceId: address.instanceId,
      AssociationId:
        address.instanceId || address.networkInterfaceId
          ? `eipassoc-${stableHex(17, address.allocationId)}`
          : undefined,
      NetworkInterfaceId: address.networkInterfaceId,
      NetworkInterfaceOwnerId: address.networkInterfaceId ? context.accountId : undefined,
      PrivateIpAddress: address.privateIp,
      PublicIpv4Pool: "amazon",
      NetworkBorderGroup: context.region,
      Tags: tagSet(address.tags),
    })),
  };
}

function describeVolumes(input: OperationInput, context: OperationContext): Output {
  let volumes = inRegion(context.estate.ec2.volumes, context);
  volumes = byIdList(volumes, input.VolumeIds, (volume) => volume.id, "InvalidVolume.NotFound", "volume");
  volumes = applyFilters(volumes, input.Filters, {
    "volume-id": (volume) => volume.id,
    status: (volume) => volume.state,
    encrypted: (volume) => volume.encrypted,
    "attachment.instance-id": (volume) => volume.attachedTo,
    "volume-type": (volume) => volume.type,
    size: (volume) => volume.sizeGiB,
    "availability-zone": (volume) => volume.availabilityZone ?? `${context.region}a`,
  });
  const page = ec2Page(context, volumes, input);
  return {
    Volumes: page.items.map((volume) => ({
      VolumeId: volume.id,
      Size: volume.sizeGiB,
      AvailabilityZone: volume.availabilityZone ?? `${context.region}a`,
      State: volume.state,
      CreateTime: context.date(volume.createdAt),
      Attachments: volume.attachedTo
        ? [
            {
              VolumeId: volume.id,
              InstanceId: volume.attachedTo,
              Device: "/dev/xvda",
              State: "attached",
              AttachTime: context.date(volume.createdAt),
              DeleteOnTermination: true,
            },
          ]
        : [],
      Encrypted: volume.encrypted,
      KmsKeyId: volume.encrypted ? volume.kmsKeyId : undefined,
      VolumeType: volume.type,
      Iops: volume.type === "gp3" ? 3000 : undefined,
      Throughput: volume.type === "gp3" ? 125 : undefined,
      MultiAttachEnabled: false,
      Tags: tagSet(volume.tags),
    })),
    NextToken: page.nextToken,
  };
}

function getEbsEncryptionByDefault(_input: OperationInput, context: OperationContext): Output {
  return {
    EbsEncryptionByDefault: context.estate.ec2.ebsEncryptionByDefault[context.region] ?? false,
    SseType: "sse-ebs",
  };
}

export const ec2Service: ServiceDefinition = {
  key: "ec2",
  protocol: "ec2",
  signingName: "ec2",
  actionPrefix: "ec2",
  operations: {
    DescribeRegions: describeRegions,
    DescribeVpcs: describeVpcs,
    DescribeSecurityGroups: describeSecurityGroups,
    DescribeFlowLogs: describeFlowLogs,
    DescribeNetworkAcls: describeNetworkAcls,
    DescribeInstances: describeInstances,
    DescribeAddresses: describeAddresses,
    DescribeVolumes: describeVolumes,
    GetEbsEncryptionByDefault: getEbsEncryptionByDefault,
  },
};
