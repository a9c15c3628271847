import { describe, expect, it } from "vitest";
import { checkAttachment, detectAttachmentType, MAX_ATTACHMENT_BYTES } from "./attachment-file";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);
const PDF = text("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46);
const EXE = bytes(0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0);

describe("attachment types from content", () => {
  it.each([
    ["report.pdf", PDF, "application/pdf"],
    ["screenshot.png", PNG, "image/png"],
    ["photo.jpg", JPEG, "image/jpeg"],
    ["photo.JPEG", JPEG, "image/jpeg"],
    ["users.csv", text("user,mfa\nalice,true\n"), "text/csv"],
    ["umlauts.csv", text("name\nJürgen\n"), "text/csv"],
    ["setup.pdf", EXE, null],
    ["notes.txt", text("plain text"), null],
    ["binary.csv", bytes(0x61, 0x00, 0x62), null],
    ["latin1.csv", bytes(0x4a, 0xfc, 0x72), null],
    ["empty.csv", bytes(), null],
  ] as const)("%s → %s", (name, content, expected) => {
    expect(detectAttachmentType(content, name)).toBe(expected);
  });
});

describe("checkAttachment", () => {
  it("accepts a PDF and keeps a clean base name", () => {
    expect(checkAttachment("C:\\Users\\me\\vault-export.pdf", PDF)).toEqual({
      ok: true,
      fileName: "vault-export.pdf",
      contentType: "application/pdf",
      sizeBytes: PDF.length,
    });
  });

  it("refuses an executable named .pdf, naming what is allowed", () => {
    expect(checkAttachment("invoice.pdf", EXE)).toEqual({
      ok: false,
      status: 400,
      message: "invoice.pdf is not a PDF, PNG, JPEG or CSV file. Attach a PDF, PNG, JPEG or CSV file.",
    });
  });

  it("refuses a name that disagrees with the content", () => {
    const check = checkAttachment("chart.png", PDF);
    expect(check).toMatchObject({ ok: false, status: 400 });
    expect(!check.ok && check.message).toMatch(/contains a PDF but its name ends in "\.png"/);
  });

  it("refuses over 10 MB with 413, and empty or nameless files", () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    expect(checkAttachment("big.pdf", big)).toMatchObject({ ok: false, status: 413 });
    const exact = new Uint8Array(MAX_ATTACHMENT_BYTES);
    exact.set(PDF);
    expect(checkAttachment("exact.pdf", exact)).toMatchObject({ ok: true, sizeBytes: MAX_ATTACHMENT_BYTES });
    expect(checkAttachment("empty.pdf", bytes())).toMatchObject({ ok: false, message: "empty.pdf is empty." });
    expect(checkAttachment("", PDF)).toMatchObject({ ok: false, message: "Choose a file to attach." });
    expect(checkAttachment('a"\u0000b.pdf', PDF)).toMatchObject({ ok: true, fileName: "ab.pdf" });
  });
});
