import { describe, expect, it } from "vitest";
import { contentHash, stableStringify } from "./content-hash";

describe("contentHash", () => {
  it("ignores key order and undefined values", () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: "x" } })).toBe(
      contentHash({ b: { d: "x", c: [1, 2] }, a: 1, e: undefined }),
    );
  });
  it("changes when any nested value changes", () => {
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
    expect(contentHash({ a: { b: null } })).not.toBe(contentHash({ a: { b: false } }));
  });
  it("serialises dates as ISO strings", () => {
    expect(stableStringify({ at: new Date("2026-01-02T03:04:05.000Z") })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });
});
