import { z } from "zod";

// The only reader of process.env for Rampart's own settings (the AWS SDK reads its standard
// AWS_* variables itself). Every variable is documented in the README.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  RAMPART_DATA_DIR: z.string().default(".rampart"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  /**
   * While NEXTAUTH_SECRET is being rotated: the previous value, so two-step sign-in secrets sealed under it
   * still open (and are sealed again under the new one). Remove once every enrolled user has signed in.
   */
  RAMPART_PREVIOUS_NEXTAUTH_SECRET: z
    .string()
    .min(32, "RAMPART_PREVIOUS_NEXTAUTH_SECRET must be at least 32 characters")
    .optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(8),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_DISPLAY_NAME: z.string().default("Staff single sign-on"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Rampart <rampart@rampart.example>"),
  /** The demo's mail catcher stores what Rampart sends and /admin/outbox shows it (set by `npm start` in demo mode). */
  RAMPART_MAIL_CATCHER: z
    .enum(["1", "0", "true", "false"], { message: "RAMPART_MAIL_CATCHER must be 1, 0, true or false" })
    .default("0")
    .transform((value) => value === "1" || value === "true"),
  /** Where `npm start` runs the demo's mail catcher (loopback only). */
  MAIL_CATCHER_PORT: z.coerce.number().int().min(1).max(65535).default(2525),
  /** undefined = not set: `npm start` treats that as on. */
  RAMPART_DEMO: z
    .enum(["1", "0", "true", "false"], { message: "RAMPART_DEMO must be 1, 0, true or false" })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "1" || value === "true")),
  SIMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(4566),
  /** Days of score history `npm start` replays for the demo in the background (0 = none). */
  RAMPART_DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(365).default(90),
  SYNC_SCHEDULE: z.string().default("0 */6 * * *"),
  RAMPART_PRINCIPAL_ARN: z
    .string()
    .regex(/^arn:aws:iam::\d{12}:(role|user)\/.+$/, "RAMPART_PRINCIPAL_ARN must be an IAM role or user ARN")
    .optional(),
  /** Proxies whose X-Forwarded-For is believed (CIDRs, comma-separated); empty = the socket peer is the client. */
  RAMPART_TRUSTED_PROXIES: z.string().default(""),
  /** Staff (admin, consultant, manager) must set up two-step sign-in before anything else (ADR 015). Default on. */
  RAMPART_MFA_REQUIRED_FOR_STAFF: z
    .enum(["1", "0", "true", "false"], { message: "RAMPART_MFA_REQUIRED_FOR_STAFF must be 1, 0, true or false" })
    .default("1")
    .transform((value) => value === "1" || value === "true"),
  SYNC_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(emptyToUndefined(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= readEnv();
  return cached;
}

/** For tests and the start script, which set variables after import. */
export function resetEnvCache(): void {
  cached = undefined;
}

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]));
}
