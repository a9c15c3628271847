import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { buildEstateIndex, type EstateIndex } from "./indexed";
import { type Estate, EstateValidationError, parseEstate } from "./schema";

export interface EstateRecord {
  /** The document as written (dates unresolved), the base for runtime patches. */
  raw: unknown;
  estate: Estate;
  index: EstateIndex;
  source: string;
  /** Bumped on every replace/patch, e.g. to regenerate the credential report. */
  version: number;
}

const DATA_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export function parseEstateText(text: string, source: string): unknown {
  try {
    return source.endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new EstateValidationError(source, [`(file): ${(error as Error).message.split("\n")[0]}`]);
  }
}

function listEstateFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(target, entry.name);
      if (entry.isDirectory()) return listEstateFiles(full);
      return DATA_EXTENSIONS.has(path.extname(entry.name)) ? [full] : [];
    });
}

/** JSON Merge Patch (RFC 7386): objects merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}

export class EstateStore {
  private readonly records = new Map<string, EstateRecord>();
  private versionCounter = 0;

  /** Reads every .yaml/.yml/.json under the given files or directories; all errors are reported together. */
  loadPaths(targets: string[]): void {
    const errors: string[] = [];
    for (const file of targets.flatMap(listEstateFiles)) {
      const source = path.relative(process.cwd(), file) || file;
      try {
        this.put(parseEstateText(readFileSync(file, "utf8"), source), source);
      } catch (error) {
        if (error instanceof EstateValidationError) errors.push(error.message);
        else throw error;
      }
    }
    if (errors.length > 0) throw new Error(`Invalid estate files:\n${errors.join("\n")}`);
  }

  put(raw: unknown, source: string): EstateRecord {
    const estate = parseEstate(raw, source);
    const existing = this.records.get(estate.accountId);
    if (
      existing &&
      existing.source !== source &&
      !source.startsWith("admin:") &&
      !existing.source.startsWith("admin:")
    ) {
      throw new EstateValidationError(source, [
        `accountId: ${estate.accountId} is already defined by ${existing.source}`,
      ]);
    }
    const record: EstateRecord = {
      raw,
      estate,
      index: buildEstateIndex(estate),
      source,
      version: ++this.versionCounter,
    };
    this.records.set(estate.accountId, record);
    return record;
  }

  patch(accountId: string, patch: unknown): EstateRecord | undefined {
    const existing = this.records.get(accountId);
    if (!existing) return undefined;
    const merged = mergePatch(existing.raw, patch) as Record<string, unknown>;
    return this.put({ ...merged, accountId }, existing.source);
  }

  remove(accountId: string): boolean {
    return this.records.delete(accountId);
  }

  get(accountId: string): EstateRecord | undefined {
    return this.records.get(accountId);
  }

  all(): EstateRecord[] {
    return [...this.records.values()];
  }
}
