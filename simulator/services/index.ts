import type { ServiceDefinition } from "../core/service";
import { accountService } from "./account";
import { acmService } from "./acm";
import { backupService } from "./backup";
import { budgetsService } from "./budgets";
import { cloudtrailService } from "./cloudtrail";
import { cloudwatchLogsService } from "./cloudwatch-logs";
import { configService } from "./config-service";
import { ec2Service } from "./ec2";
import { elasticLoadBalancingV2Service } from "./elastic-load-balancing-v2";
import { guarddutyService } from "./guardduty";
import { iamService } from "./iam";
import { inspector2Service } from "./inspector2";
import { kmsService } from "./kms";
import { organizationsService } from "./organizations";
import { rdsService } from "./rds";
import { resourceGroupsTaggingApiService } from "./resource-groups-tagging-api";
import { s3Service } from "./s3";
import { s3ControlService } from "./s3-control";
import { securityHubService } from "./securityhub";
import { stsService } from "./sts";

/** One module per lib/aws client; each answers exactly its READ_ONLY_OPERATIONS entry. */
export const SERVICES: ServiceDefinition[] = [
  stsService,
  iamService,
  accountService,
  organizationsService,
  budgetsService,
  cloudtrailService,
  cloudwatchLogsService,
  s3Service,
  s3ControlService,
  kmsService,
  ec2Service,
  configService,
  guarddutyService,
  inspector2Service,
  backupService,
  acmService,
  rdsService,
  elasticLoadBalancingV2Service,
  resourceGroupsTaggingApiService,
  securityHubService,
];
