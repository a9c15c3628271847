import pino from "pino";
import { env } from "./env";

// One structured JSON logger. Secrets are redacted by key wherever they appear, as a second wall
// behind the rule that credentials are never passed to the logger at all.
export const REDACTED_KEYS = [
  "password",
  "passwordHash",
  "secretAccessKey",
  "SecretAccessKey",
  "sessionToken",
  "SessionToken",
  "accessKeyId",
  "AccessKeyId",
  "externalId",
  "ExternalId",
  "token",
  "authorization",
  "cookie",
  "credentials",
  "secret",
];

/**
 * Text that came from a request (an error message quoting a body, a path) goes into the log with its
 * control characters escaped and bounded in length: no raw NULs, newlines or terminal escapes from
 * a client reach a log line or a log viewer (issue 16).
 */
export function logSafe(text: string, max = 500): string {
  const escaped = text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point.
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== "object") return serialized;
  return Object.fromEntries(
    Object.entries(serialized).map(([key, value]) => [
      key,
      typeof value === "string" ? logSafe(value, key === "stack" ? 4000 : 500) : value,
    ]),
  );
}

export const logger = pino({
  level: env().LOG_LEVEL,
  serializers: { err: serializeError, error: serializeError },
  base: { app: "rampart" },
  redact: {
    paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`), ...REDACTED_KEYS.map((key) => `*.*.${key}`)],
    censor: "[redacted]",
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});
