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
];

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { app: "rampart" },
  redact: {
    paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`), ...REDACTED_KEYS.map((key) => `*.*.${key}`)],
    censor: "[redacted]",
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof logger;
