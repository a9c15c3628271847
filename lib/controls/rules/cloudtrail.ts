import {
  type AdvancedEventSelectorEvidence,
  type BucketEvidence,
  GLOBAL_SCOPE_LABEL,
  type PublicAccessBlockEvidence,
  type S3Evidence,
  type TrailEvidence,
} from "../../evidence/contract";
import {
  ageInDays,
  fail,
  isWithinDays,
  listForReason,
  missingEvidence,
  notApplicable,
  parseEvidenceDate,
  pass,
} from "../outcome";
import type { AccountContext, ControlOutcome, ControlRule, Offender } from "../types";
import { agree, plural } from "./regions";

// CloudTrail controls TRAIL-1..9 (SOP 000 §2, 003 §7.1/§9, 004 §5; CIS 3.1–3.6). TRAIL-1 finds the
// qualifying trails; TRAIL-2..9 judge only those, and are NOT_APPLICABLE when none qualifies.

const NO_QUALIFYING_TRAIL =
  "No trail is multi-region, logging and recording management read and write events (see TRAIL-1).";

/** Shadow copies of a multi-region trail share its ARN: keep one per ARN (the collector does too). */
export function distinctTrails(trails: readonly TrailEvidence[]): TrailEvidence[] {
  const byArn = new Map<string, TrailEvidence>();
  for (const trail of trails) if (!byArn.has(trail.arn)) byArn.set(trail.arn, trail);
  return [...byArn.values()];
}

/** Classic selectors: those including management events cover reads and writes together (All, or ReadOnly + WriteOnly). */
function classicSelectorsRecordManagementReadWrite(trail: TrailEvidence): boolean {
  const types = new Set(
    trail.eventSelectors
      .filter((selector) => selector.includeManagementEvents)
      // ReadWriteType defaults to All when omitted (CloudTrail EventSelector API reference).
      .map((selector) => (selector.readWriteType ?? "All").trim().toLowerCase()),
  );
  return types.has("all") || (types.has("readonly") && types.has("writeonly"));
}

function fieldIs(name: string, expected: string): boolean {
  return name.trim().toLowerCase() === expected.toLowerCase();
}

/** An advanced selector for the Management category with no readOnly filter records reads and writes. */
function isManagementReadWriteSelector(selector: AdvancedEventSelectorEvidence): boolean {
  const selectsManagement = selector.fieldSelectors.some(
    (field) =>
      fieldIs(field.field, "eventCategory") &&
      field.equals.some((value) => value.trim().toLowerCase() === "management"),
  );
  const filtersReadOnly = selector.fieldSelectors.some((field) => fieldIs(field.field, "readOnly"));
  return selectsManagement && !filtersReadOnly;
}

export function recordsManagementReadWrite(trail: TrailEvidence): boolean {
  return (
    classicSelectorsRecordManagementReadWrite(trail) || trail.advancedEventSelectors.some(isManagementReadWriteSelector)
  );
}

/** Why a trail does not qualify for TRAIL-1; empty when it qualifies. */
export function trailShortcomings(trail: TrailEvidence): string[] {
  const problems: string[] = [];
  if (!trail.isMultiRegionTrail) problems.push("not multi-region");
  if (trail.status === null) problems.push(`its home region ${trail.homeRegion} reports no status`);
  else if (!trail.status.isLogging) problems.push("logging is stopped");
  if (!recordsManagementReadWrite(trail)) problems.push("does not record management read and write events");
  return problems;
}

export function qualifyingTrails(trails: readonly TrailEvidence[]): TrailEvidence[] {
  return distinctTrails(trails).filter((trail) => trailShortcomings(trail).length === 0);
}

type TrailSlotResult = { outcome: ControlOutcome } | { trails: TrailEvidence[]; asOf: Date };

/** The account's trails, or the outcome when CloudTrail evidence is missing. */
function readTrails(context: AccountContext): TrailSlotResult {
  const slot = context.evidence.get("cloudtrail", GLOBAL_SCOPE_LABEL);
  if (slot.state !== "COLLECTED") {
    return { outcome: missingEvidence(slot, "cloudtrail", GLOBAL_SCOPE_LABEL) as ControlOutcome };
  }
  return { trails: distinctTrails(slot.data.trails), asOf: slot.asOf };
}

/** Runs `judge` on the qualifying trails; UNKNOWN without CloudTrail evidence, NOT_APPLICABLE without a qualifying trail. */
function withQualifyingTrails(
  context: AccountContext,
  judge: (trails: TrailEvidence[], asOf: Date) => ControlOutcome,
): ControlOutcome {
  const read = readTrails(context);
  if ("outcome" in read) return read.outcome;
  const trails = qualifyingTrails(read.trails);
  if (trails.length === 0) return notApplicable(NO_QUALIFYING_TRAIL);
  return judge(trails, read.asOf);
}

function trailOffender(trail: TrailEvidence, detail: string): Offender {
  return { kind: "trail", id: trail.arn, region: trail.homeRegion, detail };
}

function describeTrailOffenders(offenders: readonly Offender[]): string {
  return listForReason(offenders.map((offender) => `${trailNameOf(offender.id)} (${offender.detail})`));
}

function trailNames(offenders: readonly Offender[]): string {
  return listForReason(offenders.map((offender) => trailNameOf(offender.id)));
}

function trailNameOf(arn: string): string {
  return /:trail\/(.+)$/.exec(arn)?.[1] ?? arn;
}

// ---------------------------------------------------------------------------------------------- TRAIL-1

const TRAIL_1: ControlRule = (context) => {
  const read = readTrails(context);
  if ("outcome" in read) return read.outcome;
  const qualifying = qualifyingTrails(read.trails);
  if (qualifying.length > 0) {
    return pass(
      `${listForReason(qualifying.map((trail) => trail.name))} ${agree(qualifying.length, "is a", "are")} multi-region ` +
        `${agree(qualifying.length, "trail", "trails")} logging management read and write events.`,
    );
  }
  if (read.trails.length === 0) {
    return fail("No CloudTrail trail exists. Create a multi-region trail that logs management read and write events.", [
      { kind: "account", id: context.account.accountNumber, detail: "no CloudTrail trail" },
    ]);
  }
  const offenders = read.trails.map((trail) => trailOffender(trail, trailShortcomings(trail).join("; ")));
  return fail(
    `No trail is multi-region, logging and recording management read and write events: ${describeTrailOffenders(offenders)}. ` +
      "Fix one of these trails or create a multi-region trail logging all management events.",
    offenders,
  );
};

// ---------------------------------------------------------------------------------------------- TRAIL-2, 3, 5

/** Every qualifying trail must meet `check` (which returns what is wrong, or null). */
function everyQualifyingTrail(
  context: AccountContext,
  check: (trail: TrailEvidence, asOf: Date) => string | null,
  reasons: { fail: (offenders: Offender[]) => string; pass: string },
): ControlOutcome {
  return withQualifyingTrails(context, (trails, asOf) => {
    const offenders = trails.flatMap((trail) => {
      const problem = check(trail, asOf);
      return problem ? [trailOffender(trail, problem)] : [];
    });
    return offenders.length > 0 ? fail(reasons.fail(offenders), offenders) : pass(reasons.pass);
  });
}

const TRAIL_2: ControlRule = (context) =>
  everyQualifyingTrail(context, (trail) => (trail.logFileValidationEnabled ? null : "log file validation off"), {
    fail: (offenders) =>
      `Log file validation is off on ${plural(offenders.length, "trail")}: ${trailNames(offenders)}. Turn it on.`,
    pass: "Every qualifying trail has log file validation enabled.",
  });

const TRAIL_3: ControlRule = (context) =>
  everyQualifyingTrail(
    context,
    (trail, asOf) => {
      if (!trail.cloudWatchLogsLogGroupArn) return "no CloudWatch Logs log group";
      const delivered = parseEvidenceDate(trail.status?.latestCloudWatchLogsDeliveryTime);
      const error = trail.status?.latestCloudWatchLogsDeliveryError;
      const errorNote = error ? `, last error ${error}` : "";
      if (!delivered) return `never delivered to CloudWatch Logs${errorNote}`;
      if (isWithinDays(delivered, asOf, 1)) return null;
      return `last delivered to CloudWatch Logs ${plural(ageInDays(delivered, asOf), "day")} ago${errorNote}`;
    },
    {
      fail: (offenders) =>
        `${plural(offenders.length, "trail")} ${agree(offenders.length, "is", "are")} not delivering to CloudWatch Logs: ` +
        `${describeTrailOffenders(offenders)}. Configure the log group and the delivery role, and check delivery errors.`,
      pass: "Every qualifying trail delivered to CloudWatch Logs within the last day.",
    },
  );

const TRAIL_5: ControlRule = (context) =>
  everyQualifyingTrail(context, (trail) => (trail.kmsKeyId ? null : "no KMS key"), {
    fail: (offenders) =>
      `${plural(offenders.length, "trail")} ${agree(offenders.length, "is", "are")} not encrypted with a KMS key (SSE-KMS): ` +
      `${trailNames(offenders)}. Set a KMS key on ${agree(offenders.length, "it", "them")}.`,
    pass: "Every qualifying trail encrypts its logs with a KMS key.",
  });

// ---------------------------------------------------------------------------------------------- TRAIL-4

const TRAIL_4: ControlRule = (context) => {
  const minDays = context.params.logRetentionMinDays;
  return withQualifyingTrails(context, (trails) => {
    const delivering = trails.filter((trail) => trail.cloudWatchLogsLogGroupArn);
    if (delivering.length === 0) {
      // SOP 000 §2 asks for the logs in CloudWatch with 180 days' retention.
      const offenders = trails.map((trail) => trailOffender(trail, "no CloudWatch Logs log group"));
      return fail(
        `No qualifying trail delivers to CloudWatch Logs: ${trailNames(offenders)}. ` +
          `Send a trail to a log group kept for at least ${minDays} days (SOP 000 §2).`,
        offenders,
      );
    }
    const satisfied: string[] = [];
    const elsewhere: string[] = [];
    const offenders: Offender[] = [];
    for (const trail of delivering) {
      const group = trail.logGroup;
      if (group && !group.inThisAccount) {
        elsewhere.push(`${group.name} (account ${group.accountId})`);
        continue;
      }
      if (!group?.found) {
        offenders.push({
          kind: "log-group",
          id: group?.name ?? trail.cloudWatchLogsLogGroupArn ?? "",
          region: group?.region,
          detail: `log group of trail ${trail.name} not found`,
        });
        continue;
      }
      if (group.retentionInDays === null || group.retentionInDays >= minDays) {
        satisfied.push(group.name);
        continue;
      }
      offenders.push({
        kind: "log-group",
        id: group.name,
        region: group.region,
        detail: `retention ${group.retentionInDays} days, needs ${minDays}, for trail ${trail.name}`,
      });
    }
    if (satisfied.length > 0) {
      return pass(
        `Trail log group ${listForReason([...new Set(satisfied)])} keeps logs for ${minDays} days or more (or never expires).`,
      );
    }
    if (offenders.length > 0) {
      return fail(
        `No qualifying trail's log group keeps logs for ${minDays} days: ` +
          `${listForReason(offenders.map((offender) => `${offender.id} (${offender.detail})`))}. ` +
          `Set its retention to ${minDays} days or more, or to never expire.`,
        offenders,
      );
    }
    return notApplicable(
      `The trail log group ${listForReason(elsewhere)} is in another account; judge its retention there.`,
    );
  });
};

// ---------------------------------------------------------------------------------------------- TRAIL-6..9

/** Effective block public access: S3 applies the most restrictive of the bucket's and the account's settings. */
function effectiveBlockFlagsOff(
  bucket: PublicAccessBlockEvidence | null,
  account: PublicAccessBlockEvidence | null,
): string[] {
  const flags: [keyof PublicAccessBlockEvidence, string][] = [
    ["blockPublicAcls", "BlockPublicAcls"],
    ["ignorePublicAcls", "IgnorePublicAcls"],
    ["blockPublicPolicy", "BlockPublicPolicy"],
    ["restrictPublicBuckets", "RestrictPublicBuckets"],
  ];
  return flags.filter(([key]) => !(bucket?.[key] || account?.[key])).map(([, name]) => name);
}

/**
 * Every qualifying trail's bucket must meet `check` (which returns what is wrong, or null). A bucket the
 * account's ListBuckets did not return belongs to another account: NOT_APPLICABLE here, with its name.
 */
function everyTrailBucket(
  context: AccountContext,
  check: (bucket: BucketEvidence, s3: S3Evidence) => string | null,
  reasons: { fail: (offenders: Offender[]) => string; pass: string },
): ControlOutcome {
  return withQualifyingTrails(context, (trails) => {
    const names = [...new Set(trails.flatMap((trail) => (trail.s3BucketName ? [trail.s3BucketName] : [])))];
    if (names.length === 0) return notApplicable("No qualifying trail names an S3 bucket.");
    const slot = context.evidence.get("s3", GLOBAL_SCOPE_LABEL);
    if (slot.state !== "COLLECTED") return missingEvidence(slot, "s3", GLOBAL_SCOPE_LABEL) as ControlOutcome;
    const offenders: Offender[] = [];
    const outside: string[] = [];
    let judged = 0;
    for (const name of names) {
      const bucket = slot.data.buckets.find((candidate) => candidate.name === name);
      if (!bucket) {
        outside.push(name);
        continue;
      }
      judged += 1;
      const problem = check(bucket, slot.data);
      if (problem) offenders.push({ kind: "bucket", id: bucket.name, region: bucket.region, detail: problem });
    }
    if (offenders.length > 0) return fail(reasons.fail(offenders), offenders);
    const outsideNote =
      outside.length > 0
        ? ` ${agree(outside.length, "Bucket", "Buckets")} ${listForReason(outside)} ${agree(outside.length, "is", "are")} outside this account.`
        : "";
    if (judged === 0) {
      return notApplicable(
        `The trail ${agree(outside.length, "bucket", "buckets")} ${listForReason(outside)} ${agree(outside.length, "is", "are")} ` +
          "outside this account; judge it in the account that owns it.",
      );
    }
    return pass(`${reasons.pass}${outsideNote}`);
  });
}

function bucketNames(offenders: readonly Offender[]): string {
  return listForReason(offenders.map((offender) => offender.id));
}

function describeBuckets(offenders: readonly Offender[]): string {
  return listForReason(offenders.map((offender) => `${offender.id} (${offender.detail})`));
}

const TRAIL_6: ControlRule = (context) =>
  everyTrailBucket(
    context,
    (bucket) =>
      bucket.versioningStatus?.trim().toLowerCase() === "enabled"
        ? null
        : `versioning ${bucket.versioningStatus ? bucket.versioningStatus.toLowerCase() : "never enabled"}`,
    {
      fail: (offenders) =>
        `Versioning is not enabled on trail ${agree(offenders.length, "bucket", "buckets")} ${describeBuckets(offenders)}. Enable it.`,
      pass: "Every trail bucket in this account has versioning enabled.",
    },
  );

const TRAIL_7: ControlRule = (context) =>
  everyTrailBucket(
    context,
    (bucket) => (bucket.mfaDelete?.trim().toLowerCase() === "enabled" ? null : "MFA delete not enabled"),
    {
      fail: (offenders) =>
        `MFA delete is not enabled on trail ${agree(offenders.length, "bucket", "buckets")} ${bucketNames(offenders)}. ` +
        "Enable it with the root user's MFA device.",
      pass: "Every trail bucket in this account has MFA delete enabled.",
    },
  );

const TRAIL_8: ControlRule = (context) =>
  everyTrailBucket(
    context,
    (bucket, s3) => {
      const problems: string[] = [];
      const flagsOff = effectiveBlockFlagsOff(bucket.publicAccessBlock, s3.accountPublicAccessBlock);
      if (flagsOff.length > 0) problems.push(`block public access off: ${flagsOff.join(", ")}`);
      // No bucket policy (NoSuchBucketPolicy) counts as not public.
      if (bucket.hasBucketPolicy && bucket.policyIsPublic) problems.push("bucket policy is public");
      return problems.length > 0 ? problems.join("; ") : null;
    },
    {
      fail: (offenders) =>
        `Trail ${agree(offenders.length, "bucket", "buckets")} ${describeBuckets(offenders)} ${agree(offenders.length, "is", "are")} ` +
        "not protected from public access. Turn on all four block public access settings and remove public policy statements.",
      pass: "Every trail bucket in this account blocks public access and has no public policy.",
    },
  );

const TRAIL_9: ControlRule = (context) =>
  everyTrailBucket(context, (bucket) => (bucket.logging ? null : "server access logging off"), {
    fail: (offenders) =>
      `Server access logging is off on trail ${agree(offenders.length, "bucket", "buckets")} ${bucketNames(offenders)}. ` +
      "Turn it on, delivering to a separate bucket.",
    pass: "Every trail bucket in this account has server access logging on.",
  });

export const TRAIL_RULES: Record<string, ControlRule> = {
  "TRAIL-1": TRAIL_1,
  "TRAIL-2": TRAIL_2,
  "TRAIL-3": TRAIL_3,
  "TRAIL-4": TRAIL_4,
  "TRAIL-5": TRAIL_5,
  "TRAIL-6": TRAIL_6,
  "TRAIL-7": TRAIL_7,
  "TRAIL-8": TRAIL_8,
  "TRAIL-9": TRAIL_9,
};
