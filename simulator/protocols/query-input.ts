import { getShape, type MemberReference, type ServiceModel } from "../models";

// Parses an awsQuery / ec2 form body into an object keyed by model member names.
// awsQuery lists: Name.member.N (or Name.N when flattened); ec2 lists: Name.N, where ec2 names come
// from queryName or the capitalised locationName (botocore EC2QuerySerializer).

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function serializedName(name: string, reference: MemberReference, flavor: "query" | "ec2"): string {
  if (flavor === "ec2")
    return reference.queryName ?? (reference.locationName ? upperFirst(reference.locationName) : name);
  return reference.locationName ?? name;
}

function hasPrefix(params: Map<string, string>, prefix: string): boolean {
  for (const key of params.keys()) if (key === prefix || key.startsWith(`${prefix}.`)) return true;
  return false;
}

function parseValue(
  model: ServiceModel,
  reference: MemberReference,
  params: Map<string, string>,
  key: string,
  flavor: "query" | "ec2",
): unknown {
  const shape = getShape(model, reference.shape);
  switch (shape.type) {
    case "structure":
      return hasPrefix(params, key) ? parseStructure(model, reference.shape, params, `${key}.`, flavor) : undefined;
    case "list": {
      const item = shape.member as MemberReference;
      const itemPrefix = flavor === "ec2" || shape.flattened ? key : `${key}.${item.locationName ?? "member"}`;
      const items: unknown[] = [];
      for (let index = 1; hasPrefix(params, `${itemPrefix}.${index}`); index++) {
        items.push(parseValue(model, item, params, `${itemPrefix}.${index}`, flavor));
      }
      return items.length > 0 ? items : undefined;
    }
    case "map": {
      const entries: Record<string, unknown> = {};
      for (let index = 1; params.has(`${key}.entry.${index}.key`); index++) {
        entries[params.get(`${key}.entry.${index}.key`) as string] = params.get(`${key}.entry.${index}.value`);
      }
      return Object.keys(entries).length > 0 ? entries : undefined;
    }
    default: {
      const raw = params.get(key);
      if (raw === undefined) return undefined;
      if (shape.type === "integer" || shape.type === "long") return Number.parseInt(raw, 10);
      if (shape.type === "boolean") return raw === "true";
      if (shape.type === "timestamp") return new Date(raw);
      return raw;
    }
  }
}

function parseStructure(
  model: ServiceModel,
  shapeName: string,
  params: Map<string, string>,
  prefix: string,
  flavor: "query" | "ec2",
): Record<string, unknown> {
  const shape = getShape(model, shapeName);
  const out: Record<string, unknown> = {};
  for (const [name, reference] of Object.entries(shape.members ?? {})) {
    const value = parseValue(model, reference, params, `${prefix}${serializedName(name, reference, flavor)}`, flavor);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function parseQueryInput(
  model: ServiceModel,
  shapeName: string | undefined,
  params: Map<string, string>,
  flavor: "query" | "ec2",
): Record<string, unknown> {
  return shapeName ? parseStructure(model, shapeName, params, "", flavor) : {};
}
