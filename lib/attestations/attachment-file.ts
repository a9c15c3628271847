// Files as evidence (issue 14 §4): what an attestation may carry. The type is decided from the content
// (magic bytes; CSV as UTF-8 text without NULs), never from the name or the browser's Content-Type, and
// the name's extension must agree with it, so a ".pdf" that is an executable is refused. No Node-only
// import: the upload form runs the same check in the browser before sending.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The upload request: one file plus the multipart framing and a name. */
export const MAX_ATTACHMENT_UPLOAD_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;
export const MAX_ATTACHMENT_NAME = 200;

export const ATTACHMENT_TYPES = {
  "application/pdf": { label: "PDF", extensions: [".pdf"] },
  "image/png": { label: "PNG", extensions: [".png"] },
  "image/jpeg": { label: "JPEG", extensions: [".jpg", ".jpeg"] },
  "text/csv": { label: "CSV", extensions: [".csv"] },
} as const;
export type AttachmentContentType = keyof typeof ATTACHMENT_TYPES;

/** For the file input's `accept` and its hint. */
export const ATTACHMENT_ACCEPT = Object.values(ATTACHMENT_TYPES)
  .flatMap((type) => type.extensions)
  .join(",");

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function isUtf8TextWithoutNul(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The content's type from its first bytes (PDF, PNG, JPEG) or as text (CSV); null = none of those. */
export function detectAttachmentType(bytes: Uint8Array, fileName: string): AttachmentContentType | null {
  // "%PDF-" (ISO 32000-1 §7.5.2); PNG's 8-byte signature (RFC 2083 §3.1); JPEG's SOI + marker (FF D8 FF).
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // Text has no signature: UTF-8 without NULs, and only under a .csv name (a text file is not a CSV).
  if (extensionOf(fileName) === ".csv" && bytes.length > 0 && isUtf8TextWithoutNul(bytes)) return "text/csv";
  return null;
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot).toLowerCase();
}

export type AttachmentCheck =
  | { ok: true; fileName: string; contentType: AttachmentContentType; sizeBytes: number }
  | { ok: false; status: 400 | 413; message: string };

/** Decides whether a file may be attached, with the words shown at the file field when not. */
export function checkAttachment(rawName: string, bytes: Uint8Array): AttachmentCheck {
  // The name is shown and used in the download's Content-Disposition: no path, no control characters.
  const fileName = (rawName.split(/[\\/]/).pop() ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim();
  if (!fileName) return { ok: false, status: 400, message: "Choose a file to attach." };
  if (fileName.length > MAX_ATTACHMENT_NAME)
    return { ok: false, status: 400, message: `The file name is longer than ${MAX_ATTACHMENT_NAME} characters.` };
  if (bytes.length === 0) return { ok: false, status: 400, message: `${fileName} is empty.` };
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    return {
      ok: false,
      status: 413,
      message: `${fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; an attachment is at most 10 MB.`,
    };
  const contentType = detectAttachmentType(bytes, fileName);
  const allowed = "Attach a PDF, PNG, JPEG or CSV file.";
  if (!contentType)
    return { ok: false, status: 400, message: `${fileName} is not a PDF, PNG, JPEG or CSV file. ${allowed}` };
  const type = ATTACHMENT_TYPES[contentType];
  if (!(type.extensions as readonly string[]).includes(extensionOf(fileName))) {
    return {
      ok: false,
      status: 400,
      message: `${fileName} contains a ${type.label} but its name ends in "${extensionOf(fileName) || "no extension"}": rename it to ${type.extensions[0]} and attach it again.`,
    };
  }
  return { ok: true, fileName, contentType, sizeBytes: bytes.length };
}
