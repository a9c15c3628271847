import { stableStringify } from "../../collectors/content-hash";
import type { ChangeAction, ChangeResourceKind, DetectedChangeKind } from "../resource-kinds";

/** One change that matters between two collections of the same evidence, before it is stored. */
export interface ChangeDraft {
  kind: DetectedChangeKind;
  resourceKind: ChangeResourceKind;
  resourceId: string;
  action: ChangeAction;
  /** The resource's relevant state before (null when ADDED) and after (null when REMOVED). */
  before: unknown;
  after: unknown;
  /** The control it touches (controls.md id). */
  controlId: string | null;
  summary: string;
}

/** Facts from the account's other evidence that decide which control a change touches. */
export interface DiffContext {
  /** Buckets a trail delivers to (a public-access change to one touches TRAIL-8). */
  trailBuckets: ReadonlySet<string>;
}

export const EMPTY_CONTEXT: DiffContext = { trailBuckets: new Set() };

export type EvidenceDiff<E> = (before: E, after: E, context: DiffContext) => ChangeDraft[];

/** Items of two lists paired by key: present in both, only before, only after. */
export function pairByKey<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
): { both: [T, T][]; removed: T[]; added: T[] } {
  const beforeByKey = new Map(before.map((item) => [keyOf(item), item]));
  const afterByKey = new Map(after.map((item) => [keyOf(item), item]));
  const both: [T, T][] = [];
  const removed: T[] = [];
  for (const [key, item] of beforeByKey) {
    const next = afterByKey.get(key);
    if (next === undefined) removed.push(item);
    else both.push([item, next]);
  }
  const added = [...afterByKey].filter(([key]) => !beforeByKey.has(key)).map(([, item]) => item);
  return { both, removed, added };
}

/** How one kind describes a resource that appeared or disappeared between two collections. */
export interface AddedOrRemoved<T> {
  kind: DetectedChangeKind;
  resourceKind: ChangeResourceKind;
  resourceId: (item: T) => string;
  /** The resource's relevant state: `after` of an ADDED change, `before` of a REMOVED one. */
  state: (item: T) => unknown;
  controlId: (item: T) => string | null;
  created: (item: T) => string;
  deleted: (item: T) => string;
}

/** The ADDED changes (resources only after) then the REMOVED ones (only before), for every kind alike. */
export function addedAndRemoved<T>(
  added: readonly T[],
  removed: readonly T[],
  describe: AddedOrRemoved<T>,
): ChangeDraft[] {
  const change = (item: T, action: "ADDED" | "REMOVED"): ChangeDraft => ({
    kind: describe.kind,
    resourceKind: describe.resourceKind,
    resourceId: describe.resourceId(item),
    action,
    before: action === "REMOVED" ? describe.state(item) : null,
    after: action === "ADDED" ? describe.state(item) : null,
    controlId: describe.controlId(item),
    summary: action === "ADDED" ? describe.created(item) : describe.deleted(item),
  });
  return [...added.map((item) => change(item, "ADDED")), ...removed.map((item) => change(item, "REMOVED"))];
}

/** Strings only in `after` and only in `before`, sorted. */
export function setDifference(before: readonly string[], after: readonly string[]) {
  const was = new Set(before);
  const is = new Set(after);
  return {
    added: [...is].filter((item) => !was.has(item)).sort(),
    removed: [...was].filter((item) => !is.has(item)).sort(),
  };
}

export function sameJson(left: unknown, right: unknown): boolean {
  return stableStringify(left) === stableStringify(right);
}
