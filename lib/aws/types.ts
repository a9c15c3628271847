import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { AwsClientOptions } from "./clients";

/** Finding severities as Rampart stores them (Inspector's UNTRIAGED maps to INFORMATIONAL). */
export type FindingSeverity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL";

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
}

export interface CollectorOutput<E> {
  evidence: E;
  /** Present only for collectors that feed the Finding table (Inspector, Config). */
  findings?: CollectedFinding[];
  /** Number of items collected, for counts and progress. */
  itemCount: number;
}

export interface CollectorDefinition<E = unknown> {
  /** Stable key stored in Evidence.collector and SyncStep.collector, e.g. "iam", "cloudtrail". */
  key: string;
  /** The AWS service named in error attributions, e.g. "iam", "inspector2". */
  service: string;
  /** Global collectors run once (region "global"); regional ones once per configured region. */
  scope: "global" | "regional";
  collect(session: AccountSession, region: string): Promise<CollectorOutput<E>>;
}
