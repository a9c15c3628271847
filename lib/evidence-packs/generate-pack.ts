import { strToU8 } from "fflate";
import type { PrismaClient } from "../db/client";
import { buildPackContent } from "./build-pack";
import type { PackContent } from "./content";
import { type Generation, type Manifest, sealPack } from "./manifest";
import type { ResolvedPackRequest } from "./period";
import { renderPackCsvs } from "./render-csv";
import { renderPackPdf } from "./render-pdf";
import { getOrCreateSigningKey } from "./signing-key";

// One evidence pack, end to end: content as of then → report.pdf, pack.json, CSVs, attachments →
// signed manifest → zip. The content files depend only on (customer, period, as-of) and the records
// held then; the generation record (who, when) is only in manifest.json, so two packs of the same
// request have the same content digest and byte-identical content files.

export interface GeneratedPack {
  zip: Uint8Array;
  manifest: Manifest;
  content: PackContent;
  fileName: string;
}

export async function generateEvidencePack(
  client: PrismaClient,
  /** Already authorized by the caller. */
  customerId: string,
  request: ResolvedPackRequest,
  generation: Generation,
  onProgress: (percent: number) => Promise<void> | void = () => {},
): Promise<GeneratedPack> {
  const { content, attachments } = await buildPackContent(client, customerId, request, onProgress);
  const pdf = await renderPackPdf(content);
  await onProgress(95);
  const files = [
    { path: "report.pdf", bytes: new Uint8Array(pdf) },
    { path: "pack.json", bytes: strToU8(`${JSON.stringify(content, null, 2)}\n`) },
    ...renderPackCsvs(content).map((file) => ({ path: file.path, bytes: strToU8(file.text) })),
    ...attachments,
  ];
  const key = await getOrCreateSigningKey(client);
  const { zip, manifest } = sealPack(
    files,
    {
      customer: content.customer.slug,
      asOf: content.asOf,
      period: { from: content.period.from, to: content.period.to },
    },
    generation,
    key,
    request.asOf,
  );
  await onProgress(100);
  return { zip, manifest, content, fileName: packFileName(content) };
}

export function packFileName(content: Pick<PackContent, "customer" | "asOf" | "period">): string {
  const label = content.period.label.replace(/[^A-Za-z0-9-]+/g, "_");
  return `evidence-pack-${content.customer.slug}-${label}-asof-${content.asOf.slice(0, 19).replace(/[:]/g, "")}Z.zip`;
}
