import { AwsError } from "../core/errors";
import type { ServiceModel } from "../models";
import type { OperationCall, ProtocolCodec, WireError } from "./codec";
import { jsonValue } from "./serialize";
import type { HttpRequestData, HttpResponseData } from "./types";

// awsJson1_0 / 1_1: POST / routed by X-Amz-Target "<targetPrefix>.<Operation>"; timestamps are
// epoch seconds; errors carry __type (and x-amzn-ErrorType, which the SDK reads first).

export function parseJsonBody(request: HttpRequestData): Record<string, unknown> {
  const text = request.body.toString("utf8").trim();
  if (text === "") return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new AwsError("SerializationException", "Request body is not valid JSON", 400);
  }
}

/**
 * botocore models CloudTrail's prefix as com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101, while the
 * SDK v3 client sends the short form CloudTrail_20131101: both name the service.
 */
export function isTargetPrefixOf(model: ServiceModel, prefix: string): boolean {
  const modelled = model.metadata.targetPrefix;
  return modelled !== undefined && (modelled === prefix || modelled.endsWith(`.${prefix}`));
}

function contentType(model: ServiceModel): string {
  return `application/x-amz-json-${model.metadata.jsonVersion ?? "1.1"}`;
}

export const jsonCodec: ProtocolCodec = {
  name: "json",
  decode(model, request): OperationCall | undefined {
    const target = request.headers["x-amz-target"] ?? "";
    const separator = target.lastIndexOf(".");
    if (!isTargetPrefixOf(model, target.slice(0, separator))) return undefined;
    const operation = target.slice(separator + 1);
    if (!model.operations[operation]) return undefined;
    return { operation, input: parseJsonBody(request) };
  },
  encodeSuccess(model, operation, output, requestId): HttpResponseData {
    const outputShape = model.operations[operation].output?.shape;
    const body = outputShape ? jsonValue(model, outputShape, output) : {};
    return {
      status: 200,
      headers: { "content-type": contentType(model), "x-amzn-requestid": requestId },
      body: JSON.stringify(body),
    };
  },
  encodeError(model, error: WireError, requestId): HttpResponseData {
    return {
      status: error.status,
      headers: {
        "content-type": contentType(model),
        "x-amzn-requestid": requestId,
        "x-amzn-errortype": error.code,
        ...error.headers,
      },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  },
};
