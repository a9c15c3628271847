import type { SimulatorHandle } from "./server";

/**
 * The standard AWS variables that point the SDK (and the AWS CLI) at a running simulator with its base
 * identity: the endpoint through AWS_ENDPOINT_URL only, no instance metadata, no shared config files.
 */
export function simulatorAwsEnvironment(
  simulator: Pick<SimulatorHandle, "url" | "baseIdentity">,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: simulator.url,
    AWS_ACCESS_KEY_ID: simulator.baseIdentity.accessKeyId,
    AWS_SECRET_ACCESS_KEY: simulator.baseIdentity.secretAccessKey,
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  };
}
