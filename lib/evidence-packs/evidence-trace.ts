import { AUTOMATED_RULES } from "../controls/rules";
import type { AccountContext, EvidenceLookup, EvidenceSlot } from "../controls/types";
import type { CollectorKey, EvidenceOf } from "../evidence/contract";

// Which evidence decided a control, and which of its fields. The result itself comes from the stored
// history (never re-computed here); to show the evidence behind it, the control's rule is run once more
// over the same as-of evidence through a lookup that records every (collector, region) slot the rule
// opens and every field path it reads ("users[].mfaActive"). The pack then shows exactly those fields.

export interface EvidenceRead {
  collector: string;
  region: string;
  /** Field paths the rule read, sorted ("passwordPolicy.minimumPasswordLength", "users[].name"). */
  fields: string[];
}

type PathTree = Map<string, PathTree>;

/** A key for "the whole value was enumerated" (Object.keys, spread, JSON.stringify). */
const WHOLE = "*";

function record(tree: PathTree, path: readonly string[]): void {
  let node = tree;
  for (const segment of path) {
    let child = node.get(segment);
    if (!child) {
      child = new Map();
      node.set(segment, child);
    }
    node = child;
  }
}

function traced(value: unknown, tree: PathTree, path: readonly string[]): unknown {
  if (value === null || typeof value !== "object") return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const inner = Reflect.get(target, key, receiver);
      if (typeof key === "symbol" || typeof inner === "function") return inner;
      const segment = Array.isArray(target) ? (key === "length" ? "length" : "[]") : key;
      const next = [...path, segment];
      record(tree, next);
      return traced(inner, tree, next);
    },
    ownKeys(target) {
      record(tree, [...path, WHOLE]);
      return Reflect.ownKeys(target);
    },
    has(target, key) {
      if (typeof key === "string") record(tree, [...path, Array.isArray(target) ? "[]" : key]);
      return Reflect.has(target, key);
    },
  });
}

function leafPaths(tree: PathTree, prefix: string): string[] {
  const out: string[] = [];
  for (const [segment, child] of tree) {
    const path = segment === "[]" ? `${prefix}[]` : prefix ? `${prefix}.${segment}` : segment;
    if (child.size === 0) out.push(path);
    else out.push(...leafPaths(child, path));
  }
  return out;
}

/**
 * Runs `controlId`'s rule over `context` with a recording lookup. Returns the slots and fields it read,
 * sorted; attested controls (no rule) read no AWS evidence. A rule that throws still reports what it read.
 */
export function traceEvidenceReads(controlId: string, context: AccountContext): EvidenceRead[] {
  const rule = AUTOMATED_RULES[controlId];
  if (!rule) return [];
  const trees = new Map<string, { collector: string; region: string; tree: PathTree }>();
  const lookup: EvidenceLookup = {
    get<K extends CollectorKey>(collector: K, region: string): EvidenceSlot<EvidenceOf<K>> {
      const slot = context.evidence.get(collector, region);
      const key = `${collector}@${region}`;
      let entry = trees.get(key);
      if (!entry) {
        entry = { collector, region, tree: new Map() };
        trees.set(key, entry);
      }
      if (slot.state !== "COLLECTED") return slot;
      return { ...slot, data: traced(slot.data, entry.tree, []) as EvidenceOf<K> };
    },
  };
  try {
    rule({ ...context, evidence: lookup });
  } catch {
    // The stored result already says the rule failed; what it read before failing is still shown.
  }
  return [...trees.values()]
    .map(({ collector, region, tree }) => ({ collector, region, fields: leafPaths(tree, "").sort() }))
    .sort((a, b) => a.collector.localeCompare(b.collector) || a.region.localeCompare(b.region));
}

const MAX_ITEMS = 200;

/**
 * The part of `data` at the given field paths (as traceEvidenceReads reports them): objects keep only
 * the read keys, arrays keep every element (at most 200, the count is kept) projected the same way.
 */
export function projectFields(data: unknown, fields: readonly string[]): unknown {
  const tree: PathTree = new Map();
  for (const field of fields) record(tree, splitPath(field));
  return project(data, tree);
}

function splitPath(field: string): string[] {
  const segments: string[] = [];
  for (const part of field.split(".")) {
    const name = part.replace(/(\[\])+$/, "");
    if (name) segments.push(name);
    for (let index = 0; index < (part.length - name.length) / 2; index += 1) segments.push("[]");
  }
  return segments;
}

function project(value: unknown, tree: PathTree): unknown {
  if (tree.size === 0 || tree.has(WHOLE) || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const elements = tree.get("[]");
    if (!elements) return { count: value.length };
    const items = value.slice(0, MAX_ITEMS).map((item) => project(item, elements));
    return value.length > MAX_ITEMS ? { count: value.length, first: items } : items;
  }
  const out: Record<string, unknown> = {};
  for (const key of [...tree.keys()].sort()) {
    if (key === "[]" || key === "length") continue;
    if (Object.hasOwn(value, key)) out[key] = project((value as Record<string, unknown>)[key], tree.get(key)!);
  }
  return out;
}
