import type { AwsClientPackage } from "../../lib/aws/read-only-operations";
import account from "./account.json";
import acm from "./acm.json";
import backup from "./backup.json";
import budgets from "./budgets.json";
import cloudtrail from "./cloudtrail.json";
import cloudwatchLogs from "./cloudwatch-logs.json";
import configService from "./config-service.json";
import ec2 from "./ec2.json";
import elasticLoadBalancingV2 from "./elastic-load-balancing-v2.json";
import guardduty from "./guardduty.json";
import iam from "./iam.json";
import inspector2 from "./inspector2.json";
import kms from "./kms.json";
import organizations from "./organizations.json";
import rds from "./rds.json";
import resourceGroupsTaggingApi from "./resource-groups-tagging-api.json";
import s3 from "./s3.json";
import s3Control from "./s3-control.json";
import securityhub from "./securityhub.json";
import sts from "./sts.json";

// Trimmed botocore models (see extract-models.ts). The codecs walk these so that element names,
// list wrappers and timestamp formats are the ones AWS puts on the wire, not our guesses.

export interface MemberReference {
  shape: string;
  locationName?: string;
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  queryName?: string;
  flattened?: boolean;
  timestampFormat?: string;
  xmlNamespace?: { uri: string };
}

export interface Shape {
  type: string;
  members?: Record<string, MemberReference>;
  member?: MemberReference;
  key?: MemberReference;
  value?: MemberReference;
  required?: string[];
  flattened?: boolean;
  locationName?: string;
  timestampFormat?: string;
  payload?: string;
  enum?: string[];
  error?: { code?: string; httpStatusCode?: number };
  exception?: boolean;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    protocol: string;
    targetPrefix?: string;
    jsonVersion?: string;
    xmlNamespace?: string;
    signingName?: string;
    endpointPrefix: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

export const SERVICE_MODELS = {
  sts,
  iam,
  account,
  organizations,
  budgets,
  cloudtrail,
  "cloudwatch-logs": cloudwatchLogs,
  s3,
  "s3-control": s3Control,
  kms,
  ec2,
  "config-service": configService,
  guardduty,
  inspector2,
  backup,
  acm,
  rds,
  "elastic-load-balancing-v2": elasticLoadBalancingV2,
  "resource-groups-tagging-api": resourceGroupsTaggingApi,
  securityhub,
} as unknown as Record<AwsClientPackage, ServiceModel>;

export function getShape(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`shape ${name} is not in the ${model.metadata.endpointPrefix} model`);
  return shape;
}
