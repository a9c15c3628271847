// The demo's 90-day story as data (../shared/spec/demo-portfolio.md, "History"): how each demo estate
// differed in the past from its file in this directory, which is always TODAY's state. The history
// replay (lib/demo/replay-history.ts) loads an account's file, applies the changes active on a past day
// and collects it through the real collectors on a simulator whose clock is set to that day, so the
// score trends come from the same sync and evaluation code as today's results.
//
// Relative dates in the estate files ("-120d") follow the simulator clock, so an unchanged estate looks
// the same on every replayed day: the trends move only where this timeline (or Rampart's own records,
// such as attestations and their expiry) says so.
import { mergePatch } from "../../estate/store";

const BLUEFIN_PROD = "314159265358";
const BLUEFIN_STAGING = "314159265359";
const BLUEFIN_LOG_ARCHIVE = "314159265360";
const MERIDIAN_DEV = "271828182846";
const QUASAR_PROD = "141421356237";

/** Edits of an estate document; `list` is a dotted path to a list such as "iam.users". */
export type EstateEdit =
  /** JSON Merge Patch (RFC 7386) of the whole document, for fields outside lists (`root`). */
  | { patch: Record<string, unknown> }
  /** JSON Merge Patch (RFC 7386) of every item whose fields equal `match`. */
  | { list: string; match: Record<string, unknown>; merge: Record<string, unknown> }
  /** Removes every item whose fields equal `match`. */
  | { list: string; match: Record<string, unknown>; remove: true }
  | { list: string; add: Record<string, unknown> };

export interface PastChange {
  accountId: string;
  /** What was different, as a consultant would tell it. */
  story: string;
  /** Days ago this state began; absent = before the history window. */
  fromDaysAgo?: number;
  /** Days ago it ended: from that day on the estate is as in its file. */
  untilDaysAgo: number;
  edits: EstateEdit[];
}

export interface DemoTimeline {
  /** Accounts connected to Rampart only this many days ago: no history before (others: the whole window). */
  onboardedDaysAgo: Readonly<Record<string, number>>;
  changes: readonly PastChange[];
}

export const DEMO_TIMELINE: DemoTimeline = {
  // Quasar is half onboarded (demo-portfolio.md): its first sync was 10 days ago, faults and all.
  onboardedDaysAgo: { [QUASAR_PROD]: 10 },
  changes: [
    // Bluefin Logistics improves over the quarter: the first review's findings are fixed in three rounds
    // (today only carla.finance lacks MFA, and the legacy archive key still does not rotate).
    {
      accountId: BLUEFIN_PROD,
      story: "dmitri.sre signed in to the console without MFA (as carla.finance still does)",
      untilDaysAgo: 70,
      edits: [{ list: "iam.users", match: { name: "dmitri.sre" }, merge: { mfa: "none" } }],
    },
    {
      accountId: BLUEFIN_STAGING,
      story: "alice.ops signed in to the staging console without MFA",
      untilDaysAgo: 70,
      edits: [{ list: "iam.users", match: { name: "alice.ops" }, merge: { mfa: "none" } }],
    },
    {
      accountId: BLUEFIN_LOG_ARCHIVE,
      story: "the log archive's root user had no MFA (the account was created by a contractor)",
      untilDaysAgo: 70,
      edits: [{ patch: { root: { mfa: "none" } } }],
    },
    {
      accountId: BLUEFIN_STAGING,
      story: "the staging data key had automatic rotation off",
      untilDaysAgo: 45,
      edits: [
        { list: "kms.keys", match: { description: "Bluefin staging data key" }, merge: { rotationEnabled: false } },
      ],
    },
    {
      accountId: BLUEFIN_STAGING,
      story: "a debugging rule left SSH open to the internet on the staging web servers",
      untilDaysAgo: 45,
      edits: [
        {
          list: "ec2.securityGroups",
          match: { id: "sg-0b1f0b0000000102" },
          merge: {
            ingress: [
              { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["10.0.0.0/8"] },
              { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], description: "debugging" },
            ],
          },
        },
      ],
    },
    {
      accountId: BLUEFIN_PROD,
      story: "no VPC flow logs in eu-west-1",
      untilDaysAgo: 20,
      edits: [{ list: "ec2.flowLogs", match: { id: "fl-0b1f0a0000000002" }, remove: true }],
    },
    // Bluefin's patching, the findings side of the same three rounds (issue 19 §10: the findings chart shows
    // the fixes): Inspector findings present when the window starts, or raised during it, closed by a patch.
    {
      accountId: BLUEFIN_PROD,
      story: "the jumpbox's OpenSSH had CVE-2023-38408 (critical) until the first round patched it",
      untilDaysAgo: 70,
      edits: [
        {
          list: "inspector.findings",
          add: {
            id: "b1f0a0demo0000000000000000000701",
            title: "CVE-2023-38408 - openssh",
            severity: "CRITICAL",
            region: "us-east-1",
            firstObservedAt: "-40d",
            inspectorScore: 9.8,
            vulnerabilityId: "CVE-2023-38408",
            packageName: "openssh",
            resource: { id: "i-0b1f0a00000000a02", tags: { Name: "jumpbox" } },
          },
        },
        {
          list: "inspector.findings",
          add: {
            id: "b1f0a0demo0000000000000000000702",
            title: "CVE-2023-4911 - glibc",
            severity: "HIGH",
            region: "eu-west-1",
            firstObservedAt: "-25d",
            inspectorScore: 7.8,
            vulnerabilityId: "CVE-2023-4911",
            packageName: "glibc",
            resource: { id: "i-0b1f0a00000000b01" },
          },
        },
      ],
    },
    {
      accountId: BLUEFIN_STAGING,
      story: "the staging web servers ran an OpenSSL and a curl with known flaws until the second round",
      untilDaysAgo: 45,
      edits: [
        {
          list: "inspector.findings",
          add: {
            id: "b1f0b0demo0000000000000000000451",
            title: "CVE-2023-5363 - openssl",
            severity: "HIGH",
            region: "us-east-1",
            firstObservedAt: "-30d",
            inspectorScore: 7.5,
            vulnerabilityId: "CVE-2023-5363",
            packageName: "openssl",
            resource: { id: "i-0b1f0b00000000a01" },
          },
        },
        {
          list: "inspector.findings",
          add: {
            id: "b1f0b0demo0000000000000000000452",
            title: "CVE-2023-38545 - curl",
            severity: "CRITICAL",
            region: "us-east-1",
            firstObservedAt: "-20d",
            inspectorScore: 9.8,
            vulnerabilityId: "CVE-2023-38545",
            packageName: "curl",
            resource: { id: "i-0b1f0b00000000a01" },
          },
        },
      ],
    },
    {
      accountId: BLUEFIN_PROD,
      story: "a glibc flaw published mid-quarter, found on the tracking servers and patched in the third round",
      fromDaysAgo: 58,
      untilDaysAgo: 20,
      edits: [
        {
          list: "inspector.findings",
          add: {
            id: "b1f0a0demo0000000000000000000201",
            title: "CVE-2024-2961 - glibc",
            severity: "HIGH",
            region: "us-east-1",
            firstObservedAt: "-1d",
            inspectorScore: 7.3,
            vulnerabilityId: "CVE-2024-2961",
            packageName: "glibc",
            resource: { id: "i-0b1f0a00000000a01" },
          },
        },
      ],
    },
    // Meridian's dev account drifted 21 days ago: a vendor got RDP from the internet to a build agent given
    // a public IP, and the EHR dev database was made public (which the Config rule flags). Before, it was clean.
    {
      accountId: MERIDIAN_DEV,
      story: "before the drift: RDP only from the VPC, no public IP on the build agent",
      untilDaysAgo: 21,
      edits: [
        {
          list: "ec2.securityGroups",
          match: { id: "sg-0e1d0b0000000102" },
          merge: { ingress: [{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrs: ["10.41.0.0/16"] }] },
        },
        { list: "ec2.instances", match: { id: "i-0e1d0b00000000a01" }, merge: { publicIp: null } },
      ],
    },
    {
      accountId: MERIDIAN_DEV,
      story: "before the drift: the EHR dev database was private and its Config rule compliant",
      untilDaysAgo: 21,
      edits: [
        { list: "rds.instances", match: { identifier: "meridian-ehr-dev" }, merge: { publiclyAccessible: false } },
        {
          list: "config.rules",
          match: { name: "rds-instance-public-access-check" },
          merge: {
            evaluations: [
              { resourceType: "AWS::RDS::DBInstance", resourceId: "db-MERIDIANDEVEHR01", complianceType: "COMPLIANT" },
            ],
          },
        },
      ],
    },
    // Pinecone Retail: nothing changed in 90 days (the neglected customer's trend is flat).
  ],
};

/**
 * Accounts whose timeline changes Rampart shows as configuration changes nobody requested (issue 15,
 * lib/demo/replay-changes.ts): Meridian's dev drift 21 days ago, with its alerts. Bluefin's fixes are not
 * replayed as detected changes: they belong to its log of requested changes.
 */
export const DEMO_UNREQUESTED_CHANGE_ACCOUNTS: readonly string[] = [MERIDIAN_DEV];

/** Whether a change describes the estate on the day `daysAgo` days before today. */
export function isChangeActive(change: PastChange, daysAgo: number): boolean {
  return daysAgo > change.untilDaysAgo && daysAgo <= (change.fromDaysAgo ?? Number.POSITIVE_INFINITY);
}

/** The account's estate document as it was `daysAgo` days ago: its file's document with the active changes. */
export function estateOnDay(
  document: unknown,
  accountId: string,
  daysAgo: number,
  timeline: DemoTimeline = DEMO_TIMELINE,
): unknown {
  let estate = structuredClone(document) as Record<string, unknown>;
  for (const change of timeline.changes) {
    if (change.accountId !== accountId || !isChangeActive(change, daysAgo)) continue;
    for (const edit of change.edits) estate = applyEdit(estate, edit, `${accountId} (${change.story})`);
  }
  return estate;
}

/** Days (ago) on which the account's estate changes: the replay collects it afresh on each of them. */
export function changeDaysOf(accountId: string, timeline: DemoTimeline = DEMO_TIMELINE): number[] {
  const days = timeline.changes
    .filter((change) => change.accountId === accountId)
    .flatMap((change) => [change.untilDaysAgo, ...(change.fromDaysAgo === undefined ? [] : [change.fromDaysAgo])]);
  return [...new Set(days)].sort((a, b) => b - a);
}

/** Applies one edit; lists are edited in place (the document is the caller's clone). */
function applyEdit(estate: Record<string, unknown>, edit: EstateEdit, where: string): Record<string, unknown> {
  if ("patch" in edit) return mergePatch(estate, edit.patch) as Record<string, unknown>;
  const list = listAt(estate, edit.list, where);
  if ("add" in edit) {
    list.push(structuredClone(edit.add));
    return estate;
  }
  const matches = (item: unknown) =>
    typeof item === "object" &&
    item !== null &&
    Object.entries(edit.match).every(
      ([key, value]) => JSON.stringify((item as Record<string, unknown>)[key]) === JSON.stringify(value),
    );
  const positions = list.flatMap((item, position) => (matches(item) ? [position] : []));
  // A timeline that no longer matches its estate file must fail loudly, not replay a story that did not happen.
  if (positions.length === 0)
    throw new Error(`Demo timeline: no item of ${edit.list} matches ${JSON.stringify(edit.match)} in ${where}`);
  if ("remove" in edit) {
    for (const position of positions.reverse()) list.splice(position, 1);
  } else {
    for (const position of positions) list[position] = mergePatch(list[position], edit.merge);
  }
  return estate;
}

function listAt(estate: Record<string, unknown>, dottedPath: string, where: string): unknown[] {
  let node: unknown = estate;
  for (const key of dottedPath.split(".")) node = (node as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(node)) throw new Error(`Demo timeline: ${dottedPath} is not a list in ${where}`);
  return node;
}
