import { z } from "zod";
import { db, type PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { generateEvidencePack } from "../evidence-packs/generate-pack";
import { logger } from "../logger";
import type { JobDefinition } from "./job-definition";
import { EVIDENCE_PACK_QUEUE } from "./queue";

// Generates a requested evidence pack in the worker: QUEUED → RUNNING (progress 0–100, written as the
// pack is built, which the scorecard polls) → SUCCEEDED with the zip stored, or FAILED with a user-safe
// reason. The request row was authorized and audit-logged by requestEvidencePackAction.

export async function runEvidencePackGeneration(
  client: PrismaClient,
  packId: string,
  now: () => Date = () => new Date(),
) {
  const claimed = await client.evidencePack.updateMany({
    where: { id: packId, status: "QUEUED" },
    data: { status: "RUNNING", progress: 1 },
  });
  if (claimed.count === 0) return;
  const pack = await client.evidencePack.findUniqueOrThrow({
    where: { id: packId },
    select: {
      customerId: true,
      asOf: true,
      periodStart: true,
      periodEnd: true,
      requestedBy: { select: { name: true, email: true } },
    },
  });
  try {
    const generated = await generateEvidencePack(
      client,
      pack.customerId,
      { asOf: pack.asOf, from: pack.periodStart, to: pack.periodEnd },
      {
        generatedBy: pack.requestedBy ? `${pack.requestedBy.name} <${pack.requestedBy.email}>` : "(deleted user)",
        generatedAt: now().toISOString(),
      },
      async (percent) => {
        await client.evidencePack.update({ where: { id: packId }, data: { progress: Math.min(99, percent) } });
      },
    );
    await client.evidencePack.update({
      where: { id: packId },
      data: {
        status: "SUCCEEDED",
        progress: 100,
        zip: Buffer.from(generated.zip),
        sizeBytes: generated.zip.length,
        contentDigest: generated.manifest.contentDigest,
        finishedAt: now(),
      },
    });
  } catch (error) {
    logger.error({ err: error, packId, customerId: pack.customerId }, "evidence pack generation failed");
    await client.evidencePack.update({
      where: { id: packId },
      data: {
        status: "FAILED",
        error: error instanceof AppError ? error.message : "Rampart could not build this pack; the error is logged.",
        finishedAt: now(),
      },
    });
  }
}

export const evidencePackJob = {
  name: EVIDENCE_PACK_QUEUE,
  schema: z.object({ packId: z.string().min(1) }),
  async handler({ packId }) {
    await runEvidencePackGeneration(db(), packId);
  },
} satisfies JobDefinition<z.ZodObject<{ packId: z.ZodString }>>;
