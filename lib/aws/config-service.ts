import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  type EvaluationResult,
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
} from "@aws-sdk/client-config-service";
import type { ConfigRecorderEvidence, ConfigRuleEvidence, ConfigServiceEvidence } from "../evidence/config-service";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { withSessionClient } from "./clients";
import { type AwsCallContext, callAws } from "./errors";
import { collectPages, mapConcurrently, toIsoString } from "./pagination";
import type { CollectedFinding, CollectorDefinition } from "./types";

const SERVICE = "config-service";
const context = (operation: string, region: string): AwsCallContext => ({ service: SERVICE, operation, region });

/**
 * The model enum says Success/Failure/Pending but the service answers SUCCESS/FAILURE/PENDING
 * (AWS Config CLI reference examples); evidence stores one spelling, upper case, as DET-1 reads it.
 */
export function normalizeRecorderStatus(status: string | undefined): string | null {
  return status ? status.toUpperCase() : null;
}

export async function describeConfigurationRecorders(
  client: ConfigServiceClient,
  region: string,
  calls: CallRecorder = new CallRecorder(),
): Promise<ConfigRecorderEvidence[]> {
  // DET-1 reads the recorders; their status is a second call that may fail on its own (then `recording`
  // and `lastStatus` are null, and DET-1, which needs it, reads UNKNOWN).
  const [recorders, statuses] = await Promise.all([
    callAws(context("DescribeConfigurationRecorders", region), () =>
      client.send(new DescribeConfigurationRecordersCommand({})),
    ),
    calls.attempt(
      callAws(context("DescribeConfigurationRecorderStatus", region), () =>
        client.send(new DescribeConfigurationRecorderStatusCommand({})),
      ),
      { $metadata: {}, ConfigurationRecordersStatus: [] },
    ),
  ]);
  const statusByName = new Map(
    (statuses.ConfigurationRecordersStatus ?? []).map((status) => [status.name ?? "", status]),
  );
  return (recorders.ConfigurationRecorders ?? []).map((recorder) => {
    const group = recorder.recordingGroup;
    const status = statusByName.get(recorder.name ?? "");
    const strategy = group?.recordingStrategy?.useOnly ?? null;
    return {
      name: recorder.name ?? "",
      roleArn: recorder.roleARN ?? null,
      allSupported: (group?.allSupported ?? false) || strategy === "ALL_SUPPORTED_RESOURCE_TYPES",
      includeGlobalResourceTypes: group?.includeGlobalResourceTypes ?? false,
      recordingStrategy: strategy,
      resourceTypes: group?.resourceTypes ?? [],
      excludedResourceTypes: group?.exclusionByResourceTypes?.resourceTypes ?? [],
      recording: status?.recording ?? null,
      lastStatus: normalizeRecorderStatus(status?.lastStatus),
      lastErrorCode: status?.lastErrorCode ?? null,
      lastStatusChangeTime: toIsoString(status?.lastStatusChangeTime),
    };
  });
}

export async function describeConfigRules(
  client: ConfigServiceClient,
  region: string,
): Promise<Omit<ConfigRuleEvidence, "complianceType" | "nonCompliantResourceCount" | "compliantResourceCount">[]> {
  const rules = await collectPages(
    context("DescribeConfigRules", region),
    () => paginateDescribeConfigRules({ client }, {}),
    (page) => page.ConfigRules,
  );
  return rules.map((rule) => ({
    name: rule.ConfigRuleName ?? "",
    arn: rule.ConfigRuleArn ?? null,
    sourceOwner: rule.Source?.Owner ?? null,
    sourceIdentifier: rule.Source?.SourceIdentifier ?? null,
    state: rule.ConfigRuleState ?? null,
  }));
}

/** Rule name → compliance type (DescribeComplianceByConfigRule has no page size: the service picks it). */
export async function describeComplianceByConfigRule(
  client: ConfigServiceClient,
  region: string,
): Promise<Map<string, { complianceType: string | null; cappedCount: number | null }>> {
  const compliance = await collectPages(
    context("DescribeComplianceByConfigRule", region),
    () => paginateDescribeComplianceByConfigRule({ client }, {}),
    (page) => page.ComplianceByConfigRules,
  );
  return new Map(
    compliance.map((entry) => [
      entry.ConfigRuleName ?? "",
      {
        complianceType: entry.Compliance?.ComplianceType ?? null,
        cappedCount: entry.Compliance?.ComplianceContributorCount?.CappedCount ?? null,
      },
    ]),
  );
}

/** Every NON_COMPLIANT and COMPLIANT evaluation of one rule, 100 per page (the API maximum). */
export async function getComplianceDetailsByConfigRule(
  client: ConfigServiceClient,
  region: string,
  ruleName: string,
): Promise<EvaluationResult[]> {
  return collectPages(
    context("GetComplianceDetailsByConfigRule", region),
    () =>
      paginateGetComplianceDetailsByConfigRule(
        { client, pageSize: 100 },
        { ConfigRuleName: ruleName, ComplianceTypes: ["NON_COMPLIANT", "COMPLIANT"] },
      ),
    (page) => page.EvaluationResults,
  );
}

/** The stable key the Finding table upserts on: `rule|resourceType|resourceId|account|region`. */
export function configFindingKey(
  ruleName: string,
  resourceType: string,
  resourceId: string,
  accountNumber: string,
  region: string,
): string {
  return [ruleName, resourceType, resourceId, accountNumber, region].join("|");
}

/**
 * A NON_COMPLIANT evaluation becomes an OPEN finding. COMPLIANT ones are only counted: a finding that
 * is no longer reported is closed by the pipeline (CollectedFinding: CLOSED findings are absent).
 */
export function mapEvaluationToFinding(
  result: EvaluationResult,
  rule: { name: string; sourceIdentifier: string | null },
  accountNumber: string,
  region: string,
): CollectedFinding | null {
  if (result.ComplianceType !== "NON_COMPLIANT") return null;
  const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
  const resourceType = qualifier?.ResourceType ?? "";
  const resourceId = qualifier?.ResourceId ?? "";
  const recordedAt = result.ResultRecordedTime;
  return {
    source: "CONFIG",
    externalKey: configFindingKey(rule.name, resourceType, resourceId, accountNumber, region),
    title: `${rule.name}: ${resourceType} ${resourceId} is non-compliant`,
    // Config has no severity; DET-5 is a medium control.
    severity: "MEDIUM",
    status: "OPEN",
    region,
    resourceType: resourceType || undefined,
    resourceId: resourceId || undefined,
    observedAt: recordedAt,
    details: {
      configRuleName: rule.name,
      sourceIdentifier: rule.sourceIdentifier,
      complianceType: result.ComplianceType,
      annotation: result.Annotation ?? null,
      resultRecordedTime: toIsoString(recordedAt),
      configRuleInvokedTime: toIsoString(result.ConfigRuleInvokedTime),
    },
  };
}

const RULE_DETAIL_CONCURRENCY = 3;

export async function collectConfigService(
  client: ConfigServiceClient,
  region: string,
  accountNumber: string,
): Promise<{ evidence: ConfigServiceEvidence; findings: CollectedFinding[]; failedCalls: FailedCall[] }> {
  const calls = new CallRecorder();
  const [recorders, ruleList, complianceByRule] = await Promise.all([
    calls.attempt(describeConfigurationRecorders(client, region, calls), []),
    calls.attempt(describeConfigRules(client, region), []),
    calls.attempt(describeComplianceByConfigRule(client, region), new Map()),
  ]);
  const findings: CollectedFinding[] = [];
  const rules = await mapConcurrently(
    ruleList,
    async (rule): Promise<ConfigRuleEvidence> => {
      const results = await calls.attempt(getComplianceDetailsByConfigRule(client, region, rule.name), []);
      let compliantResourceCount = 0;
      let nonCompliantResourceCount = 0;
      for (const result of results) {
        if (result.ComplianceType === "COMPLIANT") compliantResourceCount++;
        const finding = mapEvaluationToFinding(result, rule, accountNumber, region);
        if (finding) {
          nonCompliantResourceCount++;
          findings.push(finding);
        }
      }
      return {
        ...rule,
        complianceType: complianceByRule.get(rule.name)?.complianceType ?? null,
        nonCompliantResourceCount,
        compliantResourceCount,
      };
    },
    RULE_DETAIL_CONCURRENCY,
  );
  calls.throwIfNothingAnswered();
  return {
    failedCalls: calls.failedCalls,
    evidence: {
      region,
      recorders,
      rules,
      compliantRuleCount: rules.filter((rule) => rule.complianceType === "COMPLIANT").length,
      nonCompliantRuleCount: rules.filter((rule) => rule.complianceType === "NON_COMPLIANT").length,
    },
    findings,
  };
}

export const configServiceCollector: CollectorDefinition<ConfigServiceEvidence> = {
  key: "config-service",
  service: SERVICE,
  scope: "regional",
  findingSources: ["CONFIG"],
  async collect(session, region) {
    const { evidence, findings, failedCalls } = await withSessionClient(
      ConfigServiceClient,
      session,
      region,
      (client) => collectConfigService(client, region, session.accountNumber),
    );
    return {
      evidence,
      findings,
      failedCalls,
      itemCount: evidence.recorders.length + evidence.rules.length + findings.length,
    };
  },
};
