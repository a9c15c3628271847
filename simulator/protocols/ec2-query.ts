import type { ProtocolCodec, WireError } from "./codec";
import { decodeFormOperation } from "./query";
import { xmlContent } from "./serialize";
import type { HttpResponseData } from "./types";
import { element, escapeXml, XML_DECLARATION } from "./xml";

// EC2's own query dialect: no <OpResult> wrapper, <requestId> first, <item> lists, lowerCamel names;
// errors are <Response><Errors><Error>…</Error></Errors><RequestID/></Response> (aws-api-map.md §7).

const XML_HEADERS = { "content-type": "text/xml;charset=UTF-8" };

export const ec2Codec: ProtocolCodec = {
  name: "ec2",
  decode: (model, request) => decodeFormOperation(model, request, "ec2"),
  encodeSuccess(model, operation, output, requestId): HttpResponseData {
    const outputShape = model.operations[operation].output?.shape;
    const content = outputShape ? xmlContent(model, outputShape, output, "ec2") : "";
    const namespace = `${model.metadata.xmlNamespace?.replace(/\/$/, "")}/`;
    const body = `<${operation}Response xmlns="${namespace}">${element("requestId", requestId)}${content}</${operation}Response>`;
    return { status: 200, headers: { ...XML_HEADERS }, body: XML_DECLARATION + body };
  },
  encodeError(_model, error: WireError, requestId): HttpResponseData {
    const body =
      "<Response>" +
      element(
        "Errors",
        element("Error", element("Code", escapeXml(error.code)) + element("Message", escapeXml(error.message))),
      ) +
      element("RequestID", requestId) +
      "</Response>";
    return { status: error.status, headers: { ...XML_HEADERS, ...error.headers }, body: XML_DECLARATION + body };
  },
};
