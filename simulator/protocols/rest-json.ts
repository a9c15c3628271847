import { getShape, type ServiceModel } from "../models";
import type { OperationCall, ProtocolCodec, WireError } from "./codec";
import { parseJsonBody } from "./json";
import { matchRestOperation, restBoundInput } from "./rest-routing";
import { headerMembers, jsonValue } from "./serialize";
import type { HttpRequestData, HttpResponseData } from "./types";

// restJson1 (Inspector2, GuardDuty, Backup, Account, Security Hub): method + path routing, JSON
// bodies keyed by locationName; errors name their code in x-amzn-ErrorType with a {message} body.

function bodyInput(
  model: ServiceModel,
  shapeName: string | undefined,
  body: Record<string, unknown>,
): Record<string, unknown> {
  if (!shapeName) return {};
  const out: Record<string, unknown> = {};
  for (const [name, reference] of Object.entries(getShape(model, shapeName).members ?? {})) {
    if (reference.location) continue;
    const value = body[reference.locationName ?? name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export const restJsonCodec: ProtocolCodec = {
  name: "restJson",
  decode(model, request: HttpRequestData): OperationCall | undefined {
    const match = matchRestOperation(model, request);
    if (!match) return undefined;
    const inputShape = model.operations[match.operation].input?.shape;
    return {
      operation: match.operation,
      input: {
        ...bodyInput(model, inputShape, parseJsonBody(request)),
        ...restBoundInput(model, inputShape, request, match.pathParams),
      },
    };
  },
  encodeSuccess(model, operation, output, requestId): HttpResponseData {
    const definition = model.operations[operation];
    const outputShape = definition.output?.shape;
    const body = outputShape ? jsonValue(model, outputShape, output) : {};
    return {
      status: definition.http.responseCode ?? 200,
      headers: {
        "content-type": "application/json",
        "x-amzn-requestid": requestId,
        ...(outputShape ? headerMembers(model, outputShape, output) : {}),
      },
      body: JSON.stringify(body),
    };
  },
  encodeError(_model, error: WireError, requestId): HttpResponseData {
    return {
      status: error.status,
      headers: {
        "content-type": "application/json",
        "x-amzn-requestid": requestId,
        "x-amzn-errortype": error.code,
        ...error.headers,
      },
      body: JSON.stringify({ message: error.message }),
    };
  },
};
