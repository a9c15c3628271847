import type { Ec2Evidence, NetworkAclEntryEvidence, SecurityGroupPermission } from "../../evidence/ec2";
import type { ChangeDraft, EvidenceDiff } from "./types";
import { addedAndRemoved, pairByKey, setDifference } from "./types";

// Security-group rules and network-ACL entries (NET-1, NET-2, NET-3, NET-5): one change per group or
// ACL whose rules differ, with the rules added and removed as before/after.

const INTERNET = new Set(["0.0.0.0/0", "::/0"]);
const REMOTE_ADMIN_PORTS = [22, 3389];

/** One rule per permission and source, as a line a consultant reads: "ingress tcp 3389 from 0.0.0.0/0". */
export function securityGroupRuleLines(
  direction: "ingress" | "egress",
  permissions: readonly SecurityGroupPermission[],
) {
  return permissions.flatMap((permission) => {
    const protocol = permission.ipProtocol === "-1" ? "all" : permission.ipProtocol;
    const ports =
      permission.fromPort === null || permission.ipProtocol === "-1"
        ? ""
        : permission.fromPort === permission.toPort
          ? ` ${permission.fromPort}`
          : ` ${permission.fromPort}-${permission.toPort}`;
    const sources = [
      ...permission.ipv4Ranges,
      ...permission.ipv6Ranges,
      ...permission.referencedGroupIds,
      ...permission.prefixListIds,
    ];
    return sources.map(
      (source) => `${direction} ${protocol}${ports} ${direction === "ingress" ? "from" : "to"} ${source}`,
    );
  });
}

function opensRemoteAdminToInternet(line: string): boolean {
  const match = /^ingress (\S+)(?: (\d+)(?:-(\d+))?)? from (\S+)$/.exec(line);
  if (!match || !INTERNET.has(match[4]!)) return false;
  const [protocol, from, to] = [match[1]!, match[2], match[3] ?? match[2]];
  if (protocol === "all") return true;
  if (protocol !== "tcp" && protocol !== "6") return false;
  if (from === undefined) return true;
  return REMOTE_ADMIN_PORTS.some((port) => Number(from) <= port && port <= Number(to));
}

function ingressFromInternet(line: string): boolean {
  return line.startsWith("ingress ") && [...INTERNET].some((cidr) => line.endsWith(` from ${cidr}`));
}

function securityGroupControl(groupName: string, lines: readonly string[]): string {
  if (lines.some(opensRemoteAdminToInternet)) return "NET-1";
  if (groupName === "default") return "NET-3";
  return "NET-2";
}

function describeLines(added: readonly string[], removed: readonly string[]): string {
  return [
    ...(added.length > 0 ? [`added ${added.join("; ")}`] : []),
    ...(removed.length > 0 ? [`removed ${removed.join("; ")}`] : []),
  ].join(", ");
}

export const diffSecurityGroups: EvidenceDiff<Pick<Ec2Evidence, "securityGroups">> = (before, after) => {
  const linesOf = (group: Ec2Evidence["securityGroups"][number]) =>
    [...securityGroupRuleLines("ingress", group.ingress), ...securityGroupRuleLines("egress", group.egress)].sort();
  const { both, removed, added } = pairByKey(before.securityGroups, after.securityGroups, (group) => group.groupId);
  const changes: ChangeDraft[] = [];
  for (const [was, is] of both) {
    const difference = setDifference(linesOf(was), linesOf(is));
    if (difference.added.length === 0 && difference.removed.length === 0) continue;
    const exposure = difference.added.some(ingressFromInternet) ? " (now open to the internet)" : "";
    changes.push({
      kind: "security-group-rule",
      resourceKind: "security-group",
      resourceId: is.groupId,
      action: "MODIFIED",
      before: { groupName: was.groupName, rules: linesOf(was) },
      after: { groupName: is.groupName, rules: linesOf(is) },
      controlId: securityGroupControl(is.groupName, [...difference.added, ...difference.removed]),
      summary: `Security group ${is.groupId} (${is.groupName}): ${describeLines(difference.added, difference.removed)}${exposure}`,
    });
  }
  return [
    ...changes,
    ...addedAndRemoved(added, removed, {
      kind: "security-group-rule",
      resourceKind: "security-group",
      resourceId: (group) => group.groupId,
      state: (group) => ({ groupName: group.groupName, rules: linesOf(group) }),
      controlId: (group) => securityGroupControl(group.groupName, linesOf(group)),
      created: (group) => {
        const rules = linesOf(group);
        return `Security group ${group.groupId} (${group.groupName}) created${rules.length > 0 ? ` with ${rules.join("; ")}` : ""}`;
      },
      deleted: (group) => `Security group ${group.groupId} (${group.groupName}) deleted`,
    }),
  ];
};

/** "#100 ingress allow tcp 22 from 0.0.0.0/0": rule number, direction, action, protocol, ports, CIDR. */
export function networkAclEntryLine(entry: NetworkAclEntryEvidence): string {
  const protocol =
    entry.protocol === "-1" ? "all" : entry.protocol === "6" ? "tcp" : entry.protocol === "17" ? "udp" : entry.protocol;
  const ports = entry.portRange
    ? entry.portRange.from === entry.portRange.to
      ? ` ${entry.portRange.from}`
      : ` ${entry.portRange.from}-${entry.portRange.to}`
    : "";
  const direction = entry.egress ? "egress" : "ingress";
  const cidr = entry.cidrBlock ?? entry.ipv6CidrBlock ?? "?";
  return `#${entry.ruleNumber} ${direction} ${entry.ruleAction} ${protocol}${ports} ${entry.egress ? "to" : "from"} ${cidr}`;
}

export const diffNetworkAcls: EvidenceDiff<Pick<Ec2Evidence, "networkAcls">> = (before, after) => {
  const linesOf = (acl: Ec2Evidence["networkAcls"][number]) => acl.entries.map(networkAclEntryLine).sort();
  const { both, removed, added } = pairByKey(before.networkAcls, after.networkAcls, (acl) => acl.networkAclId);
  const changes: ChangeDraft[] = [];
  for (const [was, is] of both) {
    const difference = setDifference(linesOf(was), linesOf(is));
    if (difference.added.length === 0 && difference.removed.length === 0) continue;
    changes.push({
      kind: "nacl-entry",
      resourceKind: "network-acl",
      resourceId: is.networkAclId,
      action: "MODIFIED",
      before: { entries: linesOf(was) },
      after: { entries: linesOf(is) },
      controlId: "NET-5",
      summary: `Network ACL ${is.networkAclId}: ${describeLines(difference.added, difference.removed)}`,
    });
  }
  return [
    ...changes,
    ...addedAndRemoved(added, removed, {
      kind: "nacl-entry",
      resourceKind: "network-acl",
      resourceId: (acl) => acl.networkAclId,
      state: (acl) => ({ entries: linesOf(acl) }),
      controlId: () => "NET-5",
      created: (acl) => `Network ACL ${acl.networkAclId} created`,
      deleted: (acl) => `Network ACL ${acl.networkAclId} deleted`,
    }),
  ];
};
