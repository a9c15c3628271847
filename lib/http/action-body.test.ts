import { describe, expect, it } from "vitest";
import { actionBodyProblem } from "./action-body";

const text = (value: string) => new TextEncoder().encode(value);
const plain = "text/plain;charset=UTF-8";

describe("actionBodyProblem", () => {
  it("accepts what React's client sends", () => {
    expect(actionBodyProblem(plain, text('[{"customerId":"c1","note":"$$5 fee","until":"$undefined"}]'))).toBeNull();
    expect(actionBodyProblem(plain, text('["$D2026-01-01T00:00:00.000Z"]'))).toBeNull();
    const multipart = '--b\r\nContent-Disposition: form-data; name="1"\r\n\r\n{}\r\n--b--\r\n';
    expect(actionBodyProblem("multipart/form-data; boundary=b", text(multipart))).toBeNull();
  });

  it.each([
    ["arguments starting with $", '["$F1"]'],
    ["a promise reference", '[{"a":"$@0"}]'],
    ["a map reference", '["$Q1"]'],
    ["nesting 20,000 deep", `[${"[".repeat(20_000)}${"]".repeat(20_000)}]`],
    ["a body that is not JSON", "{not json"],
    ["a prototype key", '[{"__proto__":{"admin":true}}]'],
  ])("refuses %s", (_, body) => {
    expect(actionBodyProblem(plain, text(body))).not.toBeNull();
  });

  it("refuses bytes that are not UTF-8 and truncated multipart", () => {
    expect(actionBodyProblem(plain, new Uint8Array([0x5b, 0xc3, 0x28, 0xff, 0x5d]))).toBe("body is not UTF-8");
    const truncated = '--b\r\nContent-Disposition: form-data; name="1"\r\n\r\n{"a"';
    expect(actionBodyProblem("multipart/form-data; boundary=b", text(truncated))).toBe("multipart body is truncated");
  });
});
