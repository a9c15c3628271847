import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import type { SecurityHubEvidence } from "../evidence/securityhub";
import { withSessionClient } from "./clients";
import { hasAwsErrorCode, redactSecrets, toAwsCallError } from "./errors";
import { toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "securityhub";

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
