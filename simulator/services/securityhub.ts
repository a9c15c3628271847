import { AwsError } from "../core/errors";
import type { ServiceDefinition } from "../core/service";

// Security Hub (restJson1, GET /accounts). Not enabled in the region: InvalidAccessException (401)
// "Account … is not subscribed to AWS Security Hub".
export const securityHubService: ServiceDefinition = {
  key: "securityhub",
  protocol: "restJson",
  signingName: "securityhub",
  actionPrefix: "securityhub",
  errorCodes: { throttle: { code: "TooManyRequestsException", status: 429 } },
  operations: {
    DescribeHub(input, context) {
      const hub = context.estate.securityHub.find(
        (entry) => (entry.region ?? context.index.defaultRegion) === context.region,
      );
      const hubArn = `arn:aws:securityhub:${context.region}:${context.accountId}:hub/default`;
      if (!hub || (input.HubArn && input.HubArn !== hubArn)) {
        throw new AwsError(
          "InvalidAccessException",
          `Account ${context.accountId} is not subscribed to AWS Security Hub`,
          401,
        );
      }
      return {
        HubArn: hubArn,
        SubscribedAt: context.date(hub.subscribedAt).toISOString(),
        AutoEnableControls: hub.autoEnableControls,
        ControlFindingGenerator: hub.controlFindingGenerator,
      };
    },
  },
};
