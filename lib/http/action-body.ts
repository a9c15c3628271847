// What a browser's server-action call can look like, checked before React decodes it (issue 16): the
// reply decoder throws (and Next answers 500) on bodies that are not UTF-8 or JSON, nest thousands
// deep, carry reference strings ("$F1", "$@0", "$Q") that no Rampart form sends, or are multipart
// without their closing boundary. React's client escapes a user string starting with "$" as "$$", so
// only the few references Rampart's actions can receive are let through.

const MAX_DEPTH = 64;
// "$$…" escaped text, "$undefined", dates, bigints and the special numbers (react-server-dom's encodeReply).
const ALLOWED_REFERENCE = /^\$(?:\$|undefined$|D\d|D[+-]\d|n-?\d+$|NaN$|Infinity$|-Infinity$|-0$)/;

/** Why this action body would break the decoder, or null. */
export function actionBodyProblem(contentType: string | null, body: Uint8Array): string | null {
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    const marker = boundary?.[1] ?? boundary?.[2];
    if (!marker) return "multipart body without a boundary";
    const text = Buffer.from(body).toString("latin1");
    if (!text.includes(`--${marker}--`)) return "multipart body is truncated";
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return "body is not UTF-8";
  }
  if (depthOf(text) > MAX_DEPTH) return "body nests too deep";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "body is not JSON";
  }
  if (!Array.isArray(value)) return "arguments must be a list";
  return hasForeignReference(value) ? "body carries a reference no form sends" : null;
}

function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") max = Math.max(max, ++depth);
    else if (char === "]" || char === "}") depth--;
  }
  return max;
}

function hasForeignReference(value: unknown): boolean {
  if (typeof value === "string") return value.startsWith("$") && !ALLOWED_REFERENCE.test(value);
  if (Array.isArray(value)) return value.some(hasForeignReference);
  if (value && typeof value === "object") {
    return Object.entries(value).some(([key, child]) => key === "__proto__" || hasForeignReference(child));
  }
  return false;
}
