import { describe, expect, it } from "vitest";
import {
  escapeControls,
  guardRequest,
  MAX_BODY_BYTES,
  MAX_UPLOAD_BODY_BYTES,
  maxBodyBytesFor,
  safePath,
} from "./request-guard";

const page = { host: "rampart.test" };

describe("guardRequest", () => {
  it.each([
    ["a NUL in a path segment", "GET", "/customers/abc%00def"],
    ["a NUL in a query value", "GET", "/alerts?q=a%00b"],
    ["a raw newline escape", "GET", "/auth-error?error=%0D%0ASet-Cookie:x"],
    ["malformed %-encoding in a dynamic segment", "GET", "/alerts/%E0%A4%A"],
    ["a lone %", "GET", "/portfolio?q=%"],
    ["bytes that are not UTF-8", "GET", "/alerts/%C0%AF"],
  ])("refuses %s with 400", (_, method, url) => {
    expect(guardRequest(method, url, page)?.status).toBe(400);
  });

  it.each(["TRACE", "TRACK", "PROPFIND", "PUT", "DELETE", "CONNECT"])("refuses %s with 405", (method) => {
    expect(guardRequest(method, "/", page)?.status).toBe(405);
  });

  it("refuses multipart without a valid boundary, on any page", () => {
    for (const type of ["multipart/form-data", "multipart/form-data; boundary=", 'multipart/form-data; boundary="x']) {
      expect(guardRequest("POST", "/sign-in", { ...page, "content-type": type })?.status).toBe(400);
    }
    expect(
      guardRequest("POST", "/sign-in", { ...page, "content-type": "multipart/form-data; boundary=abc" }),
    ).toBeNull();
  });

  it("refuses a body over the limit with 413", () => {
    expect(guardRequest("POST", "/", { ...page, "content-length": String(MAX_BODY_BYTES + 1) })?.status).toBe(413);
  });

  it("refuses a server action from a foreign, null, missing or unparseable Origin with 403", () => {
    for (const origin of ["https://evil.example", "null", "::::", undefined]) {
      const headers = { ...page, "next-action": "abc", ...(origin === undefined ? {} : { origin }) };
      expect(guardRequest("POST", "/settings", headers)?.status).toBe(403);
    }
    const action = "7f".repeat(21);
    expect(
      guardRequest("POST", "/settings", { ...page, "next-action": action, origin: "http://rampart.test" }),
    ).toBeNull();
    for (const id of ["", "%00", "constructor", "x".repeat(200)]) {
      const headers = { ...page, "next-action": id, origin: "http://rampart.test" };
      expect(guardRequest("POST", "/settings", headers)?.status).toBe(404);
    }
  });

  it("lets only the attestation-file upload carry 10 MB, and refuses it above", () => {
    const upload = "/api/customers/c1/attestations/a1/attachments";
    const multipart = { ...page, "content-type": "multipart/form-data; boundary=----x" };
    const sized = (bytes: number) => ({ ...multipart, "content-length": String(bytes) });
    expect(maxBodyBytesFor(upload)).toBe(MAX_UPLOAD_BODY_BYTES);
    expect(guardRequest("POST", upload, sized(10 * 1024 * 1024 + 1000))).toBeNull();
    expect(guardRequest("POST", upload, sized(MAX_UPLOAD_BODY_BYTES + 1))?.status).toBe(413);
    for (const other of [
      "/api/customers/c1/attestations/a1/attachments/x",
      "/settings",
      "/api/customers/c1/evidence-packs",
    ]) {
      expect(guardRequest("POST", other, sized(MAX_BODY_BYTES + 1))?.status, other).toBe(413);
    }
  });

  it("lets ordinary requests through", () => {
    expect(guardRequest("GET", "/alerts?severity=HIGH&q=caf%C3%A9", page)).toBeNull();
    expect(guardRequest("HEAD", "/", page)).toBeNull();
    expect(guardRequest("OPTIONS", "/", page)).toBeNull();
  });
});

describe("log-safe text", () => {
  it("escapes control characters and drops the query", () => {
    expect(escapeControls("a\u0000b\nc")).toBe("a\\u0000b\\u000ac");
    expect(safePath("/x\u0000y?secret=1")).toBe("/x\\u0000y");
  });
});
