import {
  BatchGetAccountStatusCommand,
  type Finding,
  Inspector2Client,
  paginateListFindings,
  type State,
} from "@aws-sdk/client-inspector2";
import type { FindingSeverity } from "../evidence/findings";
import type { Inspector2Evidence, InspectorScanState, SeverityCounts } from "../evidence/inspector2";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { withSessionClient } from "./clients";
import { type AwsCallContext, callAws } from "./errors";
import { collectPages, toIsoString } from "./pagination";
import type { CollectedFinding, CollectorDefinition } from "./types";

const SERVICE = "inspector2";
const context = (operation: string, region: string): AwsCallContext => ({ service: SERVICE, operation, region });

function mapState(state: State | undefined): InspectorScanState {
  return {
    status: state?.status ?? null,
    errorCode: state?.errorCode ?? null,
    errorMessage: state?.errorMessage ?? null,
  };
}

export async function batchGetAccountStatus(
  client: Inspector2Client,
  region: string,
  accountId: string,
): Promise<Pick<Inspector2Evidence, "accountStatus" | "failedAccounts">> {
  const response = await callAws(context("BatchGetAccountStatus", region), () =>
    client.send(new BatchGetAccountStatusCommand({ accountIds: [accountId] })),
  );
  const account = response.accounts?.find((entry) => entry.accountId === accountId) ?? response.accounts?.[0];
  return {
    accountStatus: account
      ? {
          accountId: account.accountId ?? accountId,
          state: mapState(account.state),
          resourceState: Object.fromEntries(
            Object.entries(account.resourceState ?? {}).map(([resourceType, state]) => [
              resourceType,
              mapState(state as State),
            ]),
          ),
        }
      : null,
    failedAccounts: (response.failedAccounts ?? []).map((failed) => ({
      accountId: failed.accountId ?? "",
      errorCode: failed.errorCode ?? null,
      errorMessage: failed.errorMessage ?? null,
    })),
  };
}

/** ACTIVE and SUPPRESSED findings (CLOSED ones are absent by design), 100 per page. */
export async function listFindings(client: Inspector2Client, region: string): Promise<Finding[]> {
  return collectPages(
    context("ListFindings", region),
    () =>
      paginateListFindings(
        { client, pageSize: 100 },
        {
          filterCriteria: {
            // Filters on one key are ORed (Inspector2 FilterCriteria).
            findingStatus: [
              { comparison: "EQUALS", value: "ACTIVE" },
              { comparison: "EQUALS", value: "SUPPRESSED" },
            ],
          },
        },
      ),
    (page) => page.findings,
  );
}

/** Inspector's UNTRIAGED is stored as INFORMATIONAL (types.ts FindingSeverity). */
export function mapInspectorSeverity(severity: string | undefined): FindingSeverity {
  switch (severity) {
    case "CRITICAL":
    case "HIGH":
    case "MEDIUM":
    case "LOW":
      return severity;
    default:
      return "INFORMATIONAL";
  }
}

export function mapInspectorFinding(finding: Finding, region: string): CollectedFinding {
  const resource = finding.resources?.[0];
  return {
    source: "INSPECTOR",
    externalKey: finding.findingArn ?? "",
    title: finding.title ?? finding.description ?? finding.type ?? "Inspector finding",
    severity: mapInspectorSeverity(finding.severity),
    status: finding.status === "SUPPRESSED" ? "SUPPRESSED" : "OPEN",
    region: resource?.region ?? region,
    resourceType: resource?.type,
    resourceId: resource?.id,
    observedAt: finding.firstObservedAt,
    details: {
      type: finding.type ?? null,
      inspectorSeverity: finding.severity ?? null,
      inspectorScore: finding.inspectorScore ?? null,
      firstObservedAt: toIsoString(finding.firstObservedAt),
      lastObservedAt: toIsoString(finding.lastObservedAt),
      updatedAt: toIsoString(finding.updatedAt),
      fixAvailable: finding.fixAvailable ?? null,
      exploitAvailable: finding.exploitAvailable ?? null,
      vulnerabilityId: finding.packageVulnerabilityDetails?.vulnerabilityId ?? null,
      sourceUrl: finding.packageVulnerabilityDetails?.sourceUrl ?? null,
      remediation: finding.remediation?.recommendation?.text ?? null,
      resources: (finding.resources ?? []).map((entry) => ({ type: entry.type, id: entry.id, region: entry.region })),
    },
  };
}

const emptyCounts = (): SeverityCounts => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 });

export function summarizeFindings(
  findings: CollectedFinding[],
): Pick<Inspector2Evidence, "activeBySeverity" | "suppressedBySeverity" | "oldestActiveFirstObservedAt"> {
  const activeBySeverity = emptyCounts();
  const suppressedBySeverity = emptyCounts();
  const oldest: Partial<Record<FindingSeverity, Date>> = {};
  for (const finding of findings) {
    if (finding.status === "SUPPRESSED") {
      suppressedBySeverity[finding.severity]++;
      continue;
    }
    activeBySeverity[finding.severity]++;
    const observed = finding.observedAt;
    const current = oldest[finding.severity];
    if (observed && (!current || observed < current)) oldest[finding.severity] = observed;
  }
  const oldestActiveFirstObservedAt = Object.fromEntries(
    Object.entries(oldest).map(([severity, date]) => [severity, (date as Date).toISOString()]),
  ) as Partial<Record<FindingSeverity, string>>;
  return { activeBySeverity, suppressedBySeverity, oldestActiveFirstObservedAt };
}

export async function collectInspector2(
  client: Inspector2Client,
  region: string,
  accountNumber: string,
): Promise<{ evidence: Inspector2Evidence; findings: CollectedFinding[]; failedCalls: FailedCall[] }> {
  // Per-call evidence (issue 12 item 1): the account status (DET-3) and the findings (DET-4) are read
  // independently. A failed status read leaves the findings judged; failed findings leave DET-3 judged.
  const calls = new CallRecorder();
  const status = await calls.attempt(batchGetAccountStatus(client, region, accountNumber), {
    accountStatus: null,
    failedAccounts: [],
  });
  // A DISABLED account has nothing to list (DET-4 is NOT_APPLICABLE there); a suspended one may keep findings.
  let findingsCollected = status.accountStatus?.state.status !== "DISABLED";
  let findings: CollectedFinding[] = [];
  if (findingsCollected) {
    const listed = await calls.attempt(listFindings(client, region), null);
    findingsCollected = listed !== null;
    findings = (listed ?? []).map((finding) => mapInspectorFinding(finding, region));
  }
  calls.throwIfNothingAnswered();
  return {
    evidence: { region, ...status, findingsCollected, ...summarizeFindings(findings) },
    findings,
    failedCalls: calls.failedCalls,
  };
}

export const inspector2Collector: CollectorDefinition<Inspector2Evidence> = {
  key: "inspector2",
  service: SERVICE,
  scope: "regional",
  findingSources: ["INSPECTOR"],
  async collect(session, region) {
    const { evidence, findings, failedCalls } = await withSessionClient(Inspector2Client, session, region, (client) =>
      collectInspector2(client, region, session.accountNumber),
    );
    return { evidence, findings, failedCalls, itemCount: findings.length };
  },
};
