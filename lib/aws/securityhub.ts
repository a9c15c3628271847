import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { withSessionClient } from "./clients";
import { hasAwsErrorCode, redactSecrets, toAwsCallError } from "./errors";
import { toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "securityhub";

export interface SecurityHubEvidence {
  region: string;
  /** false = not subscribed (InvalidAccessException): DET-6 fails, it is not UNKNOWN. */
  enabled: boolean;
  hubArn: string | null;
  subscribedAt: string | null;
  autoEnableControls: boolean | null;
  /** AWS's own words when it answered "not subscribed". */
  notEnabledReason: string | null;
}

export async function describeHub(client: SecurityHubClient, region: string): Promise<SecurityHubEvidence> {
  try {
    const response = await client.send(new DescribeHubCommand({}));
    return {
      region,
      enabled: true,
      hubArn: response.HubArn ?? null,
      subscribedAt: toIsoString(response.SubscribedAt),
      autoEnableControls: response.AutoEnableControls ?? null,
      notEnabledReason: null,
    };
  } catch (error) {
    // Security Hub answers "Account … is not subscribed to AWS Security Hub" as InvalidAccessException.
    if (hasAwsErrorCode(error, "InvalidAccessException")) {
      return {
        region,
        enabled: false,
        hubArn: null,
        subscribedAt: null,
        autoEnableControls: null,
        notEnabledReason: error instanceof Error ? redactSecrets(error.message) : "not subscribed",
      };
    }
    throw toAwsCallError(error, { service: SERVICE, operation: "DescribeHub", region });
  }
}

export const securityHubCollector: CollectorDefinition<SecurityHubEvidence> = {
  key: "securityhub",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const evidence = await withSessionClient(SecurityHubClient, session, region, (client) =>
      describeHub(client, region),
    );
    return { evidence, itemCount: evidence.enabled ? 1 : 0 };
  },
};
