import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { FindingSeverity } from "../evidence/findings";
import type { FailedCall } from "./call-recorder";
import type { AwsClientOptions } from "./clients";

/** A finding as a collector reports it; the sync pipeline upserts it by (account, source, externalKey). */
export interface CollectedFinding {
  source: "INSPECTOR" | "CONFIG" | "GUARDDUTY";
  /** Stable key: Inspector finding ARN; Config `rule|resourceType|resourceId|account|region`. */
  externalKey: string;
  title: string;
  severity: FindingSeverity;
  /** SUPPRESSED as reported by the source (Inspector SUPPRESSED); CLOSED findings are simply absent. */
  status: "OPEN" | "SUPPRESSED";
  region: string;
  resourceType?: string;
  resourceId?: string;
  /** When the source first observed it (Inspector firstObservedAt). */
  observedAt?: Date;
  details: Record<string, unknown>;
}

/** Everything a collector needs to call AWS for one account: credentials stay in memory only. */
export interface AccountSession {
  accountNumber: string;
  credentials: AwsCredentialIdentityProvider;
  /** Regions configured for the account in Rampart. */
  regions: string[];
  /** Retry and timeout settings for every client built from this session (see clients.ts). */
  clientOptions?: AwsClientOptions;
  /** The sync's one clock (issue 12 item 8): collectors read time from here, never from the wall. */
  now?: () => Date;
}

/** The collection instant of a session: its injected clock, else the wall clock (CLI and tests without one). */
export function sessionNow(session: AccountSession): Date {
  return session.now ? session.now() : new Date();
}

export interface CollectorOutput<E> {
  evidence: E;
  /** Present only for collectors that feed the Finding table (Inspector, Config). */
  findings?: CollectedFinding[];
  /** Number of items collected, for counts and progress. */
  itemCount: number;
  /**
   * Calls that failed while the others answered (sorted, see call-recorder.ts). The evidence parts they
   * would have filled are placeholders; rules that need them read UNKNOWN. Absent or empty: every call answered.
   */
  failedCalls?: FailedCall[];
}

export interface CollectorDefinition<E = unknown> {
  /** Stable key stored in Evidence.collector and SyncStep.collector, e.g. "iam", "cloudtrail". */
  key: string;
  /** The AWS service named in error attributions, e.g. "iam", "inspector2". */
  service: string;
  /** Global collectors run once (region "global"); regional ones once per configured region. */
  scope: "global" | "regional";
  /** Finding sources this collector reports completely per region: an empty collection resolves their open findings. */
  findingSources?: readonly CollectedFinding["source"][];
  collect(session: AccountSession, region: string): Promise<CollectorOutput<E>>;
}
