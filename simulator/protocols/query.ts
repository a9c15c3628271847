import type { ServiceModel } from "../models";
import type { OperationCall, ProtocolCodec, WireError } from "./codec";
import { parseQueryInput } from "./query-input";
import { xmlContent } from "./serialize";
import type { HttpRequestData, HttpResponseData } from "./types";
import { element, escapeXml, XML_DECLARATION } from "./xml";

// awsQuery (STS, IAM, ELBv2, RDS): POST / with Action=…&Version=… in a form body; responses are
// <OpResponse><OpResult>…</OpResult><ResponseMetadata/></OpResponse> with <member> lists.

export function formParameters(request: HttpRequestData): Map<string, string> {
  const params = new Map<string, string>(request.query);
  for (const [key, value] of new URLSearchParams(request.body.toString("utf8"))) params.set(key, value);
  return params;
}

export function decodeFormOperation(
  model: ServiceModel,
  request: HttpRequestData,
  flavor: "query" | "ec2",
): OperationCall | undefined {
  const params = formParameters(request);
  const operation = params.get("Action");
  if (!operation || !model.operations[operation]) return undefined;
  return { operation, input: parseQueryInput(model, model.operations[operation].input?.shape, params, flavor) };
}

const XML_HEADERS = { "content-type": "text/xml" };

export const queryCodec: ProtocolCodec = {
  name: "query",
  decode: (model, request) => decodeFormOperation(model, request, "query"),
  encodeSuccess(model, operation, output, requestId): HttpResponseData {
    const outputReference = model.operations[operation].output;
    const result = outputReference ? xmlContent(model, outputReference.shape, output, "query") : "";
    const wrapper = outputReference?.resultWrapper ?? `${operation}Result`;
    const body =
      `<${operation}Response xmlns="${model.metadata.xmlNamespace}">` +
      element(wrapper, result) +
      element("ResponseMetadata", element("RequestId", requestId)) +
      `</${operation}Response>`;
    return { status: 200, headers: { ...XML_HEADERS, "x-amzn-requestid": requestId }, body: XML_DECLARATION + body };
  },
  encodeError(model, error: WireError, requestId): HttpResponseData {
    const type = error.status >= 500 ? "Receiver" : "Sender";
    const body =
      `<ErrorResponse xmlns="${model.metadata.xmlNamespace}">` +
      element(
        "Error",
        element("Type", type) + element("Code", escapeXml(error.code)) + element("Message", escapeXml(error.message)),
      ) +
      element("RequestId", requestId) +
      "</ErrorResponse>";
    return {
      status: error.status,
      headers: { ...XML_HEADERS, "x-amzn-requestid": requestId, ...error.headers },
      body: XML_DECLARATION + body,
    };
  },
};
