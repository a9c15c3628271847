import { strFromU8, unzipSync } from "fflate";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import type { PackContent } from "./content";
import { verifyPack } from "./manifest";

// Files as evidence and the pack's whole path (issue 14 §4, §5): a consultant attests with a PDF attached
// (a mistyped, oversized or foreign upload stores nothing), requests the customer's pack through the
// action, the request is queued in pg-boss, the job the worker runs builds it, and the download the
// route serves verifies and carries the file under attachments/, covered by the manifest.

const { recordAttestationAction } = await import("@/lib/actions/control-records");
const { requestEvidencePackAction } = await import("@/lib/actions/evidence-packs");
const { addAttestationAttachment } = await import("@/lib/actions/attestation-attachments");
const { getAttestationAttachment } = await import("@/lib/queries/attestation-attachments");
const { getEvidencePackDownload, listEvidencePacks } = await import("@/lib/queries/evidence-packs");
const { getCustomerRecords } = await import("@/lib/queries/control-records");
const { evidencePackJob } = await import("@/lib/jobs/evidence-pack-job");
const { parseJobPayload } = await import("@/lib/jobs/job-definition");
const { EVIDENCE_PACK_QUEUE, stopQueueSender } = await import("@/lib/jobs/queue");
const { addDaysToIsoDay, utcToday } = await import("@/lib/dates");

const ACCOUNT = "410987654377";
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% vault export of the restore test\n%%EOF\n");
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
const request = () => new Request("http://rampart.test/api", { headers: { "user-agent": "vitest" } });

let simulator: SimulatorHandle;
let customerId: string;
let consultant: Actor;

beforeAll(async () => {
  simulator = await startSimulatorForAws([fullEstate(ACCOUNT)]);
  process.env.AWS_MAX_ATTEMPTS = "2";
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
  const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID, name: "Packfile Ltd" });
  customerId = customer.id;
  const account = await createAwsAccount(db(), customer.id, {
    accountNumber: ACCOUNT,
    roleArn: auditRoleArn(ACCOUNT),
    regions: ["us-east-1"],
  });
  const { runId } = await requestSync(db(), { awsAccountId: account.id, trigger: "CLI" });
  await syncAccount(db(), runId, defaultSyncDependencies());
  consultant = await actorOf(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [customer.id] }));
}, 180_000);

afterAll(async () => {
  await stopQueueSender();
  await simulator.close();
});

beforeEach(() => {
  testSession.actor = consultant;
});

async function attest(): Promise<string> {
  const recorded = await recordAttestationAction({
    customerId,
    controlId: "BAK-4",
    awsAccountId: "",
    note: "Restore test of the orders database, witnessed.",
    validUntil: addDaysToIsoDay(utcToday(), 90),
  });
  expect(recorded.serverError).toBeUndefined();
  return recorded.data!.attestationId;
}

describe("attestation files", () => {
  it("stores a PDF checked from its content, lists it and hands it back byte for byte, audited", async () => {
    const attestationId = await attest();
    const stored = await addAttestationAttachment(
      consultant,
      { customerId, attestationId, fileName: "restore-test.pdf", bytes: PDF },
      request(),
    );
    expect(stored).toMatchObject({
      fileName: "restore-test.pdf",
      contentType: "application/pdf",
      sizeBytes: PDF.length,
    });
    const records = await getCustomerRecords(consultant, customerId);
    const listed = records.attestations.find((row) => row.id === attestationId);
    expect(listed?.attachments).toEqual([stored]);
    const download = await getAttestationAttachment(consultant, customerId, stored.id);
    expect(Buffer.from(download.content).equals(PDF)).toBe(true);
    const audit = await db().auditLog.findFirst({
      where: { action: "attestation.attachment_added", targetId: stored.id },
    });
    expect(audit?.customerId).toBe(customerId);
  });

  it("refuses a mistyped, oversized or foreign file with a clear error and stores nothing", async () => {
    const attestationId = await attest();
    const before = await db().attestationAttachment.count();
    const upload = (fileName: string, bytes: Uint8Array, ids = { customerId, attestationId }, actor = consultant) =>
      addAttestationAttachment(actor, { ...ids, fileName, bytes }, request());

    await expect(upload("invoice.pdf", EXE)).rejects.toMatchObject({
      code: "BAD_INPUT",
      fieldErrors: { file: "invoice.pdf is not a PDF, PNG, JPEG or CSV file. Attach a PDF, PNG, JPEG or CSV file." },
    });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    PDF.copy(big);
    await expect(upload("big.pdf", big)).rejects.toMatchObject({ code: "TOO_LARGE" });

    const other = await createCustomer(db(), { name: "Elsewhere plc" });
    const foreignAttestation = await db().attestation.create({
      data: {
        customerId: other.id,
        controlId: "BAK-4",
        note: "theirs",
        attestedById: consultant.userId,
        validUntil: new Date(Date.now() + 86_400_000),
      },
    });
    await expect(
      upload("restore.pdf", PDF, { customerId: other.id, attestationId: foreignAttestation.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another customer's attestation under this customer's URL is just as absent.
    await expect(
      upload("restore.pdf", PDF, { customerId, attestationId: foreignAttestation.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const viewer = await actorOf(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId }));
    await expect(upload("restore.pdf", PDF, { customerId, attestationId }, viewer)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db().attestationAttachment.count()).toBe(before);
  });
});

describe("evidence pack: request → queued job → download", () => {
  it("builds the requested pack in the job the worker runs; the download verifies and carries the files", async () => {
    const attestationId = await attest();
    const file = await addAttestationAttachment(
      consultant,
      { customerId, attestationId, fileName: "restore-witness.pdf", bytes: PDF },
      request(),
    );

    const requested = await requestEvidencePackAction({ customerId, asOf: "", from: "", to: "" });
    expect(requested.serverError).toBeUndefined();
    const packId = requested.data!.packId;
    expect((await listEvidencePacks(consultant, customerId)).packs).toContainEqual(
      expect.objectContaining({ id: packId, status: "QUEUED" }),
    );

    // The queued job, fetched from pg-boss as the worker does, run by the handler the worker runs.
    const boss = new PgBoss({ connectionString: env().DATABASE_URL!, schedule: false, supervise: false, max: 1 });
    await boss.start();
    try {
      const [job] = await boss.fetch<{ packId: string }>(EVIDENCE_PACK_QUEUE);
      expect(job?.data).toEqual({ packId });
      await evidencePackJob.handler(parseJobPayload(evidencePackJob, job!.data));
      await boss.complete(EVIDENCE_PACK_QUEUE, job!.id);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }

    const download = await getEvidencePackDownload(consultant, customerId, packId);
    const report = verifyPack(download.zip);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const entries = unzipSync(download.zip);
    const path = `attachments/${file.id}-restore-witness.pdf`;
    expect(Buffer.from(entries[path]!).equals(PDF)).toBe(true);
    expect(report.manifest?.files).toContainEqual({ path, sha256: file.sha256, size: PDF.length });
    const content = JSON.parse(strFromU8(entries["pack.json"]!)) as PackContent;
    const attested = content.controls.find((control) => control.id === "BAK-4")?.attestations ?? [];
    expect(attested.flatMap((row) => row.attachments)).toContainEqual(
      expect.objectContaining({ fileName: "restore-witness.pdf", sha256: file.sha256, path }),
    );
  }, 120_000);
});
