import { CONTROL_CATALOGUE } from "../controls/catalogue";
import { listForReason } from "../controls/outcome";
import { DAY_MS, isoDay } from "../dates";
import { formatOrganizationPath, type OrganizationsEvidence, organizationPathOf } from "../evidence/organization-tree";
import { type RegionsEvidence, unconfiguredRegionsWithResources } from "../evidence/regions";
import type { AlertSeverity } from "./sla";
import type { AlertSource } from "./source-names";

// Where alerts come from, as pure functions of what one evaluation of one account left behind. Each
// source returns the conditions present now (signals, keyed by dedupKey) and, for an existing alert of
// its own that is not among them, whether its condition is known to be clear (a note) or not known
// (null: evidence missing, so the alert is left alone — UNKNOWN never resolves and never raises).

export type { AlertSource } from "./source-names";

/**
 * Controls whose failures another source reports at a finer grain, so one problem is one alert: NET-8
 * per certificate, DET-5 per Config rule. Attested controls are reported as attestation expiries.
 */
export const CONTROLS_ALERTED_ELSEWHERE: Readonly<Record<string, AlertSource>> = {
  "NET-8": "CERTIFICATE",
  "DET-5": "CONFIG",
};

/** An attestation is flagged this many days before it expires. */
export const ATTESTATION_WARNING_DAYS = 30;

const CONTROLS = new Map(CONTROL_CATALOGUE.map((control) => [control.id, control]));

export interface AlertSignal {
  dedupKey: string;
  source: AlertSource;
  awsAccountId: string | null;
  rule: string;
  resource: string | null;
  region: string | null;
  severity: AlertSeverity;
  title: string;
  evidenceLink: string;
  /** What was observed, kept in the alert's history when it opens or reopens. */
  detail: string;
  /** Whether this signal may open an alert that does not exist yet (controls: only a new failure may). */
  mayOpen: boolean;
  /** The due time never runs past this (a certificate's or an attestation's expiry). */
  notAfter?: Date | null;
}

export interface ExistingAlertKey {
  dedupKey: string;
  source: string;
  region: string | null;
}

export interface SourceOutcome {
  signals: AlertSignal[];
  /** For an existing alert of this source with no signal now: the note to resolve it with, or null. */
  clearedNote(alert: ExistingAlertKey): string | null;
}

/** (source, account or customer, rule, resource): one open alert per key. */
export function alertDedupKey(parts: {
  source: AlertSource;
  awsAccountId: string | null;
  customerId: string;
  rule: string;
  resource: string | null;
}): string {
  const scope = parts.awsAccountId ?? `customer:${parts.customerId}`;
  return [parts.source, scope, parts.rule, parts.resource ?? "-"].join("|");
}

/** The parts of a dedupKey; the resource may itself contain "|" (it is the rest of the key). */
export function parseDedupKey(key: string): { source: string; scope: string; rule: string; resource: string } | null {
  const [source, scope, rule, ...rest] = key.split("|");
  if (!source || !scope || !rule || rest.length === 0) return null;
  return { source, scope, rule, resource: rest.join("|") };
}

export interface AccountRef {
  id: string;
  customerId: string;
  alias: string;
}

export const evidenceLinks = {
  control: (customerId: string, controlId: string) =>
    `/customers/${encodeURIComponent(customerId)}/controls/${encodeURIComponent(controlId)}`,
  account: (customerId: string, awsAccountId: string) =>
    `/customers/${encodeURIComponent(customerId)}/accounts/${encodeURIComponent(awsAccountId)}`,
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// ------------------------------------------------------------------------------------------- controls

export interface ControlResultInput {
  controlId: string;
  status: "PASS" | "FAIL" | "NOT_APPLICABLE" | "UNKNOWN";
  severity: AlertSeverity;
  reason: string;
  offenders: readonly { kind: string; id: string; region?: string; detail?: string }[];
  needsAttestation: boolean;
  suppressed: boolean;
}

/** A result that calls for an alert: an evidence failure nobody has set aside. */
export function isAlertingFailure(result: Pick<ControlResultInput, "status" | "needsAttestation" | "suppressed">) {
  return result.status === "FAIL" && !result.needsAttestation && !result.suppressed;
}

/** IAM-7: a key 365 days or older raises a critical alert whatever the control's weight (spec, IAM-7). */
function controlAlertSeverity(result: ControlResultInput): AlertSeverity {
  if (result.controlId === "IAM-7" && result.offenders.some((offender) => offender.detail?.startsWith("over a year")))
    return "CRITICAL";
  return result.severity;
}

/**
 * Control failures. A failure opens an alert only when it is new: the control's previous known result
 * in this account at an earlier sync (UNKNOWN ones skipped) was not an alerting failure, or there was none. An existing
 * alert clears when the control passes, is not applicable, or is suppressed; UNKNOWN clears nothing.
 */
export function controlSignals(input: {
  account: AccountRef;
  current: readonly ControlResultInput[];
  /** Previous known (non-UNKNOWN) result per control at an earlier sync. */
  previous: ReadonlyMap<string, Pick<ControlResultInput, "status" | "needsAttestation" | "suppressed">>;
}): SourceOutcome {
  const { account } = input;
  const signals: AlertSignal[] = [];
  const currentById = new Map(input.current.map((result) => [result.controlId, result]));
  for (const result of input.current) {
    const control = CONTROLS.get(result.controlId);
    if (!control || control.source === "ATTESTED" || CONTROLS_ALERTED_ELSEWHERE[result.controlId]) continue;
    if (!isAlertingFailure(result)) continue;
    const previous = input.previous.get(result.controlId);
    const regions = [...new Set(result.offenders.map((offender) => offender.region).filter(Boolean))] as string[];
    const ids = [...new Set(result.offenders.map((offender) => offender.id))];
    signals.push({
      dedupKey: alertDedupKey({
        source: "CONTROL",
        awsAccountId: account.id,
        customerId: account.customerId,
        rule: result.controlId,
        resource: "account",
      }),
      source: "CONTROL",
      awsAccountId: account.id,
      rule: result.controlId,
      resource: ids.length > 0 ? clip(listForReason(ids, 3), 300) : null,
      region: regions.length > 0 ? clip(regions.sort().join(", "), 200) : null,
      severity: controlAlertSeverity(result),
      title: `${result.controlId} failing in ${account.alias}: ${control.title}`,
      evidenceLink: evidenceLinks.control(account.customerId, result.controlId),
      detail: result.reason,
      mayOpen: !previous || !isAlertingFailure(previous),
    });
  }
  return {
    signals,
    clearedNote(alert) {
      const rule = parseDedupKey(alert.dedupKey)?.rule ?? "";
      const result = currentById.get(rule);
      if (!result) return `${rule} is no longer evaluated for this account.`;
      if (result.status === "UNKNOWN") return null;
      if (result.status === "FAIL" && result.suppressed) return `${rule} was suppressed by a consultant.`;
      if (result.status === "FAIL") return null;
      return result.status === "PASS"
        ? `${rule} passes now: ${result.reason}`
        : `${rule} no longer applies: ${result.reason}`;
    },
  };
}

// --------------------------------------------------------------------------------------------- findings

export interface FindingInput {
  source: "INSPECTOR" | "CONFIG";
  externalKey: string;
  title: string;
  severity: AlertSeverity;
  region: string;
  resourceType: string | null;
  resourceId: string | null;
  /** The finding's details, limited to FINDING_DETAILS_READ (raiseAlerts loads no more). */
  details: Record<string, unknown>;
}

/** The keys of a finding's `details` that its alert reads; reading another one means adding it here. */
export const FINDING_DETAILS_READ = ["vulnerabilityId", "remediation", "configRuleName"] as const;

const INSPECTOR_ALERT_SEVERITIES: readonly AlertSeverity[] = ["CRITICAL", "HIGH"];

/** Open critical and high Inspector findings, one alert each; it clears when the finding does (or drops below high). */
export function inspectorSignals(input: { account: AccountRef; openFindings: readonly FindingInput[] }): SourceOutcome {
  const { account } = input;
  const signals = input.openFindings
    .filter((finding) => finding.source === "INSPECTOR" && INSPECTOR_ALERT_SEVERITIES.includes(finding.severity))
    .map((finding): AlertSignal => {
      const vulnerability =
        typeof finding.details.vulnerabilityId === "string" ? finding.details.vulnerabilityId : null;
      const resource = finding.resourceId ?? null;
      return {
        dedupKey: alertDedupKey({
          source: "INSPECTOR",
          awsAccountId: account.id,
          customerId: account.customerId,
          rule: "finding",
          resource: finding.externalKey,
        }),
        source: "INSPECTOR",
        awsAccountId: account.id,
        rule: vulnerability ?? clip(finding.title, 120),
        resource,
        region: finding.region,
        severity: finding.severity,
        title: clip(
          `Inspector ${finding.severity.toLowerCase()}: ${finding.title}${resource ? ` on ${resource}` : ""}`,
          300,
        ),
        evidenceLink: evidenceLinks.account(account.customerId, account.id),
        detail: clip(
          [
            finding.title,
            resource ? `Resource: ${finding.resourceType ?? "resource"} ${resource} in ${finding.region}.` : null,
            typeof finding.details.remediation === "string" ? `Remediation: ${finding.details.remediation}` : null,
          ]
            .filter(Boolean)
            .join(" "),
          2000,
        ),
        mayOpen: true,
      };
    });
  return {
    signals,
    clearedNote: () => "The Inspector finding is closed, suppressed in Inspector, or no longer critical or high.",
  };
}

/** Non-compliant Config rules, one alert per rule and region, naming the resources; clears when none is left. */
export function configSignals(input: { account: AccountRef; openFindings: readonly FindingInput[] }): SourceOutcome {
  const { account } = input;
  const byRule = new Map<string, FindingInput[]>();
  for (const finding of input.openFindings) {
    if (finding.source !== "CONFIG") continue;
    const rule = typeof finding.details.configRuleName === "string" ? finding.details.configRuleName : "(unnamed rule)";
    const key = `${rule}\u0000${finding.region}`;
    byRule.set(key, [...(byRule.get(key) ?? []), finding]);
  }
  const signals = [...byRule.entries()].map(([key, findings]): AlertSignal => {
    const [rule, region] = key.split("\u0000") as [string, string];
    const resources = findings.map((finding) => finding.resourceId ?? finding.externalKey).sort();
    return {
      dedupKey: alertDedupKey({
        source: "CONFIG",
        awsAccountId: account.id,
        customerId: account.customerId,
        rule,
        resource: region,
      }),
      source: "CONFIG",
      awsAccountId: account.id,
      rule,
      resource: clip(listForReason(resources, 3), 300),
      region,
      severity: "MEDIUM",
      title: `Config rule ${rule} non-compliant in ${account.alias} (${region}): ${resources.length} resource${resources.length === 1 ? "" : "s"}`,
      evidenceLink: evidenceLinks.control(account.customerId, "DET-5"),
      detail: `AWS Config reports ${rule} NON_COMPLIANT for ${listForReason(
        findings.map((finding) => `${finding.resourceType ?? "resource"} ${finding.resourceId ?? finding.externalKey}`),
        10,
      )} in ${region}.`,
      mayOpen: true,
    };
  });
  return { signals, clearedNote: () => "Every resource is compliant with the Config rule again." };
}

// --------------------------------------------------------------------------------------------- coverage

export interface RunInput {
  id: string;
  status: "SUCCEEDED" | "PARTIAL" | "FAILED";
  finishedAt: Date | null;
  steps: readonly {
    collector: string;
    region: string;
    status: string;
    errorService: string | null;
    errorCode: string | null;
  }[];
  /** counts.errors of the run: the AssumeRole failure shows here. */
  errors: readonly { service?: string; operation?: string | null; region?: string; code?: string | null }[];
}

/** The audit role could not be assumed: every collector was skipped, reported as one gap. */
export const ASSUME_ROLE_GAP = "sts";

export interface CollectorFailure {
  regions: string[];
  codes: string[];
  /** The collector key and the AWS service names its errors were attributed to (UNKNOWN reasons name these). */
  services: string[];
}

/** Collectors that did not collect in a run, with the regions and error codes of their failed steps. */
export function failedCollectors(run: RunInput): Map<string, CollectorFailure> {
  const failed = new Map<string, CollectorFailure>();
  const assumeRole = run.errors.find((error) => error.operation === "AssumeRole");
  if (assumeRole) {
    failed.set(ASSUME_ROLE_GAP, {
      regions: [assumeRole.region ?? "global"],
      codes: assumeRole.code ? [assumeRole.code] : [],
      services: ["sts"],
    });
    return failed;
  }
  for (const step of run.steps) {
    if (step.status !== "FAILED" && step.status !== "SKIPPED") continue;
    const entry = failed.get(step.collector) ?? { regions: [], codes: [], services: [step.collector] };
    entry.regions.push(step.region);
    if (step.errorCode && !entry.codes.includes(step.errorCode)) entry.codes.push(step.errorCode);
    if (step.errorService && !entry.services.includes(step.errorService)) entry.services.push(step.errorService);
    failed.set(step.collector, entry);
  }
  return failed;
}

/** Regions where a collector collected with some calls failed (step PARTIAL: per-call evidence, issue 12). */
export function partialRegions(run: RunInput, collector: string): string[] {
  return run.steps.filter((step) => step.collector === collector && step.status === "PARTIAL").map((s) => s.region);
}

/**
 * A collector (or the role itself) that failed in the latest two finished runs: one coverage alert per
 * account and collector. It names the controls left UNKNOWN, and is high when one of them is critical or
 * high. It clears when the collector collects everywhere again; a single failure changes nothing.
 */
export function coverageSignals(input: {
  account: AccountRef;
  /** Finished runs, newest first (at least the latest; the one before it when there is one). */
  runs: readonly RunInput[];
  unknownControls: readonly { controlId: string; severity: AlertSeverity; reason: string }[];
}): SourceOutcome {
  const { account } = input;
  const [latest, previous] = input.runs;
  if (!latest) return { signals: [], clearedNote: () => null };
  const latestFailed = failedCollectors(latest);
  const previousFailed = previous ? failedCollectors(previous) : new Map<string, CollectorFailure>();
  const signals: AlertSignal[] = [];
  for (const [collector, failure] of latestFailed) {
    // A run whose role could not be assumed collected nothing: every collector failed in it.
    const failedBefore =
      previousFailed.has(collector) || (collector !== ASSUME_ROLE_GAP && previousFailed.has(ASSUME_ROLE_GAP));
    if (!failedBefore) continue;
    const label = collector === ASSUME_ROLE_GAP ? "the audit role (STS AssumeRole)" : collector;
    // UNKNOWN reasons read "Evidence missing: <service>:<operation> in <region> …" (lib/controls/outcome.ts).
    const affected = input.unknownControls.filter(
      (result) =>
        collector === ASSUME_ROLE_GAP ||
        failure.services.some(
          (service) => result.reason.includes(`${service}:`) || result.reason.includes(`${service} `),
        ),
    );
    const serious = affected.some((result) => result.severity === "CRITICAL" || result.severity === "HIGH");
    const regions = [...new Set(failure.regions)].sort();
    signals.push({
      dedupKey: alertDedupKey({
        source: "COVERAGE",
        awsAccountId: account.id,
        customerId: account.customerId,
        rule: collector,
        resource: "account",
      }),
      source: "COVERAGE",
      awsAccountId: account.id,
      rule: collector,
      resource: clip(listForReason(regions, 4), 200),
      region: regions.length === 1 ? regions[0]! : clip(regions.join(", "), 200),
      severity: serious || collector === ASSUME_ROLE_GAP ? "HIGH" : "MEDIUM",
      title: `Evidence gap in ${account.alias}: ${label} failed in the last two syncs`,
      evidenceLink: evidenceLinks.account(account.customerId, account.id),
      detail: `${label} could not be collected in ${listForReason(regions, 6)}${
        failure.codes.length > 0 ? ` (${failure.codes.join(", ")})` : ""
      } in two syncs in a row.${
        affected.length > 0
          ? ` Controls left UNKNOWN: ${listForReason(
              affected.map((result) => result.controlId),
              12,
            )}.`
          : ""
      } Check the audit role's permissions and the account's service settings.`,
      mayOpen: true,
    });
  }
  return {
    signals,
    clearedNote(alert) {
      const collector = parseDedupKey(alert.dedupKey)?.rule ?? "";
      if (latestFailed.has(collector)) return null;
      if (collector !== ASSUME_ROLE_GAP && latestFailed.has(ASSUME_ROLE_GAP)) return null;
      return `${collector === ASSUME_ROLE_GAP ? "The audit role" : collector} collected successfully in the latest sync.`;
    },
  };
}

// ----------------------------------------------------------------------------------------- certificates

/**
 * In-use ACM certificates valid for less than NET-8's threshold, one alert each (NET-8's offenders).
 * Expired ones are critical. A certificate alert clears when NET-8 no longer names it, unless ACM could
 * not be read in its region in the latest sync.
 */
export function certificateSignals(input: {
  account: AccountRef;
  net8: ControlResultInput | null;
  /** Regions where the acm collector failed in the latest sync. */
  unreadableRegions: ReadonlySet<string>;
  evaluatedAt: Date;
}): SourceOutcome {
  const { account, net8 } = input;
  const certificates = net8 && net8.status === "FAIL" ? net8.offenders.filter((o) => o.kind === "certificate") : [];
  const signals = certificates.map((certificate): AlertSignal => {
    const detail = certificate.detail ?? certificate.id;
    const expiry = /(?:expires|expired) on (\d{4}-\d{2}-\d{2})/.exec(detail)?.[1];
    const notAfter = expiry ? new Date(`${expiry}T00:00:00.000Z`) : null;
    const expired =
      /expired on/.test(detail) || (notAfter !== null && notAfter.getTime() <= input.evaluatedAt.getTime());
    const name = detail.split(":")[0] ?? certificate.id;
    return {
      dedupKey: alertDedupKey({
        source: "CERTIFICATE",
        awsAccountId: account.id,
        customerId: account.customerId,
        rule: "NET-8",
        resource: certificate.id,
      }),
      source: "CERTIFICATE",
      awsAccountId: account.id,
      rule: "NET-8",
      resource: certificate.id,
      region: certificate.region ?? null,
      severity: expired ? "CRITICAL" : (net8?.severity ?? "HIGH"),
      title: clip(
        expired
          ? `Certificate ${name} in ${account.alias} has expired${expiry ? ` (${expiry})` : ""}`
          : `Certificate ${name} in ${account.alias} expires ${expiry ? `on ${expiry}` : "soon"}`,
        300,
      ),
      evidenceLink: evidenceLinks.control(account.customerId, "NET-8"),
      detail: `${detail} (${certificate.region ?? "region unknown"}). Renew or replace the certificate.`,
      mayOpen: true,
      notAfter: expired ? null : notAfter,
    };
  });
  return {
    signals,
    clearedNote(alert) {
      if (!net8 || net8.status === "UNKNOWN") return null;
      if (alert.region && input.unreadableRegions.has(alert.region)) return null;
      return "The certificate is renewed, no longer in use, or gone.";
    },
  };
}

// ----------------------------------------------------------------------------------------- attestations

export interface AttestationInput {
  controlId: string;
  /** null = applies to every account of the customer. */
  awsAccountId: string | null;
  validUntil: Date;
  attestedBy: string;
}

/**
 * Attestations about to expire (within ATTESTATION_WARNING_DAYS) or expired, one alert per control and
 * scope (this account, or the whole customer), while no later attestation for that scope covers the
 * control beyond the warning window. Severity is the control's.
 */
export function attestationSignals(input: {
  account: AccountRef;
  attestations: readonly AttestationInput[];
  severityOf: (controlId: string) => AlertSeverity;
  evaluatedAt: Date;
}): SourceOutcome {
  const { account } = input;
  const horizon = input.evaluatedAt.getTime() + ATTESTATION_WARNING_DAYS * DAY_MS;
  const lineages = new Map<string, AttestationInput>();
  for (const attestation of input.attestations) {
    if (attestation.awsAccountId !== null && attestation.awsAccountId !== account.id) continue;
    const key = `${attestation.controlId}\u0000${attestation.awsAccountId ?? ""}`;
    const best = lineages.get(key);
    if (!best || attestation.validUntil.getTime() > best.validUntil.getTime()) lineages.set(key, attestation);
  }
  const signals: AlertSignal[] = [];
  for (const latest of lineages.values()) {
    if (latest.validUntil.getTime() > horizon) continue;
    // An account's own attestation that lapses is covered while a customer-wide one still holds. (Not the
    // reverse: a customer-wide record is one alert for the customer, whichever account is evaluated.)
    if (latest.awsAccountId !== null) {
      const customerWide = lineages.get(`${latest.controlId}\u0000`);
      if (customerWide && customerWide.validUntil.getTime() > horizon) continue;
    }
    const expired = latest.validUntil.getTime() <= input.evaluatedAt.getTime();
    const scopeLabel = latest.awsAccountId ? account.alias : "every account";
    const control = CONTROLS.get(latest.controlId);
    signals.push({
      dedupKey: alertDedupKey({
        source: "ATTESTATION",
        awsAccountId: latest.awsAccountId,
        customerId: account.customerId,
        rule: latest.controlId,
        resource: "attestation",
      }),
      source: "ATTESTATION",
      awsAccountId: latest.awsAccountId,
      rule: latest.controlId,
      resource: `Attestation for ${scopeLabel}`,
      region: null,
      severity: input.severityOf(latest.controlId),
      title: `Attestation of ${latest.controlId} (${scopeLabel}) ${expired ? "expired" : "expires"} on ${isoDay(latest.validUntil)}${
        control ? `: ${control.title}` : ""
      }`,
      evidenceLink: evidenceLinks.control(account.customerId, latest.controlId),
      detail: `${latest.attestedBy}'s attestation of ${latest.controlId} for ${scopeLabel} ${
        expired ? "expired" : "is valid until"
      } ${isoDay(latest.validUntil)}. Check the control again and record a new attestation.`,
      mayOpen: true,
      notAfter: expired ? null : latest.validUntil,
    });
  }
  return {
    signals,
    clearedNote: () => "A new attestation covers the control.",
  };
}

// ----------------------------------------------------------------------------------------- organization

/** Organizations statuses of an account that still runs workloads (not closed or being closed). */
const LIVE_MEMBER_STATUSES = new Set(["ACTIVE", "SUSPENDED"]);

/**
 * Accounts of the organization that Rampart does not monitor, one alert each, raised from the sync of the
 * account that reads the tree (the management account or a delegated administrator). It clears when the
 * account is connected to Rampart or leaves the organization; not while the tree could not be read.
 */
export function organizationSignals(input: {
  account: AccountRef;
  /** The account's current organizations evidence; null when the latest sync could not read it. */
  evidence: OrganizationsEvidence | null;
  /** 12-digit ids of every account connected to Rampart. */
  monitored: ReadonlySet<string>;
}): SourceOutcome {
  const { account } = input;
  const structure = input.evidence?.structure ?? null;
  if (!input.evidence) return { signals: [], clearedNote: () => null };
  const members = new Map((structure?.accounts ?? []).map((member) => [member.accountId, member]));
  const signals = [...members.values()]
    .filter((member) => member.status !== null && LIVE_MEMBER_STATUSES.has(member.status))
    .filter((member) => !input.monitored.has(member.accountId))
    .map((member): AlertSignal => {
      const path = structure ? organizationPathOf(structure, member.accountId) : null;
      const where = path ? formatOrganizationPath(path) : "the root";
      return {
        dedupKey: alertDedupKey({
          source: "ORGANIZATION",
          awsAccountId: account.id,
          customerId: account.customerId,
          rule: "unmonitored-account",
          resource: member.accountId,
        }),
        source: "ORGANIZATION",
        awsAccountId: account.id,
        rule: "unmonitored-account",
        resource: member.accountId,
        region: null,
        severity: "MEDIUM",
        title: clip(`Account in the organization not monitored: ${member.name} (${member.accountId})`, 300),
        evidenceLink: evidenceLinks.account(account.customerId, account.id),
        detail: clip(
          `Account ${member.accountId} (${member.name}${member.email ? `, ${member.email}` : ""}) is ${member.status?.toLowerCase()} in organization ${input.evidence?.organizationId ?? ""} under ${where}${
            member.joinedAt ? `, joined ${member.joinedAt.slice(0, 10)}` : ""
          }, and is not connected to Rampart. Add it in Settings under the organization's accounts.`,
          2000,
        ),
        mayOpen: true,
      };
    });
  return {
    signals,
    clearedNote(alert) {
      const accountId = parseDedupKey(alert.dedupKey)?.resource ?? "";
      if (input.monitored.has(accountId)) return `Account ${accountId} is connected to Rampart.`;
      if (!members.has(accountId)) return `Account ${accountId} is no longer in the organization.`;
      return `Account ${accountId} is closed or being closed.`;
    },
  };
}

// ---------------------------------------------------------------------------------------------- regions

/**
 * controls.md, Collection notes: an enabled region that is not configured for the account but holds
 * resources is a coverage warning, never silence. One alert per region; it clears when the region is
 * configured or holds nothing any more, not while the sweep could not run.
 */
export function regionSignals(input: {
  account: AccountRef;
  /** The account's current regions evidence; null when the latest sync could not read it. */
  evidence: RegionsEvidence | null;
  configuredRegions: readonly string[];
}): SourceOutcome {
  const { account } = input;
  if (!input.evidence) return { signals: [], clearedNote: () => null };
  const configured = new Set(input.configuredRegions);
  const signals = unconfiguredRegionsWithResources(input.evidence)
    .filter((sweep) => !configured.has(sweep.region))
    .map((sweep): AlertSignal => {
      const found = [
        ...(sweep.instanceIds.length > 0 ? [`instances ${listForReason(sweep.instanceIds, 3)}`] : []),
        ...(sweep.vpcIds.length > 0 ? [`VPCs ${listForReason(sweep.vpcIds, 3)}`] : []),
      ].join(" and ");
      return {
        dedupKey: alertDedupKey({
          source: "REGION",
          awsAccountId: account.id,
          customerId: account.customerId,
          rule: "unconfigured-region",
          resource: sweep.region,
        }),
        source: "REGION",
        awsAccountId: account.id,
        rule: "unconfigured-region",
        resource: sweep.region,
        region: sweep.region,
        severity: "MEDIUM",
        title: `Resources in ${sweep.region}, a region Rampart does not check for ${account.alias}`,
        evidenceLink: evidenceLinks.account(account.customerId, account.id),
        detail: clip(
          `${sweep.region} is enabled in ${account.alias} and holds ${found}, but it is not among the account's configured regions, so no control looks at it. Add the region to the account in Settings.`,
          2000,
        ),
        mayOpen: true,
      };
    });
  return {
    signals,
    clearedNote: (alert) =>
      `${parseDedupKey(alert.dedupKey)?.resource ?? "The region"} is configured for the account or holds no resources any more.`,
  };
}
