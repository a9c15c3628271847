import type { ConfigRecorderEvidence, Inspector2Evidence } from "../../evidence/contract";
import { failedCallsFor, gapOfCalls } from "../evidence-needs";
import {
  ageInDays,
  combineOutcomes,
  fail,
  isWithinDays,
  listForReason,
  notApplicable,
  parseEvidenceDate,
  pass,
  unknown,
} from "../outcome";
import type { ControlOutcome, ControlRule, Offender } from "../types";
import { readRegions } from "./regions";

// Detection and response (controls.md §7; SOP 000 §7, 003 §7.2–7.3). DET-7 is attested, not evaluated here.

const NO_REGION = "No region is configured for this account.";

/** A region that falls short, with a short phrase for the reason ("eu-west-1 (no detector)"). */
interface RegionShortfall {
  phrase: string;
  offenders: Offender[];
}

function shortfallOutcome(lead: string, shortfalls: RegionShortfall[]): ControlOutcome | null {
  if (shortfalls.length === 0) return null;
  return fail(
    `${lead} ${listForReason(shortfalls.map((shortfall) => shortfall.phrase))}.`,
    shortfalls.flatMap((shortfall) => shortfall.offenders),
  );
}

// ---------- DET-1: AWS Config recorder ----------

/** Config's global resource types: the IAM ones, recorded only when a recorder asks for them (RecordingGroup docs). */
const GLOBAL_IAM_RESOURCE_TYPES = ["AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role", "AWS::IAM::Policy"];

function recorderProblems(recorder: ConfigRecorderEvidence): string[] {
  const problems: string[] = [];
  if (!recorder.allSupported) problems.push("records only selected resource types");
  if (recorder.recording !== true) problems.push(recorder.recording === null ? "reports no status" : "is stopped");
  if (recorder.lastStatus === "FAILURE") {
    problems.push(`last recording failed${recorder.lastErrorCode ? ` (${recorder.lastErrorCode})` : ""}`);
  }
  return problems;
}

/**
 * Whether the recorder records the global IAM types: `includeGlobalResourceTypes` (with all supported types), an
 * inclusion list naming all four, or the exclusion strategy without excluding any of them (ExclusionByResourceTypes docs).
 */
export function recordsGlobalResourceTypes(recorder: ConfigRecorderEvidence): boolean {
  if (recorder.allSupported && recorder.includeGlobalResourceTypes) return true;
  if (recorder.recordingStrategy === "INCLUSION_BY_RESOURCE_TYPES") {
    return GLOBAL_IAM_RESOURCE_TYPES.every((type) => recorder.resourceTypes.includes(type));
  }
  if (recorder.recordingStrategy === "EXCLUSION_BY_RESOURCE_TYPES") {
    return GLOBAL_IAM_RESOURCE_TYPES.every((type) => !recorder.excludedResourceTypes.includes(type));
  }
  return false;
}

const evaluateConfigRecorder: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "config-service");
  const shortfalls: RegionShortfall[] = [];
  const passingRegions: string[] = [];
  for (const { region, data } of collected) {
    if (data.recorders.length === 0) {
      shortfalls.push({
        phrase: `${region} (no recorder)`,
        offenders: [{ kind: "region", id: region, region, detail: "no AWS Config configuration recorder" }],
      });
      continue;
    }
    if (data.recorders.some((recorder) => recorderProblems(recorder).length === 0)) {
      passingRegions.push(region);
      continue;
    }
    shortfalls.push({
      phrase: `${region} (${data.recorders
        .map((recorder) => `recorder ${recorder.name} ${recorderProblems(recorder).join(" and ")}`)
        .join("; ")})`,
      offenders: data.recorders.map((recorder) => ({
        kind: "config-recorder",
        id: recorder.name,
        region,
        detail: recorderProblems(recorder).join("; "),
      })),
    });
  }

  const globalRegion = collected.find(({ data }) =>
    data.recorders.some((recorder) => recorder.recording === true && recordsGlobalResourceTypes(recorder)),
  )?.region;
  const outcomes: ControlOutcome[] = [...gaps];
  const regionalFailure = shortfallOutcome("AWS Config is not recording all resources in", shortfalls);
  if (regionalFailure) outcomes.push(regionalFailure);
  // With a region unread, the global types may be recorded there: the gap already makes the result UNKNOWN.
  if (!globalRegion && collected.length > 0 && gaps.length === 0) {
    outcomes.push(
      fail(
        "No recording AWS Config recorder records the global IAM resource types; turn on includeGlobalResourceTypes in one region.",
        [
          {
            kind: "account",
            id: context.account.accountNumber,
            detail: "global IAM resource types (users, groups, roles, policies) are recorded in no configured region",
          },
        ],
      ),
    );
  }
  if (passingRegions.length > 0 && globalRegion) {
    outcomes.push(
      pass(
        `AWS Config records all resources in ${listForReason(passingRegions)}, and the global IAM resource types in ${globalRegion}.`,
      ),
    );
  }
  return combineOutcomes(outcomes, NO_REGION);
};

// ---------- DET-2: GuardDuty ----------

const evaluateGuardDuty: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "guardduty");
  const shortfalls: RegionShortfall[] = [];
  const passingRegions: string[] = [];
  for (const { region, data } of collected) {
    if (data.detectors.some((detector) => detector.status?.toUpperCase() === "ENABLED")) {
      passingRegions.push(region);
    } else if (data.detectors.length === 0) {
      shortfalls.push({
        phrase: `${region} (no detector)`,
        offenders: [{ kind: "region", id: region, region, detail: "no GuardDuty detector" }],
      });
    } else {
      shortfalls.push({
        phrase: `${region} (${data.detectors
          .map((detector) => `detector ${detector.detectorId} is ${detector.status ?? "in an unknown state"}`)
          .join(", ")})`,
        offenders: data.detectors.map((detector) => ({
          kind: "guardduty-detector",
          id: detector.detectorId,
          region,
          detail: `status ${detector.status ?? "not reported"}`,
        })),
      });
    }
  }
  const outcomes: ControlOutcome[] = [...gaps];
  const failure = shortfallOutcome("GuardDuty is not enabled in", shortfalls);
  if (failure) outcomes.push(failure);
  if (passingRegions.length > 0) outcomes.push(pass(`GuardDuty is enabled in ${listForReason(passingRegions)}.`));
  return combineOutcomes(outcomes, NO_REGION);
};

// ---------- DET-3: Inspector scanning ----------

const INSPECTOR_RESOURCE_LABELS: Record<string, string> = {
  ec2: "EC2",
  ecr: "ECR",
  lambda: "Lambda",
  lambdaCode: "Lambda code",
};

/** BatchGetAccountStatus answered but not for this account: failedAccounts says why, and that is a gap. */
function inspectorStatusGap(data: Inspector2Evidence, region: string): ControlOutcome {
  const failed = data.failedAccounts[0];
  if (!failed) {
    // Neither a status nor a failed account: say exactly what was read (issue 12 item 4).
    const detail = "Inspector answered BatchGetAccountStatus with no account status for this account";
    return {
      status: "UNKNOWN",
      reason: `Evidence missing: in ${region}, ${detail} (neither a status nor a failed account).`,
      offenders: [{ kind: "region", id: region, region, detail }],
    };
  }
  return unknown({
    service: "inspector2",
    operation: "BatchGetAccountStatus",
    region,
    code: failed?.errorCode ?? null,
    message: failed?.errorMessage ?? null,
  });
}

const evaluateInspectorScanning: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "inspector2");
  const outcomes: ControlOutcome[] = [...gaps];
  const shortfalls: RegionShortfall[] = [];
  const passingRegions: string[] = [];
  for (const { region, data } of collected) {
    const accountStatus = data.accountStatus;
    if (!accountStatus) {
      outcomes.push(inspectorStatusGap(data, region));
      continue;
    }
    const status = accountStatus.state.status?.toUpperCase() ?? null;
    if (status !== "ENABLED") {
      shortfalls.push({
        phrase: `${region} (Inspector is ${status ?? "not reported"})`,
        offenders: [
          { kind: "region", id: region, region, detail: `Inspector account status ${status ?? "not reported"}` },
        ],
      });
      continue;
    }
    const disabled = context.params.inspectorResourceTypes.filter(
      (type) => accountStatus.resourceState[type]?.status?.toUpperCase() !== "ENABLED",
    );
    if (disabled.length === 0) {
      passingRegions.push(region);
      continue;
    }
    const scanState = (type: string) =>
      `${INSPECTOR_RESOURCE_LABELS[type] ?? type} scanning is ${accountStatus.resourceState[type]?.status ?? "not reported"}`;
    shortfalls.push({
      phrase: `${region} (${disabled.map(scanState).join(", ")})`,
      offenders: disabled.map((type) => ({ kind: "inspector-scan-type", id: type, region, detail: scanState(type) })),
    });
  }
  const failure = shortfallOutcome("Inspector scanning is not fully enabled in", shortfalls);
  if (failure) outcomes.push(failure);
  if (passingRegions.length > 0) {
    const types = context.params.inspectorResourceTypes.map((type) => INSPECTOR_RESOURCE_LABELS[type] ?? type);
    outcomes.push(pass(`Inspector scans ${listForReason(types)} in ${listForReason(passingRegions)}.`));
  }
  return combineOutcomes(outcomes, NO_REGION);
};

// ---------- DET-4: Inspector finding age ----------

const evaluateInspectorFindingAge: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "inspector2");
  const outcomes: ControlOutcome[] = [...gaps];
  const shortfalls: RegionShortfall[] = [];
  const passingRegions: string[] = [];
  const limits = [
    { severity: "CRITICAL", label: "critical", maxDays: context.params.inspectorCriticalMaxAgeDays },
    { severity: "HIGH", label: "high", maxDays: context.params.inspectorHighMaxAgeDays },
  ] as const;
  for (const { region, data, asOf, failedCalls } of collected) {
    const status = data.accountStatus?.state.status?.toUpperCase() ?? null;
    // Where Inspector is not enabled DET-3 fails; this control has nothing to age there (controls.md DET-4).
    if (data.accountStatus && status !== "ENABLED") {
      outcomes.push(notApplicable(`Inspector is not enabled in ${region}, so it has no findings to age.`));
      continue;
    }
    const offenders: Offender[] = [];
    const phrases: string[] = [];
    for (const { severity, label, maxDays } of limits) {
      const oldest = parseEvidenceDate(data.oldestActiveFirstObservedAt[severity]);
      if (!data.findingsCollected || !oldest || isWithinDays(oldest, asOf, maxDays)) continue;
      const age = ageInDays(oldest, asOf);
      const count = data.activeBySeverity[severity];
      phrases.push(`${label} finding open ${age} days, limit ${maxDays}`);
      offenders.push({
        kind: "inspector-findings",
        id: severity,
        region,
        detail: `oldest of ${count} active ${label} finding${count === 1 ? "" : "s"} first observed ${oldest.toISOString().slice(0, 10)}, ${age} days before collection (limit ${maxDays})`,
      });
    }
    if (offenders.length > 0) shortfalls.push({ phrase: `${region} (${phrases.join("; ")})`, offenders });
    // Without the account status the findings can still prove a failure, but not a pass.
    else if (!data.accountStatus) {
      const statusCalls = failedCallsFor(failedCalls, ["BatchGetAccountStatus"]);
      outcomes.push(statusCalls.length > 0 ? unknown(gapOfCalls(statusCalls)) : inspectorStatusGap(data, region));
    } else passingRegions.push(region);
  }
  const failure = shortfallOutcome("Inspector has overdue open findings in", shortfalls);
  if (failure) outcomes.push(failure);
  if (passingRegions.length > 0) {
    outcomes.push(
      pass(
        `No active Inspector finding is overdue in ${listForReason(passingRegions)} (critical within ${context.params.inspectorCriticalMaxAgeDays} days, high within ${context.params.inspectorHighMaxAgeDays}).`,
      ),
    );
  }
  return combineOutcomes(outcomes, NO_REGION);
};

// ---------- DET-5: AWS Config rule compliance ----------

const evaluateConfigRuleCompliance: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "config-service");
  const offenders: Offender[] = [];
  let judged = 0;
  for (const { region, data } of collected) {
    for (const rule of data.rules) {
      if (rule.complianceType === "COMPLIANT") judged++;
      if (rule.complianceType !== "NON_COMPLIANT") continue;
      judged++;
      const count = rule.nonCompliantResourceCount;
      offenders.push({
        kind: "config-rule",
        id: rule.name,
        region,
        detail: count > 0 ? `${count} non-compliant resource${count === 1 ? "" : "s"}` : "non-compliant",
      });
    }
  }
  const outcomes: ControlOutcome[] = [...gaps];
  if (judged > 0) {
    const compliant = judged - offenders.length;
    const share = `${compliant} of ${judged} AWS Config rules with a result are compliant (${Math.round((compliant / judged) * 100)}%).`;
    if (offenders.length > 0) {
      const names = offenders.map((offender) => `${offender.id} (${offender.region})`);
      outcomes.push(
        fail(
          `${offenders.length} AWS Config rule${offenders.length === 1 ? " is" : "s are"} non-compliant: ${listForReason(names)}. ${share}`,
          offenders,
        ),
      );
    } else {
      outcomes.push(pass(share));
    }
  } else if (collected.length > 0) {
    outcomes.push(
      notApplicable(
        `No AWS Config rule has a COMPLIANT or NON_COMPLIANT result in ${listForReason(collected.map(({ region }) => region))}.`,
      ),
    );
  }
  return combineOutcomes(outcomes, NO_REGION);
};

// ---------- DET-6: Security Hub ----------

const evaluateSecurityHub: ControlRule = (context) => {
  const { collected, gaps } = readRegions(context, "securityhub");
  const shortfalls: RegionShortfall[] = [];
  const passingRegions: string[] = [];
  for (const { region, data } of collected) {
    if (data.enabled) {
      passingRegions.push(region);
      continue;
    }
    shortfalls.push({
      phrase: region,
      offenders: [
        { kind: "region", id: region, region, detail: data.notEnabledReason ?? "not subscribed to Security Hub" },
      ],
    });
  }
  const outcomes: ControlOutcome[] = [...gaps];
  const failure = shortfallOutcome("Security Hub is not enabled in", shortfalls);
  if (failure) outcomes.push(failure);
  if (passingRegions.length > 0) outcomes.push(pass(`Security Hub is enabled in ${listForReason(passingRegions)}.`));
  return combineOutcomes(outcomes, NO_REGION);
};

export const DETECTION_RULES: Record<string, ControlRule> = {
  "DET-1": evaluateConfigRecorder,
  "DET-2": evaluateGuardDuty,
  "DET-3": evaluateInspectorScanning,
  "DET-4": evaluateInspectorFindingAge,
  "DET-5": evaluateConfigRuleCompliance,
  "DET-6": evaluateSecurityHub,
};
