import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { ServiceDefinition } from "../core/service";

// GuardDuty (restJson1, regional). No detector in a region = GuardDuty off there; an unknown
// detector id is BadRequestException (400), GuardDuty's error for bad input.
export const guarddutyService: ServiceDefinition = {
  key: "guardduty",
  protocol: "restJson",
  signingName: "guardduty",
  actionPrefix: "guardduty",
  errorCodes: {
    invalidPaginationToken: { code: "BadRequestException", status: 400 },
    validation: { code: "BadRequestException", status: 400 },
    serverError: { code: "InternalServerErrorException", status: 500 },
  },
  operations: {
    ListDetectors(input, context) {
      const detectors = context.index.detectors.filter((detector) => detector.region === context.region);
      const page = context.paginate(
        detectors,
        input.NextToken,
        pageSize(input.MaxResults, { defaultSize: 50, maximum: 50, parameter: "maxResults" }),
      );
      return { DetectorIds: page.items.map((detector) => detector.id), NextToken: page.nextToken };
    },
    GetDetector(input, context) {
      const detector = context.index.detectors.find(
        (entry) => entry.region === context.region && entry.id === input.DetectorId,
      );
      if (!detector) {
        throw new AwsError(
          "BadRequestException",
          "The request is rejected because the input detectorId is not owned by the current account.",
          400,
        );
      }
      const { item } = detector;
      return {
        CreatedAt: context.date(item.createdAt).toISOString(),
        UpdatedAt: context.date(item.updatedAt ?? item.createdAt).toISOString(),
        FindingPublishingFrequency: item.findingPublishingFrequency,
        ServiceRole: `arn:aws:iam::${context.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        Status: item.status,
        Features: item.features.map((feature) => ({
          Name: feature.name,
          Status: feature.status,
          UpdatedAt: context.date(item.createdAt),
        })),
        Tags: item.tags,
      };
    },
  },
};
