import { describe, expect, it } from "vitest";
import { logSafe, serializeError } from "./logger";

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point.
const CONTROL = /[\u0000-\u001f]/;

describe("logs carry no raw request bytes", () => {
  it("escapes NULs, newlines and terminal escapes and bounds the length", () => {
    expect(logSafe("a\u0000b\r\nc\u001b[31m")).toBe("a\\u0000b\\u000d\\u000ac\\u001b[31m");
    expect(logSafe("x".repeat(600))).toHaveLength(501);
  });

  it("an error quoting a hostile body is logged escaped", () => {
    const error = new SyntaxError('Unexpected token "\u0000\nFAKE LOG LINE" is not valid JSON');
    const serialized = serializeError(error) as { message: string; type: string };
    expect(serialized.type).toBe("SyntaxError");
    expect(serialized.message).not.toMatch(CONTROL);
    expect(serialized.message).toContain("\\u0000\\u000aFAKE LOG LINE");
  });
});
