import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { type SimulatorHandle, type SimulatorOptions, startSimulator } from "./server";

// Helpers shared by the simulator's own tests: boot a simulator and get audit-role credentials
// through a real STS AssumeRole, as the collectors do.

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration?: Date;
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator({ port: 0, ...options });
}

export function baseCredentials(simulator: SimulatorHandle) {
  return { accessKeyId: simulator.baseIdentity.accessKeyId, secretAccessKey: simulator.baseIdentity.secretAccessKey };
}

export async function assumeAuditRole(
  simulator: SimulatorHandle,
  accountId: string,
  externalId: string | undefined,
  roleName = "RampartAudit",
): Promise<TemporaryCredentials> {
  const sts = new STSClient({
    region: "us-east-1",
    endpoint: simulator.url,
    credentials: baseCredentials(simulator),
    maxAttempts: 1,
  });
  const response = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
      RoleSessionName: "rampart-test",
      ExternalId: externalId,
    }),
  );
  const credentials = response.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken)
    throw new Error("AssumeRole returned no credentials");
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}

/** Client options for an SDK v3 client pointed at the simulator: one attempt, no IMDS, no profile. */
export function clientOptions(simulator: SimulatorHandle, credentials: TemporaryCredentials, region = "us-east-1") {
  return { region, endpoint: simulator.url, credentials, maxAttempts: 1 };
}
