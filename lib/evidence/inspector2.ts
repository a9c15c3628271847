import type { FindingSeverity } from "./findings";

// The inspector2 evidence as its collector (lib/aws/inspector2.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface InspectorScanState {
  /** ENABLING, ENABLED, DISABLING, DISABLED, SUSPENDING, SUSPENDED. */
  status: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface InspectorAccountStatus {
  accountId: string;
  /** The account-level status (DET-3 needs ENABLED). */
  state: InspectorScanState;
  /** Status per resource type: ec2, ecr, lambda, lambdaCode, codeRepository. */
  resourceState: Record<string, InspectorScanState>;
}

export interface SeverityCounts {
  CRITICAL: number;
  HIGH: number;
  MEDIUM: number;
  LOW: number;
  INFORMATIONAL: number;
}

export interface Inspector2Evidence {
  region: string;
  /** null when BatchGetAccountStatus did not return this account (then failedAccounts says why) or failed (failedCalls). */
  accountStatus: InspectorAccountStatus | null;
  failedAccounts: { accountId: string; errorCode: string | null; errorMessage: string | null }[];
  /** false when the account status is DISABLED (ListFindings is then not called) or ListFindings failed. */
  findingsCollected: boolean;
  /** Summary only; the items are in CollectorOutput.findings (tens of thousands in large estates). */
  activeBySeverity: SeverityCounts;
  suppressedBySeverity: SeverityCounts;
  /** Oldest firstObservedAt among ACTIVE findings per severity (DET-4 ages critical and high). */
  oldestActiveFirstObservedAt: Partial<Record<FindingSeverity, string>>;
}
