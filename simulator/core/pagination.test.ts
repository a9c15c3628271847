import { describe, expect, it } from "vitest";
import { GenericAwsError } from "./errors";
import { pageSize, paginate } from "./pagination";

const items = Array.from({ length: 25 }, (_, position) => position);

describe("paginate", () => {
  it("walks every item exactly once through opaque tokens", () => {
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = paginate(items, { token, pageSize: 10, scope: "list" });
      seen.push(...page.items);
      token = page.nextToken;
      pages++;
    } while (token);
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  it("omits the token on the last page", () => {
    expect(paginate(items, { pageSize: 25, scope: "list" }).nextToken).toBeUndefined();
  });

  it("refuses a token from another listing or a forged one", () => {
    const token = paginate(items, { pageSize: 10, scope: "one" }).nextToken;
    expect(() => paginate(items, { token, pageSize: 10, scope: "other" })).toThrow(GenericAwsError);
    expect(() => paginate(items, { token: "bm90LWEtdG9rZW4", pageSize: 10, scope: "one" })).toThrow(/invalid/);
  });

  it("truncates: claims more results, then the token fails", () => {
    const page = paginate(items.slice(0, 4), { pageSize: 10, scope: "list", truncate: true });
    expect(page.items).toEqual([0, 1]);
    expect(page.nextToken).toBeDefined();
    expect(() => paginate(items, { token: page.nextToken, pageSize: 10, scope: "list" })).toThrow(
      expect.objectContaining({ kind: "invalidPaginationToken" }),
    );
  });
});

describe("pageSize", () => {
  it("uses the service default when absent and rejects values out of range", () => {
    expect(pageSize(undefined, { defaultSize: 100, maximum: 1000, parameter: "maxItems" })).toBe(100);
    expect(pageSize(5, { defaultSize: 100, maximum: 1000, parameter: "maxItems" })).toBe(5);
    expect(() => pageSize(1001, { defaultSize: 100, maximum: 1000, parameter: "maxItems" })).toThrow(
      /between 1 and 1000/,
    );
    expect(() => pageSize(2, { defaultSize: 100, minimum: 5, maximum: 1000, parameter: "maxResults" })).toThrow(
      GenericAwsError,
    );
  });
});
