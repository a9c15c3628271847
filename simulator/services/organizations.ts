import { AwsError } from "../core/errors";
import type { ServiceDefinition } from "../core/service";

// Organizations (awsJson1_1, global). DescribeOrganization works from any member account;
// an account outside any organization gets AWSOrganizationsNotInUseException.
export const organizationsService: ServiceDefinition = {
  key: "organizations",
  protocol: "json",
  signingName: "organizations",
  actionPrefix: "organizations",
  global: true,
  errorCodes: { throttle: { code: "TooManyRequestsException", status: 400 } },
  operations: {
    DescribeOrganization(_input, context) {
      const organization = context.estate.organization;
      if (!organization) {
        throw new AwsError(
          "AWSOrganizationsNotInUseException",
          "Your account is not a member of an organization.",
          400,
        );
      }
      const management = organization.managementAccountId;
      return {
        Organization: {
          Id: organization.id,
          Arn: `arn:aws:organizations::${management}:organization/${organization.id}`,
          FeatureSet: organization.featureSet,
          MasterAccountArn: `arn:aws:organizations::${management}:account/${organization.id}/${management}`,
          MasterAccountId: management,
          MasterAccountEmail: organization.managementAccountEmail,
          AvailablePolicyTypes:
            organization.featureSet === "ALL" ? [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }] : [],
        },
      };
    },
  },
};
