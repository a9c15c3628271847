import { getShape } from "../models";
import type { OperationCall, ProtocolCodec, WireError } from "./codec";
import { matchRestOperation, restBoundInput } from "./rest-routing";
import { headerMembers, xmlContent } from "./serialize";
import type { HttpRequestData, HttpResponseData } from "./types";
import { element, escapeXml, XML_DECLARATION } from "./xml";

// restXml (S3, S3 Control): a payload member is the document root (<PolicyStatus>,
// <PublicAccessBlockConfiguration>); otherwise the members sit under the root element S3 uses
// for that operation (<VersioningConfiguration>, <Tagging>, <ListAllMyBucketsResult>, …).

const S3_NAMESPACES: Record<string, string> = {
  s3: "http://s3.amazonaws.com/doc/2006-03-01/",
  "s3-control": "http://awss3control.amazonaws.com/doc/2018-08-20/",
};

/** Root element names S3 uses for outputs without a payload member. */
const ROOT_ELEMENTS: Record<string, string> = {
  ListBuckets: "ListAllMyBucketsResult",
  GetBucketVersioning: "VersioningConfiguration",
  GetBucketLogging: "BucketLoggingStatus",
  GetBucketTagging: "Tagging",
};

export const restXmlCodec: ProtocolCodec = {
  name: "restXml",
  decode(model, request: HttpRequestData): OperationCall | undefined {
    const match = matchRestOperation(model, request);
    if (!match) return undefined;
    const inputShape = model.operations[match.operation].input?.shape;
    return { operation: match.operation, input: restBoundInput(model, inputShape, request, match.pathParams) };
  },
  encodeSuccess(model, operation, output, requestId): HttpResponseData {
    const outputShapeName = model.operations[operation].output?.shape;
    const headers = {
      "content-type": "application/xml",
      "x-amz-request-id": requestId,
      ...(outputShapeName ? headerMembers(model, outputShapeName, output) : {}),
    };
    if (!outputShapeName) return { status: 200, headers, body: "" };
    const namespaceKey = model.metadata.endpointPrefix === "s3" ? "s3" : "s3-control";
    const xmlns = ` xmlns="${S3_NAMESPACES[namespaceKey]}"`;
    const outputShape = getShape(model, outputShapeName);
    let body: string;
    if (operation === "GetBucketLocation") {
      // S3 answers <LocationConstraint>region</LocationConstraint>, empty for us-east-1.
      body = element("LocationConstraint", escapeXml(String(output.LocationConstraint ?? "")), xmlns);
    } else if (outputShape.payload) {
      const reference = outputShape.members?.[outputShape.payload];
      if (!reference) throw new Error(`payload ${outputShape.payload} missing from ${outputShapeName}`);
      const value = output[outputShape.payload];
      if (value === undefined) return { status: 200, headers, body: "" };
      body = element(
        reference.locationName ?? outputShape.payload,
        xmlContent(model, reference.shape, value, "restXml", reference),
        xmlns,
      );
    } else {
      body = element(
        ROOT_ELEMENTS[operation] ?? `${operation}Result`,
        xmlContent(model, outputShapeName, output, "restXml"),
        xmlns,
      );
    }
    return { status: 200, headers, body: XML_DECLARATION + body };
  },
  encodeError(_model, error: WireError, requestId): HttpResponseData {
    const body = element(
      "Error",
      element("Code", escapeXml(error.code)) +
        element("Message", escapeXml(error.message)) +
        element("RequestId", requestId) +
        element("HostId", Buffer.from(requestId).toString("base64")),
    );
    return {
      status: error.status,
      headers: { "content-type": "application/xml", "x-amz-request-id": requestId, ...error.headers },
      body: XML_DECLARATION + body,
    };
  },
};
