import type { CloudTrailEvidence, TrailEvidence } from "../../evidence/cloudtrail";
import type { ConfigRecorderEvidence, ConfigServiceEvidence } from "../../evidence/config-service";
import type { ChangeDraft, EvidenceDiff } from "./types";
import { addedAndRemoved, pairByKey, sameJson } from "./types";

// Trails (TRAIL-1, 2, 3, 5) and the Config recorder (DET-1): what their controls judge, compared field
// by field; delivery times and statuses that move on every sync are left out.

/** The trail settings that change what is logged, in the order of the controls they touch. */
function trailSettings(trail: TrailEvidence) {
  return {
    isLogging: trail.status?.isLogging ?? null,
    isMultiRegionTrail: trail.isMultiRegionTrail,
    includeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    eventSelectors: trail.eventSelectors,
    advancedEventSelectors: trail.advancedEventSelectors,
    logFileValidationEnabled: trail.logFileValidationEnabled,
    cloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn,
    kmsKeyId: trail.kmsKeyId,
    s3BucketName: trail.s3BucketName,
  };
}
type TrailSettings = ReturnType<typeof trailSettings>;

const TRAIL_FIELD_CONTROL: Record<keyof TrailSettings, string> = {
  isLogging: "TRAIL-1",
  isMultiRegionTrail: "TRAIL-1",
  includeGlobalServiceEvents: "TRAIL-1",
  eventSelectors: "TRAIL-1",
  advancedEventSelectors: "TRAIL-1",
  logFileValidationEnabled: "TRAIL-2",
  cloudWatchLogsLogGroupArn: "TRAIL-3",
  kmsKeyId: "TRAIL-5",
  s3BucketName: "TRAIL-8",
};

const TRAIL_FIELD_WORDS: Record<keyof TrailSettings, string> = {
  isLogging: "logging",
  isMultiRegionTrail: "multi-region",
  includeGlobalServiceEvents: "global service events",
  eventSelectors: "event selectors",
  advancedEventSelectors: "advanced event selectors",
  logFileValidationEnabled: "log file validation",
  cloudWatchLogsLogGroupArn: "CloudWatch Logs group",
  kmsKeyId: "KMS key",
  s3BucketName: "S3 bucket",
};

function show(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "string" || typeof value === "number") return String(value);
  return "changed";
}

export const diffTrails: EvidenceDiff<Pick<CloudTrailEvidence, "trails">> = (before, after) => {
  const { both, removed, added } = pairByKey(before.trails, after.trails, (trail) => trail.arn);
  const changes: ChangeDraft[] = [];
  for (const [was, is] of both) {
    const old = trailSettings(was);
    const now = trailSettings(is);
    const fields = (Object.keys(now) as (keyof TrailSettings)[]).filter((field) => !sameJson(old[field], now[field]));
    if (fields.length === 0) continue;
    const words = fields.map((field) =>
      typeof now[field] === "object" && now[field] !== null
        ? `${TRAIL_FIELD_WORDS[field]} changed`
        : `${TRAIL_FIELD_WORDS[field]} ${show(old[field])} → ${show(now[field])}`,
    );
    changes.push({
      kind: "trail",
      resourceKind: "trail",
      resourceId: is.arn,
      action: "MODIFIED",
      before: Object.fromEntries(fields.map((field) => [field, old[field]])),
      after: Object.fromEntries(fields.map((field) => [field, now[field]])),
      controlId: TRAIL_FIELD_CONTROL[fields[0]!],
      summary: `Trail ${is.name}: ${words.join("; ")}`,
    });
  }
  return [
    ...changes,
    ...addedAndRemoved(added, removed, {
      kind: "trail",
      resourceKind: "trail",
      resourceId: (trail) => trail.arn,
      state: trailSettings,
      controlId: () => "TRAIL-1",
      created: (trail) => `Trail ${trail.name} created`,
      deleted: (trail) => `Trail ${trail.name} deleted`,
    }),
  ];
};

function recorderSettings(recorder: ConfigRecorderEvidence) {
  return {
    recording: recorder.recording,
    allSupported: recorder.allSupported,
    includeGlobalResourceTypes: recorder.includeGlobalResourceTypes,
    recordingStrategy: recorder.recordingStrategy,
    resourceTypes: [...recorder.resourceTypes].sort(),
    excludedResourceTypes: [...recorder.excludedResourceTypes].sort(),
    roleArn: recorder.roleArn,
  };
}
type RecorderSettings = ReturnType<typeof recorderSettings>;

export const diffConfigRecorders: EvidenceDiff<Pick<ConfigServiceEvidence, "recorders">> = (before, after) => {
  const { both, removed, added } = pairByKey(before.recorders, after.recorders, (recorder) => recorder.name);
  const changes: ChangeDraft[] = [];
  for (const [was, is] of both) {
    const old = recorderSettings(was);
    const now = recorderSettings(is);
    const fields = (Object.keys(now) as (keyof RecorderSettings)[]).filter(
      (field) => !sameJson(old[field], now[field]),
    );
    if (fields.length === 0) continue;
    const stopped = old.recording === true && now.recording !== true;
    changes.push({
      kind: "config-recorder",
      resourceKind: "config-recorder",
      resourceId: is.name,
      action: "MODIFIED",
      before: Object.fromEntries(fields.map((field) => [field, old[field]])),
      after: Object.fromEntries(fields.map((field) => [field, now[field]])),
      controlId: "DET-1",
      summary: `Config recorder ${is.name}: ${stopped ? "stopped recording" : `${fields.join(", ")} changed`}`,
    });
  }
  return [
    ...changes,
    ...addedAndRemoved(added, removed, {
      kind: "config-recorder",
      resourceKind: "config-recorder",
      resourceId: (recorder) => recorder.name,
      state: recorderSettings,
      controlId: () => "DET-1",
      created: (recorder) => `Config recorder ${recorder.name} created`,
      deleted: (recorder) => `Config recorder ${recorder.name} deleted`,
    }),
  ];
};
