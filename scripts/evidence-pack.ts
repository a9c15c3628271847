// `npm run evidence:pack -- --customer <slug> [--as-of <ISO>] [--from <ISO> --to <ISO>] --out <file.zip>`
// Builds a customer's evidence pack in this process (an operator's command: the generation is audit-logged
// as the CLI) and writes the signed zip.
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { recordAudit } from "../lib/audit/record-audit";
import { db, disconnectDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/database-url";
import { resetEnvCache } from "../lib/env";
import { AppError } from "../lib/errors";
import { generateEvidencePack } from "../lib/evidence-packs/generate-pack";
import { packRequestSchema, resolvePackRequest } from "../lib/evidence-packs/period";

const argsSchema = z
  .object({
    customer: z
      .string({ message: "Give the customer's slug with --customer" })
      .regex(/^[a-z0-9-]+$/, "A customer slug is lower-case letters, digits and dashes"),
    "as-of": z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    out: z.string({ message: "Give the file to write with --out <file.zip>" }).min(1),
  })
  .transform((args) => ({
    customer: args.customer,
    out: args.out,
    request: { asOf: args["as-of"], from: args.from, to: args.to },
  }));

let stopEmbedded: (() => Promise<void>) | undefined;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      customer: { type: "string" },
      "as-of": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => issue.message).join("\n"));
    return 2;
  }
  const request = packRequestSchema.safeParse(parsed.data.request);
  if (!request.success) {
    console.error(
      request.error.issues
        .map((issue) => `--${issue.path.join(".") === "asOf" ? "as-of" : issue.path.join(".")}: ${issue.message}`)
        .join("\n"),
    );
    return 2;
  }
  const resolved = resolvePackRequest(request.data, new Date());

  const database = await resolveDatabase("rampart", { attachToRunning: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  stopEmbedded = database.embedded?.stop;

  const customer = await db().customer.findUnique({
    where: { slug: parsed.data.customer },
    select: { id: true, name: true },
  });
  if (!customer) {
    console.error(`No customer with slug "${parsed.data.customer}".`);
    return 1;
  }
  const generatedBy = `CLI (${os.userInfo().username}@${os.hostname()})`;
  const pack = await generateEvidencePack(db(), customer.id, resolved, {
    generatedBy,
    generatedAt: new Date().toISOString(),
  });
  writeFileSync(parsed.data.out, pack.zip);
  await recordAudit(db(), {
    actorEmail: generatedBy,
    action: "evidence_pack.generated",
    targetType: "Customer",
    targetId: customer.id,
    customerId: customer.id,
    metadata: {
      via: "cli",
      asOf: pack.content.asOf,
      from: pack.content.period.from,
      to: pack.content.period.to,
      contentDigest: pack.manifest.contentDigest,
    },
  });
  console.log(
    `${customer.name}: evidence pack ${pack.content.period.label} as of ${pack.content.asOf} written to ${parsed.data.out} (${pack.zip.length} bytes, ${pack.manifest.files.length} files, content ${pack.manifest.contentDigest.slice(0, 16)}…, key ${pack.manifest.signature.fingerprint}).`,
  );
  return 0;
}

main()
  .then(async (code) => {
    await disconnectDb();
    await stopEmbedded?.();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error instanceof AppError || error instanceof Error ? error.message : error);
    await disconnectDb().catch(() => undefined);
    await stopEmbedded?.().catch(() => undefined);
    process.exit(1);
  });
