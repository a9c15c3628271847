// Dev script: trims botocore's service models down to the operations Rampart may call
// (lib/aws/read-only-operations.ts) and the shapes they reach, so the simulator's codecs
// serialize exactly the wire names AWS uses. Run after a botocore upgrade:
//   tsx simulator/models/extract-models.ts [path/to/botocore]
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { READ_ONLY_OPERATIONS } from "../../lib/aws/read-only-operations";
import { BOTOCORE_SERVICE_NAMES } from "./service-names";

interface RawModel {
  metadata: Record<string, unknown>;
  operations: Record<string, Record<string, unknown>>;
  shapes: Record<string, Record<string, unknown>>;
}

const DROPPED_KEYS = new Set(["documentation", "documentationUrl", "examples", "deprecatedMessage"]);

function stripDocumentation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocumentation);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (!DROPPED_KEYS.has(key)) out[key] = stripDocumentation(child);
    }
    return out;
  }
  return value;
}

function botocoreDataDirectory(): string {
  const explicit = process.argv[2];
  if (explicit) return path.join(explicit, "data");
  const location = execFileSync("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]);
  return path.join(location.toString().trim(), "data");
}

function loadModel(dataDirectory: string, botocoreName: string): RawModel {
  const serviceDirectory = path.join(dataDirectory, botocoreName);
  const latestVersion = readdirSync(serviceDirectory).sort().at(-1);
  if (!latestVersion) throw new Error(`no model for ${botocoreName}`);
  const file = path.join(serviceDirectory, latestVersion, "service-2.json.gz");
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as RawModel;
}

function collectShapes(model: RawModel, root: string, into: Set<string>): void {
  if (into.has(root)) return;
  into.add(root);
  const shape = model.shapes[root];
  if (!shape) throw new Error(`missing shape ${root}`);
  const references: { shape: string }[] = [];
  if (shape.members) references.push(...Object.values(shape.members as Record<string, { shape: string }>));
  if (shape.member) references.push(shape.member as { shape: string });
  if (shape.key) references.push(shape.key as { shape: string });
  if (shape.value) references.push(shape.value as { shape: string });
  for (const reference of references) collectShapes(model, reference.shape, into);
}

function trimModel(model: RawModel, operationNames: readonly string[]): RawModel {
  const shapeNames = new Set<string>();
  const operations: RawModel["operations"] = {};
  for (const name of operationNames) {
    const operation = model.operations[name];
    if (!operation) throw new Error(`operation ${name} is not in the model`);
    operations[name] = operation;
    for (const key of ["input", "output"]) {
      const reference = operation[key] as { shape: string } | undefined;
      if (reference) collectShapes(model, reference.shape, shapeNames);
    }
    for (const error of (operation.errors as { shape: string }[] | undefined) ?? []) {
      collectShapes(model, error.shape, shapeNames);
    }
  }
  const shapes: RawModel["shapes"] = {};
  for (const name of [...shapeNames].sort()) shapes[name] = model.shapes[name];
  return stripDocumentation({ metadata: model.metadata, operations, shapes }) as RawModel;
}

const dataDirectory = botocoreDataDirectory();
for (const [service, operationNames] of Object.entries(READ_ONLY_OPERATIONS)) {
  const botocoreName = BOTOCORE_SERVICE_NAMES[service as keyof typeof BOTOCORE_SERVICE_NAMES];
  const trimmed = trimModel(loadModel(dataDirectory, botocoreName), operationNames);
  const target = path.join(import.meta.dirname, `${service}.json`);
  writeFileSync(target, `${JSON.stringify(trimmed)}\n`);
  console.log(`${service}: ${operationNames.length} operations, ${Object.keys(trimmed.shapes).length} shapes`);
}
