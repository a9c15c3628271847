import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, EndpointV2, Provider } from "@smithy/types";
import type { AccountSession } from "./types";

/** IAM, Budgets, Organizations and Account are global services served from us-east-1 (api-map §0). */
export const GLOBAL_REGION = "us-east-1";

/** The region label global collectors run under (CollectorDefinition.scope "global"). */
import { GLOBAL_SCOPE_LABEL } from "../evidence/scope";

export { GLOBAL_SCOPE_LABEL };

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;

export interface AwsClientOptions {
  /** Overrides AWS_MAX_ATTEMPTS and the default of 5 (fast negative tests use 1). */
  maxAttempts?: number;
  /** Whole request/response budget per attempt; a breach throws TimeoutError, which the SDK retries. */
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
}

/** Credentials and region for one client: an account session, or Rampart's own base identity (STS). */
export interface AwsClientTarget {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  region: string;
}

/** The configuration every client gets; the constructor of any `@aws-sdk/client-*` client accepts it. */
interface SharedClientConfig {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts?: number | Provider<number>;
  retryMode: string;
  requestHandler: {
    requestTimeout: number;
    connectionTimeout: number;
    throwOnRequestTimeout: boolean;
  };
}

export type AwsClientClass<TClient> = new (config: SharedClientConfig) => TClient;

/** The SDK's own endpoint variables (api-map §5); Rampart's env.ts leaves AWS_* settings to the SDK. */
function configuredEndpointUrl(serviceEnvSuffix: string): string | undefined {
  if (isTrue(process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)) return undefined;
  return process.env[`AWS_ENDPOINT_URL_${serviceEnvSuffix}`] || process.env.AWS_ENDPOINT_URL || undefined;
}

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === "true" || value === "1";
}

function resolveMaxAttempts(explicit: number | undefined): number | undefined {
  if (explicit !== undefined) return explicit;
  // Leave it unset when AWS_MAX_ATTEMPTS is present so the SDK reads (and validates) it itself.
  return process.env.AWS_MAX_ATTEMPTS ? undefined : DEFAULT_MAX_ATTEMPTS;
}

/**
 * Builds any SDK v3 client for one region. There is deliberately no `endpoint` option: endpoints
 * come from the SDK's own AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> resolution, so production
 * talks to AWS and tests to the simulator with the same code. The two exceptions are S3 and S3 Control.
 */
export function createAwsClient<TClient>(
  ClientClass: AwsClientClass<TClient>,
  target: AwsClientTarget,
  options: AwsClientOptions = {},
): TClient {
  const config: SharedClientConfig = {
    region: target.region,
    credentials: target.credentials,
    maxAttempts: resolveMaxAttempts(options.maxAttempts),
    // Adaptive adds client-side rate limiting on top of standard retries: Quasar-style throttling
    // (api-map §7) slows the whole client down instead of burning the attempts.
    retryMode: "adaptive",
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      // Without this flag the Node handler only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    },
  };
  if (config.maxAttempts === undefined) delete config.maxAttempts;

  if ((ClientClass as unknown) === S3Client) {
    // A hostname endpoint (http://localhost:P) makes the SDK use virtual-host style
    // (bucket.localhost → ENOTFOUND); path style works for IP literals and hostnames alike (api-map §5).
    const s3Endpoint = configuredEndpointUrl("S3");
    return new ClientClass({ ...config, ...(s3Endpoint ? { forcePathStyle: true } : {}) } as SharedClientConfig);
  }
  if ((ClientClass as unknown) === S3ControlClient) {
    // S3 Control's endpoint rules prefix "{AccountId}." to any custom host, which yields an invalid
    // URL for an IP literal and ENOTFOUND for localhost, and disableHostPrefix does not stop it
    // (api-map §5, verified). Only an endpointProvider that returns the configured URL works; the
    // request still signs as "s3" and still carries x-amz-account-id.
    const controlEndpoint = configuredEndpointUrl("S3_CONTROL");
    if (controlEndpoint) {
      const endpointProvider = (): EndpointV2 => ({ url: new URL(controlEndpoint) });
      return new ClientClass({ ...config, endpointProvider } as SharedClientConfig);
    }
  }
  return new ClientClass(config);
}

/** A client for one account session in one region ("global" maps to us-east-1). */
export function createSessionClient<TClient>(
  ClientClass: AwsClientClass<TClient>,
  session: AccountSession,
  region: string,
  options?: AwsClientOptions,
): TClient {
  const clientRegion = region === GLOBAL_SCOPE_LABEL ? GLOBAL_REGION : region;
  return createAwsClient(
    ClientClass,
    { credentials: session.credentials, region: clientRegion },
    { ...session.clientOptions, ...options },
  );
}

/** Runs `use` with a fresh session client and releases its sockets afterwards. */
export async function withSessionClient<TClient extends { destroy(): void }, T>(
  ClientClass: AwsClientClass<TClient>,
  session: AccountSession,
  region: string,
  use: (client: TClient) => Promise<T>,
  options?: AwsClientOptions,
): Promise<T> {
  const client = createSessionClient(ClientClass, session, region, options);
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}
