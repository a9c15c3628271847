import type { AwsClientPackage } from "../../lib/aws/read-only-operations";
import type { BaseIdentity, Caller, SessionStore } from "../auth/identities";
import type { SimDate } from "../estate/dates";
import type { EstateIndex } from "../estate/indexed";
import type { Estate } from "../estate/schema";
import type { EstateRecord, EstateStore } from "../estate/store";
import type { ErrorCodeTable, ProtocolName } from "../protocols/types";
import type { SimulatorClock } from "./clock";
import type { Page } from "./pagination";

/** Shared simulator state a handler may need beyond its own account. */
export interface SimulatorRuntime {
  estates: EstateStore;
  sessions: SessionStore;
  clock: SimulatorClock;
  base: BaseIdentity;
  /** Per-account credential-report state (IAM GenerateCredentialReport → GetCredentialReport). */
  credentialReports: Map<string, CredentialReportState>;
}

export interface CredentialReportState {
  startedAtSimulatorMs: number;
  startedAtWallMs: number;
  estateVersion: number;
  generated?: { content: string; generatedAt: Date };
}

export interface OperationContext {
  record: EstateRecord;
  estate: Estate;
  index: EstateIndex;
  accountId: string;
  /** Region from the SigV4 credential scope. */
  region: string;
  caller: Caller;
  now: Date;
  runtime: SimulatorRuntime;
  /** A truncatedPage fault fired: the next listing claims more results than it has. */
  truncatePage: boolean;
  date(value: SimDate): Date;
  /** Paginates with an opaque token scoped to this operation and filters. */
  paginate<T>(items: readonly T[], token: unknown, pageSize: number, scope?: unknown): Page<T>;
}

export type Output = Record<string, unknown>;

/** Decoded wire input keyed by model member names; its shape is checked by the botocore model, not by TypeScript. */
// biome-ignore lint/suspicious/noExplicitAny: the input shape is the model's, known only at runtime
export type OperationInput = Record<string, any>;
export type OperationHandler = (input: OperationInput, context: OperationContext) => Output | Promise<Output>;

export interface StsContext {
  caller: Caller;
  region: string;
  runtime: SimulatorRuntime;
}

export interface ServiceDefinition {
  key: AwsClientPackage;
  protocol: ProtocolName;
  /** SigV4 signing name in the credential scope. */
  signingName: string;
  /** IAM action namespace ("config" for config-service), used for deniedActions and messages. */
  actionPrefix: string;
  /** Global services log the region "global" whatever region signed the request. */
  global?: boolean;
  errorCodes?: Partial<ErrorCodeTable>;
  operations: Record<string, OperationHandler>;
}
