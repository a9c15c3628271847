import type { CollectorKey, NetworkAclEntryEvidence, SecurityGroupPermission } from "../../evidence/contract";
import {
  ageInDays,
  combineOutcomes,
  fail,
  isWithinDays,
  listForReason,
  missingEvidence,
  notApplicable,
  parseEvidenceDate,
  pass,
} from "../outcome";
import type { AccountContext, ControlOutcome, ControlRule, Offender } from "../types";
import { agree, decideInspection, inspectRegions, plural } from "./regions";

// Network controls NET-1..8 (SOP 000 §5, 003 §8; CIS 5.1–5.4, 3.9). Each regional rule inspects every
// configured region, then decides for the account: any offender FAILs (naming every one), else a region
// whose evidence is missing makes it UNKNOWN, else nothing to judge is NOT_APPLICABLE, else PASS.

const IPV4_INTERNET = "0.0.0.0/0";
const IPV6_INTERNET = "::/0";
const INTERNET_CIDRS = [IPV4_INTERNET, IPV6_INTERNET] as const;
/** NET-1 (CIS 5.2/5.3) and NET-5 (CIS 5.1): SSH and RDP. */
const REMOTE_ADMIN_PORTS = [22, 3389] as const;

function distinctIds(offenders: readonly Offender[]): string[] {
  return [...new Set(offenders.map((offender) => offender.id))];
}

// ---------------------------------------------------------------------------------------------- NET-1, NET-2

/** A permission covers a port when its protocol is all (-1), or TCP with FromPort ≤ port ≤ ToPort. */
export function permissionCoversPort(permission: SecurityGroupPermission, port: number): boolean {
  const protocol = permission.ipProtocol.trim().toLowerCase();
  if (protocol === "-1") return true;
  if (protocol !== "tcp" && protocol !== "6") return false;
  if (permission.fromPort === null || permission.toPort === null) return false;
  return permission.fromPort <= port && port <= permission.toPort;
}

function internetCidrsOf(permission: SecurityGroupPermission): string[] {
  return [
    ...(permission.ipv4Ranges.some((cidr) => cidr.trim() === IPV4_INTERNET) ? [IPV4_INTERNET] : []),
    ...(permission.ipv6Ranges.some((cidr) => cidr.trim() === IPV6_INTERNET) ? [IPV6_INTERNET] : []),
  ];
}

/** One security group opening some of the listed ports to one internet CIDR. */
interface PortOpening {
  groupId: string;
  region: string;
  cidr: string;
  ports: number[];
}

function decideOpenPorts(
  context: AccountContext,
  ports: readonly number[],
  what: string,
  passReason: (subjects: number) => string,
): ControlOutcome {
  const sortedPorts = [...new Set(ports)].sort((a, b) => a - b);
  const openings: PortOpening[] = [];
  const inspection = inspectRegions(context, "ec2", (ec2, region) => {
    const offenders: Offender[] = [];
    for (const group of ec2.securityGroups) {
      for (const cidr of INTERNET_CIDRS) {
        const open = sortedPorts.filter((port) =>
          group.ingress.some(
            (permission) => internetCidrsOf(permission).includes(cidr) && permissionCoversPort(permission, port),
          ),
        );
        if (open.length === 0) continue;
        openings.push({ groupId: group.groupId, region, cidr, ports: open });
        for (const port of open) {
          offenders.push({ kind: "security-group", id: group.groupId, region, detail: `port ${port} open to ${cidr}` });
        }
      }
    }
    return { subjects: ec2.securityGroups.length, offenders };
  });
  return decideInspection(inspection, {
    fail: (offenders) => {
      const groups = distinctIds(offenders).length;
      const items = openings.map(
        (opening) =>
          `${opening.groupId} ${opening.ports.length === 1 ? "port" : "ports"} ${opening.ports.join(", ")} from ${opening.cidr} (${opening.region})`,
      );
      return (
        `${plural(groups, "security group")} ${agree(groups, "opens", "open")} ${what} to the internet: ` +
        `${listForReason(items)}. Remove these rules or limit them to known address ranges.`
      );
    },
    pass: passReason,
    empty: "No security group exists in the configured regions.",
  });
}

const NET_1: ControlRule = (context) =>
  decideOpenPorts(
    context,
    REMOTE_ADMIN_PORTS,
    "SSH or RDP",
    (subjects) => `None of ${plural(subjects, "security group")} opens SSH (22) or RDP (3389) to the internet.`,
  );

const NET_2: ControlRule = (context) => {
  const ports = [...new Set(context.params.adminPorts)].sort((a, b) => a - b);
  return decideOpenPorts(
    context,
    ports,
    "admin or database ports",
    (subjects) =>
      `None of ${plural(subjects, "security group")} opens an admin or database port (${ports.join(", ")}) to the internet.`,
  );
};

// ---------------------------------------------------------------------------------------------- NET-3, NET-4

const NET_3: ControlRule = (context) =>
  decideInspection(
    inspectRegions(context, "ec2", (ec2, region) => {
      const offenders: Offender[] = [];
      for (const { vpcId } of ec2.vpcs) {
        const group = ec2.securityGroups.find(
          (candidate) => candidate.vpcId === vpcId && candidate.groupName === "default",
        );
        if (!group || (group.ingress.length === 0 && group.egress.length === 0)) continue;
        offenders.push({
          kind: "security-group",
          id: group.groupId,
          region,
          detail: `default group of ${vpcId} has ${plural(group.ingress.length, "inbound rule")} and ${plural(group.egress.length, "outbound rule")}`,
        });
      }
      return { subjects: ec2.vpcs.length, offenders };
    }),
    {
      fail: (offenders) =>
        `${plural(offenders.length, "default security group")} still ${agree(offenders.length, "allows", "allow")} traffic: ` +
        `${listForReason(offenders.map((offender) => `${offender.id} (${offender.detail}, ${offender.region})`))}. ` +
        "Remove every inbound and outbound rule from them and use dedicated groups instead.",
      pass: (subjects) => `The default security group of each of ${plural(subjects, "VPC")} has no rules.`,
      empty: "No VPC exists in the configured regions.",
    },
  );

const NET_4: ControlRule = (context) =>
  decideInspection(
    inspectRegions(context, "ec2", (ec2, region) => {
      const offenders: Offender[] = [];
      for (const { vpcId } of ec2.vpcs) {
        const flowLogs = ec2.flowLogs.filter((flowLog) => flowLog.resourceId === vpcId);
        if (flowLogs.some((flowLog) => flowLog.flowLogStatus?.toUpperCase() === "ACTIVE")) continue;
        const detail =
          flowLogs.length === 0
            ? "no flow log"
            : `no ACTIVE flow log (${flowLogs.map((flowLog) => `${flowLog.flowLogId}: ${flowLog.flowLogStatus ?? "no status"}`).join(", ")})`;
        offenders.push({ kind: "vpc", id: vpcId, region, detail });
      }
      return { subjects: ec2.vpcs.length, offenders };
    }),
    {
      fail: (offenders) =>
        `${plural(offenders.length, "VPC")} ${agree(offenders.length, "has", "have")} no active flow log: ` +
        `${listForReason(offenders.map((offender) => `${offender.id} (${offender.region})`))}. Create a VPC flow log for each.`,
      pass: (subjects) => `Each of ${plural(subjects, "VPC")} has an active flow log.`,
      empty: "No VPC exists in the configured regions.",
    },
  );

// ---------------------------------------------------------------------------------------------- NET-5

function aclEntryCoversPort(entry: NetworkAclEntryEvidence, port: number): boolean {
  const protocol = entry.protocol.trim().toLowerCase();
  if (protocol === "-1") return true;
  if (protocol !== "6" && protocol !== "tcp") return false;
  return entry.portRange !== null && entry.portRange.from <= port && port <= entry.portRange.to;
}

function aclEntrySource(entry: NetworkAclEntryEvidence): string | null {
  return entry.cidrBlock?.trim() ?? entry.ipv6CidrBlock?.trim() ?? null;
}

/**
 * CIS 5.1: network ACL entries are evaluated lowest rule number first, so for each port and internet
 * source the first matching ingress entry decides; a deny numbered before an allow wins.
 */
export function firstMatchingIngressEntry(
  entries: readonly NetworkAclEntryEvidence[],
  port: number,
  source: string,
): NetworkAclEntryEvidence | null {
  const matching = entries
    .filter((entry) => !entry.egress && aclEntrySource(entry) === source && aclEntryCoversPort(entry, port))
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
  return matching[0] ?? null;
}

const NET_5: ControlRule = (context) =>
  decideInspection(
    inspectRegions(context, "ec2", (ec2, region) => {
      const associated = ec2.networkAcls.filter((acl) => acl.associatedSubnetIds.length > 0);
      const offenders: Offender[] = [];
      for (const acl of associated) {
        for (const port of REMOTE_ADMIN_PORTS) {
          for (const source of INTERNET_CIDRS) {
            const entry = firstMatchingIngressEntry(acl.entries, port, source);
            if (entry?.ruleAction.trim().toLowerCase() !== "allow") continue;
            offenders.push({
              kind: "network-acl",
              id: acl.networkAclId,
              region,
              detail: `rule ${entry.ruleNumber} allows port ${port} from ${source}`,
            });
          }
        }
      }
      return { subjects: associated.length, offenders };
    }),
    {
      fail: (offenders) =>
        `${plural(distinctIds(offenders).length, "network ACL")} ${agree(distinctIds(offenders).length, "allows", "allow")} SSH or RDP from the internet: ` +
        `${listForReason(offenders.map((offender) => `${offender.id} ${offender.detail} (${offender.region})`))}. ` +
        "Add a lower-numbered deny entry or narrow the allow entry's source.",
      pass: (subjects) =>
        `None of ${plural(subjects, "network ACL")} associated with a subnet allows SSH (22) or RDP (3389) from the internet.`,
      empty: "No network ACL is associated with a subnet in the configured regions.",
    },
  );

// ---------------------------------------------------------------------------------------------- NET-6

const NET_6: ControlRule = (context) =>
  decideInspection(
    inspectRegions(context, "rds", (rds, region) => ({
      subjects: rds.dbInstances.length,
      offenders: rds.dbInstances
        .filter((instance) => instance.publiclyAccessible)
        .map((instance) => ({
          kind: "db-instance",
          id: instance.dbInstanceIdentifier,
          region,
          detail: instance.endpointAddress
            ? `publicly accessible at ${instance.endpointAddress}${instance.endpointPort ? `:${instance.endpointPort}` : ""}`
            : "publicly accessible",
        })),
    })),
    {
      fail: (offenders) =>
        `${plural(offenders.length, "DB instance")} ${agree(offenders.length, "is", "are")} publicly accessible: ` +
        `${listForReason(offenders.map((offender) => `${offender.id} (${offender.region})`))}. ` +
        "Turn off PubliclyAccessible and keep data stores in private subnets.",
      pass: (subjects) => `None of ${plural(subjects, "DB instance")} is publicly accessible.`,
      empty: "No DB instance exists in the configured regions.",
    },
  );

// ---------------------------------------------------------------------------------------------- NET-7

export type PublicEndpointKind = "elb" | "instance" | "eip" | "rds";

/** Offender kinds for NET-7, as the rest of Rampart names these resources. */
const ENDPOINT_OFFENDER_KIND: Record<PublicEndpointKind, string> = {
  elb: "load-balancer",
  instance: "instance",
  eip: "elastic-ip",
  rds: "db-instance",
};

export interface PublicEndpoint {
  /** Stable inventory key, `<kind>:<id>` (see endpointKey); what a consultant acknowledges. */
  key: string;
  kind: PublicEndpointKind;
  /** The AWS id inside the key: load balancer ARN, instance id, EIP allocation id (or IP), DB ARN (or id). */
  id: string;
  region: string;
  /** What a person reads in the inventory, e.g. "Internet-facing application load balancer web-alb (…)". */
  label: string;
  /** The public DNS name or IP address, when known. */
  address: string | null;
}

/** NET-7 inventory key: "elb:<arn>", "instance:<id>", "eip:<allocation-id or ip>", "rds:<arn or id>". */
export function endpointKey(kind: PublicEndpointKind, id: string): string {
  return `${kind}:${id}`;
}

function endpoint(
  kind: PublicEndpointKind,
  id: string,
  region: string,
  label: string,
  address: string | null,
): PublicEndpoint {
  return { key: endpointKey(kind, id), kind, id, region, label, address };
}

/** Sources of public endpoints; every one must be readable in a region for NET-7 to pass there. */
const ENDPOINT_SOURCES = ["elastic-load-balancing-v2", "ec2", "rds"] as const satisfies readonly CollectorKey[];

/**
 * Every current public endpoint in the configured regions, from the evidence that was collected (regions
 * or sources whose evidence is missing contribute nothing; NET-7 reports them as UNKNOWN).
 */
export function listPublicEndpoints(context: AccountContext): PublicEndpoint[] {
  const endpoints: PublicEndpoint[] = [];
  for (const region of context.account.regions) {
    const elb = context.evidence.get("elastic-load-balancing-v2", region);
    if (elb.state === "COLLECTED") {
      for (const loadBalancer of elb.data.loadBalancers) {
        if (loadBalancer.scheme?.toLowerCase() !== "internet-facing") continue;
        const type = loadBalancer.type ? `${loadBalancer.type} ` : "";
        endpoints.push(
          endpoint(
            "elb",
            loadBalancer.loadBalancerArn,
            region,
            `Internet-facing ${type}load balancer ${loadBalancer.loadBalancerName}`,
            loadBalancer.dnsName,
          ),
        );
      }
    }
    const ec2 = context.evidence.get("ec2", region);
    if (ec2.state === "COLLECTED") {
      for (const instance of ec2.data.instances) {
        if (!instance.publicIpAddress) continue;
        const name = instance.tags.Name ? ` (${instance.tags.Name})` : "";
        endpoints.push(
          endpoint(
            "instance",
            instance.instanceId,
            region,
            `EC2 instance ${instance.instanceId}${name} with public IP ${instance.publicIpAddress}`,
            instance.publicIpAddress,
          ),
        );
      }
      for (const address of ec2.data.elasticIps) {
        const id = address.allocationId ?? address.publicIp;
        if (!id) continue;
        const target = address.instanceId ?? address.networkInterfaceId;
        endpoints.push(
          endpoint(
            "eip",
            id,
            region,
            `Elastic IP ${address.publicIp ?? id}${target ? ` associated with ${target}` : " (not associated)"}`,
            address.publicIp,
          ),
        );
      }
    }
    const rds = context.evidence.get("rds", region);
    if (rds.state === "COLLECTED") {
      for (const instance of rds.data.dbInstances) {
        if (!instance.publiclyAccessible) continue;
        const engine = instance.engine ? ` (${instance.engine})` : "";
        endpoints.push(
          endpoint(
            "rds",
            instance.dbInstanceArn ?? instance.dbInstanceIdentifier,
            region,
            `Publicly accessible DB instance ${instance.dbInstanceIdentifier}${engine}`,
            instance.endpointAddress,
          ),
        );
      }
    }
  }
  return endpoints;
}

const NET_7: ControlRule = (context) => {
  const endpoints = listPublicEndpoints(context);
  const unacknowledged = endpoints.filter((candidate) => !context.records.acknowledgedEndpointKeys.has(candidate.key));
  if (unacknowledged.length > 0) {
    return fail(
      `${plural(unacknowledged.length, "public endpoint")} ${agree(unacknowledged.length, "is", "are")} not in the ` +
        `acknowledged inventory: ${listForReason(unacknowledged.map((candidate) => `${candidate.label} (${candidate.region})`))}. ` +
        "Review each and acknowledge it in the endpoint inventory, or remove its public exposure.",
      unacknowledged.map((candidate) => ({
        kind: ENDPOINT_OFFENDER_KIND[candidate.kind],
        id: candidate.id,
        region: candidate.region,
        detail: candidate.label,
      })),
    );
  }
  const gaps = context.account.regions.flatMap((region) =>
    ENDPOINT_SOURCES.flatMap((source) => {
      const gap = missingEvidence(context.evidence.get(source, region), source, region);
      return gap ? [gap] : [];
    }),
  );
  if (gaps.length > 0) return combineOutcomes(gaps, "No public endpoint exists in the configured regions.");
  if (endpoints.length === 0) return notApplicable("No public endpoint exists in the configured regions.");
  return pass(
    endpoints.length === 1
      ? "The account's only public endpoint is in the acknowledged inventory."
      : `All ${endpoints.length} public endpoints are in the acknowledged inventory.`,
  );
};

// ---------------------------------------------------------------------------------------------- NET-8

const NET_8: ControlRule = (context) => {
  const minDays = context.params.certificateMinValidDays;
  return decideInspection(
    inspectRegions(context, "acm", (acm, region, asOf) => {
      const inUse = acm.certificates.filter((certificate) => certificate.inUse);
      const offenders: Offender[] = [];
      for (const certificate of inUse) {
        const name = certificate.domainName ?? certificate.certificateArn;
        const notAfter = parseEvidenceDate(certificate.notAfter);
        if (notAfter === null) {
          offenders.push({
            kind: "certificate",
            id: certificate.certificateArn,
            region,
            detail: `${name}: no expiry date reported`,
          });
          continue;
        }
        // Valid for N days or more ⇔ not "expires within N days": notAfter − asOf ≥ N × 24 h.
        if (!isWithinDays(asOf, notAfter, minDays)) continue;
        const expiry = notAfter.toISOString().slice(0, 10);
        const detail =
          notAfter.getTime() <= asOf.getTime()
            ? `${name}: expired on ${expiry} (${ageInDays(notAfter, asOf)} days ago)`
            : `${name}: expires on ${expiry} (${ageInDays(asOf, notAfter)} days left)`;
        offenders.push({ kind: "certificate", id: certificate.certificateArn, region, detail });
      }
      return { subjects: inUse.length, offenders };
    }),
    {
      fail: (offenders) =>
        `${plural(offenders.length, "in-use certificate")} ${agree(offenders.length, "is", "are")} valid for less than ${minDays} days: ` +
        `${listForReason(offenders.map((offender) => `${offender.detail} (${offender.region})`))}. Renew or replace ${agree(offenders.length, "it", "them")}.`,
      pass: (subjects) => `Each of ${plural(subjects, "in-use certificate")} is valid for ${minDays} days or more.`,
      empty: "No ACM certificate is in use in the configured regions.",
    },
  );
};

export const NETWORK_RULES: Record<string, ControlRule> = {
  "NET-1": NET_1,
  "NET-2": NET_2,
  "NET-3": NET_3,
  "NET-4": NET_4,
  "NET-5": NET_5,
  "NET-6": NET_6,
  "NET-7": NET_7,
  "NET-8": NET_8,
};
