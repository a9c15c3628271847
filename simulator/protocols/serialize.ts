import { getShape, type MemberReference, type ServiceModel, type Shape } from "../models";
import { element, escapeXml } from "./xml";

// Model-driven serialization of handler output. Handlers return plain objects keyed by the
// model's member names (PascalCase for most services, lowerCamel for Inspector2); these functions
// apply each protocol's wire names and formats. An unknown member throws: a typo in a handler
// must fail a test rather than silently vanish from the response.

export type XmlFlavor = "query" | "ec2" | "restXml";

function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value * 1000);
  if (typeof value === "string") return new Date(value);
  throw new Error(`not a timestamp: ${String(value)}`);
}

/** ISO 8601 without milliseconds, as IAM, STS and EC2 print them. */
export function isoTimestamp(value: unknown): string {
  return toDate(value)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
}

function formatTimestamp(
  value: unknown,
  format: string | undefined,
  fallback: "iso8601" | "unixTimestamp",
): string | number {
  const date = toDate(value);
  switch (format ?? fallback) {
    case "unixTimestamp":
      return date.getTime() / 1000;
    case "rfc822":
      return date.toUTCString();
    default:
      return isoTimestamp(date);
  }
}

function scalarText(shape: Shape, reference: MemberReference | undefined, value: unknown): string {
  switch (shape.type) {
    case "timestamp":
      return String(formatTimestamp(value, reference?.timestampFormat ?? shape.timestampFormat, "iso8601"));
    case "boolean":
      return value ? "true" : "false";
    case "blob":
      return Buffer.isBuffer(value) ? value.toString("base64") : Buffer.from(String(value)).toString("base64");
    default:
      return String(value);
  }
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function memberElementName(name: string, reference: MemberReference, flavor: XmlFlavor): string {
  if (reference.locationName) return reference.locationName;
  return flavor === "ec2" ? lowerFirst(name) : name;
}

function assertKnownMembers(shapeName: string, shape: Shape, value: Record<string, unknown>): void {
  for (const key of Object.keys(value)) {
    if (!shape.members?.[key]) throw new Error(`handler output has ${key}, which is not a member of ${shapeName}`);
  }
}

/** The content (children) of an XML element holding a value of the given shape. */
export function xmlContent(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  flavor: XmlFlavor,
  reference?: MemberReference,
): string {
  const shape = getShape(model, shapeName);
  if (shape.type === "structure") {
    const record = value as Record<string, unknown>;
    assertKnownMembers(shapeName, shape, record);
    let out = "";
    for (const [name, memberReference] of Object.entries(shape.members ?? {})) {
      const memberValue = record[name];
      if (memberValue === undefined || memberValue === null) continue;
      if (memberReference.location) continue;
      out += xmlMember(model, name, memberReference, memberValue, flavor);
    }
    return out;
  }
  if (shape.type === "list") {
    const itemReference = shape.member as MemberReference;
    const itemName = itemReference.locationName ?? "member";
    return (value as unknown[])
      .map((item) => element(itemName, xmlContent(model, itemReference.shape, item, flavor, itemReference)))
      .join("");
  }
  if (shape.type === "map") {
    const keyName = shape.key?.locationName ?? "key";
    const valueName = shape.value?.locationName ?? "value";
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => {
        const valueContent = xmlContent(model, (shape.value as MemberReference).shape, item, flavor);
        return element("entry", element(keyName, escapeXml(key)) + element(valueName, valueContent));
      })
      .join("");
  }
  return escapeXml(scalarText(shape, reference, value));
}

function xmlMember(
  model: ServiceModel,
  name: string,
  reference: MemberReference,
  value: unknown,
  flavor: XmlFlavor,
): string {
  const shape = getShape(model, reference.shape);
  const flattened = shape.type === "list" && (shape.flattened || reference.flattened);
  if (flattened) {
    // botocore _member_key_name: a flattened list repeats its member's locationName, else the member name.
    const itemReference = shape.member as MemberReference;
    const itemName = itemReference.locationName ?? memberElementName(name, reference, flavor);
    return (value as unknown[])
      .map((item) => element(itemName, xmlContent(model, itemReference.shape, item, flavor, itemReference)))
      .join("");
  }
  return element(
    memberElementName(name, reference, flavor),
    xmlContent(model, reference.shape, value, flavor, reference),
  );
}

/** JSON body value for awsJson and restJson: epoch-second timestamps, base64 blobs. */
export function jsonValue(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  reference?: MemberReference,
): unknown {
  const shape = getShape(model, shapeName);
  switch (shape.type) {
    case "structure": {
      const record = value as Record<string, unknown>;
      assertKnownMembers(shapeName, shape, record);
      const out: Record<string, unknown> = {};
      for (const [name, memberReference] of Object.entries(shape.members ?? {})) {
        const memberValue = record[name];
        if (memberValue === undefined || memberValue === null) continue;
        if (memberReference.location) continue;
        out[memberReference.locationName ?? name] = jsonValue(
          model,
          memberReference.shape,
          memberValue,
          memberReference,
        );
      }
      return out;
    }
    case "list": {
      const itemReference = shape.member as MemberReference;
      return (value as unknown[]).map((item) => jsonValue(model, itemReference.shape, item, itemReference));
    }
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        out[key] = jsonValue(model, (shape.value as MemberReference).shape, item);
      }
      return out;
    }
    case "timestamp":
      return formatTimestamp(value, reference?.timestampFormat ?? shape.timestampFormat, "unixTimestamp");
    case "blob":
      return Buffer.isBuffer(value) ? value.toString("base64") : Buffer.from(String(value)).toString("base64");
    case "integer":
    case "long":
    case "double":
    case "float":
      return Number(value);
    case "boolean":
      return Boolean(value);
    default:
      return String(value);
  }
}

/** Header-bound output members (restJson/restXml), e.g. x-amz-bucket-region. */
export function headerMembers(
  model: ServiceModel,
  shapeName: string,
  value: Record<string, unknown>,
): Record<string, string> {
  const shape = getShape(model, shapeName);
  const headers: Record<string, string> = {};
  for (const [name, reference] of Object.entries(shape.members ?? {})) {
    if (reference.location !== "header" || value[name] === undefined || value[name] === null) continue;
    const memberShape = getShape(model, reference.shape);
    headers[reference.locationName ?? name] =
      memberShape.type === "timestamp"
        ? String(formatTimestamp(value[name], reference.timestampFormat ?? "rfc822", "iso8601"))
        : scalarText(memberShape, reference, value[name]);
  }
  return headers;
}
