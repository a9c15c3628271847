// `npm run onboarding:template -- --customer <slug> --format cloudformation|stackset|terraform --out <dir>`
// Writes a customer's audit-role template (with its ExternalId: share it only with the customer's
// administrators) and prints the CloudShell command that deploys it.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { db, disconnectDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/database-url";
import { closeSqlPool } from "../lib/db/sql";
import { env, resetEnvCache } from "../lib/env";
import { principalArnSchema } from "../lib/onboarding/principal";
import { cloudShellCommand, TEMPLATE_FORMATS, templateFiles } from "../lib/onboarding/templates";
import { readDemoAwsEnvironment } from "./demo-aws-environment";

const argsSchema = z.object({
  customer: z
    .string({ error: "--customer <slug> is required" })
    .regex(/^[a-z0-9-]+$/, "--customer takes the customer's slug: lower-case letters, digits and dashes"),
  format: z.enum(TEMPLATE_FORMATS, { error: `--format must be one of ${TEMPLATE_FORMATS.join(", ")}` }),
  out: z.string({ error: "--out <dir> is required" }).min(1, "--out <dir> is required"),
});

const USAGE =
  "Usage: npm run onboarding:template -- --customer <slug> --format cloudformation|stackset|terraform --out <dir>";

/** RAMPART_PRINCIPAL_ARN, or the one a running `npm start` demo wrote beside its data. */
function principalArn(): string | undefined {
  const configured = env().RAMPART_PRINCIPAL_ARN;
  if (configured) return configured;
  const demo = readDemoAwsEnvironment(env().RAMPART_DATA_DIR)?.RAMPART_PRINCIPAL_ARN;
  return demo && principalArnSchema.safeParse(demo).success ? demo : undefined;
}

let stopEmbedded: (() => Promise<void>) | undefined;

async function main(): Promise<number> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: { customer: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((issue) => issue.message).join("\n")}\n${USAGE}`);
    return 2;
  }
  const { customer: slug, format, out } = parsed.data;
  const principal = principalArn();
  if (!principal) {
    console.error(
      "Set RAMPART_PRINCIPAL_ARN to Rampart's own IAM role (arn:aws:iam::<account>:role/<name>): the template's trust policy names it.",
    );
    return 2;
  }
  const database = await resolveDatabase("rampart", { attachToRunning: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  stopEmbedded = database.embedded?.stop;
  const customer = await db().customer.findFirst({
    where: { slug, archivedAt: null },
    select: { name: true, slug: true, externalId: true, pendingExternalId: true },
  });
  if (!customer) {
    console.error(`No customer with slug "${slug}". Slugs are shown in Settings and used by npm run sync.`);
    return 1;
  }
  const input = {
    customerName: customer.name,
    customerSlug: customer.slug,
    // During a rotation the templates carry the new ExternalId (see lib/queries/onboarding.ts).
    externalId: customer.pendingExternalId ?? customer.externalId,
    principalArn: principal,
  };
  for (const file of templateFiles(input, format)) {
    const target = path.resolve(out, file.name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content, { mode: 0o600 });
    console.log(`Wrote ${target}`);
  }
  console.log("The template contains the customer's ExternalId: share it only with the customer's administrators.");
  if (format === "cloudformation") {
    console.log("\nIn AWS CloudShell of the customer's account, upload the file, then run:\n");
    console.log(cloudShellCommand(input));
  } else if (format === "stackset") {
    console.log(
      "\nDeploy it once in the organization's management account (CloudFormation → Create stack), with the OU ids whose accounts get the role. The management account itself needs the single-account template.",
    );
  } else {
    console.log(
      "\nUse it as a module (terraform init && terraform apply in that folder, with AWS credentials of the account).",
    );
  }
  return 0;
}

main()
  .then(async (code) => {
    await disconnectDb();
    await closeSqlPool();
    await stopEmbedded?.();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error instanceof Error ? error.message : error);
    await disconnectDb().catch(() => undefined);
    await closeSqlPool().catch(() => undefined);
    await stopEmbedded?.().catch(() => undefined);
    process.exit(1);
  });
