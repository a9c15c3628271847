import { createHash } from "node:crypto";

/** Mulberry32: a small, fast, seeded PRNG for the estate generator. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform draw in [0, 1) keyed by the seed and a label. Fault decisions use it with a per-operation
 * counter, so the n-th DescribeInstances in an account gets the same fate whatever else runs concurrently.
 */
export function seededUnit(seed: number, ...labels: string[]): number {
  const digest = createHash("sha256")
    .update(`${seed}\u0000${labels.join("\u0000")}`)
    .digest();
  return digest.readUInt32BE(0) / 4294967296;
}
