import { AwsError } from "../core/errors";
import type { ServiceDefinition } from "../core/service";
import { noPublicAccessBlock } from "./s3";

// S3 Control (restXml, /v20180820/…, account in the x-amz-account-id header, signed as "s3").
export const s3ControlService: ServiceDefinition = {
  key: "s3-control",
  protocol: "restXml",
  signingName: "s3",
  actionPrefix: "s3",
  operations: {
    GetPublicAccessBlock(input, context) {
      if (input.AccountId !== context.accountId) throw new AwsError("AccessDenied", "Access Denied", 403);
      const configuration = context.estate.s3.accountPublicAccessBlock;
      if (!configuration) throw noPublicAccessBlock();
      return {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: configuration.blockPublicAcls,
          IgnorePublicAcls: configuration.ignorePublicAcls,
          BlockPublicPolicy: configuration.blockPublicPolicy,
          RestrictPublicBuckets: configuration.restrictPublicBuckets,
        },
      };
    },
  },
};
